/**
 * SVG to PNG, for formats that need a bitmap beside (or instead of) an SVG — DOCX's fallback
 * picture, which LibreOffice and Word before 2016 show. Skia (@napi-rs/canvas, MIT) draws it with
 * the bundled DejaVu fonts registered, so the same SVG gives the same bytes. (resvg was used
 * first; its MPL-2.0 licence is not on our list of permissive runtime licences.)
 */
import { createCanvas, GlobalFonts, Image, type Canvas } from '@napi-rs/canvas';
import { DEJAVU } from './fonts.js';
import type { Block, Doc } from './model.js';
import { imageSize, textWidthFor } from './shared.js';

let fontsRegistered = false;
function registerFonts(): void {
  if (fontsRegistered) return;
  for (const [family, files] of [['DejaVu Sans', DEJAVU.sans], ['DejaVu Sans Mono', DEJAVU.mono], ['DejaVu Serif', DEJAVU.serif]] as const) {
    for (const f of Object.values(files)) GlobalFonts.registerFromPath(f, family);
  }
  fontsRegistered = true;
}

/** PNGs already drawn: a build puts the same timeline into several documents (drawn once). */
const drawn = new Map<string, Uint8Array>();
/** PNGs drawn ahead by prerenderPng, not yet asked for. */
const ahead = new Map<string, Uint8Array>();
/** Drawings ahead under way. */
const drawing = new Map<string, Promise<void>>();

const keyOf = (svg: string, widthPx: number) => `${Math.max(1, Math.round(widthPx))}\0${svg}`;

/** Renders an SVG to a PNG `widthPx` pixels wide (its proportions kept). */
export function svgToPng(svg: string, widthPx: number): Uint8Array {
  const key = keyOf(svg, widthPx);
  const hit = drawn.get(key) ?? ahead.get(key);
  if (hit) {
    ahead.delete(key);
    remember(key, hit);
    return hit.slice();
  }
  const png = drawPng(svg, widthPx);
  remember(key, png);
  return png.slice();
}

function remember(key: string, png: Uint8Array): void {
  if (drawn.has(key)) return;
  if (drawn.size >= 8) drawn.clear();
  drawn.set(key, png);
}

/**
 * Draws the PNG that `svgToPng(svg, widthPx)` will be asked for, ahead of time: the PNG is
 * compressed on one of libuv's threads, so a build's other work goes on meanwhile (six timeline
 * pages cost about a second). The bytes are those svgToPng would draw.
 */
export function prerenderPng(svg: string, widthPx: number): Promise<void> {
  const key = keyOf(svg, widthPx);
  if (drawn.has(key) || ahead.has(key)) return Promise.resolve();
  let p = drawing.get(key);
  if (!p) {
    let encoded: Promise<Buffer>;
    let canvas: Canvas | undefined;
    try {
      canvas = canvasOf(svg, widthPx);
      encoded = canvas.encode('png');
    } catch (e) {
      return Promise.reject(e); // never thrown here: svgToPng, asked later, reports it
    }
    p = encoded.then((b) => {
      if (ahead.size >= 32) ahead.clear(); // drawn ahead and never asked for: not kept for ever
      ahead.set(key, new Uint8Array(b));
    }).finally(() => {
      drawing.delete(key);
      // the canvas is held until its encoding on libuv's thread is done: collected sooner, Skia
      // would read freed memory (one in two builds without the writer worker ended in SIGSEGV)
      canvas = undefined;
    });
    drawing.set(key, p);
  }
  return p;
}

/** docx.ts's widest fallback, kept in step by hand: a mismatch only loses the head start (svgToPng draws it then). */
const FALLBACK_MAX_PX = 1500;

/** The (svg, width) pairs the DOCX writer rasterises for a document, as src/document/docx.ts sizes them. */
export function docxFallbacks(doc: Doc): Array<{ svg: string; widthPx: number }> {
  const out: Array<{ svg: string; widthPx: number }> = [];
  let orientation = doc.options.orientation;
  const walk = (blocks: readonly Block[], nested: boolean): void => {
    for (const b of blocks) {
      if (b.type === 'image' && b.svg !== undefined && b.png === undefined) {
        const size = imageSize(b, textWidthFor(orientation));
        const width = Math.round((size.width * 96) / 72);
        out.push({ svg: b.svg, widthPx: Math.min(width * 2, Math.max(width, FALLBACK_MAX_PX)) });
      } else if (b.type === 'pageBreak' && b.orientation && !nested) orientation = b.orientation;
      else if (b.type === 'blockquote') walk(b.children, true);
      else if (b.type === 'list') for (const item of b.items) walk(item, true);
    }
  };
  walk(doc.blocks, false);
  return out;
}

/** Draws a PNG now, on this thread. */
export function drawPng(svg: string, widthPx: number): Uint8Array {
  return new Uint8Array(canvasOf(svg, widthPx).toBuffer('image/png'));
}

function canvasOf(svg: string, widthPx: number): Canvas {
  registerFonts();
  const img = new Image();
  img.src = Buffer.from(svg, 'utf8');
  const w = Math.max(1, Math.round(widthPx));
  const h = Math.max(1, Math.round((img.height || w) * (w / (img.width || w))));
  const canvas = createCanvas(w, h);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, w, h);
  ctx.drawImage(img, 0, 0, w, h);
  return canvas;
}
