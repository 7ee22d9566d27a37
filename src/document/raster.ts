/**
 * SVG to PNG, for formats that need a bitmap beside (or instead of) an SVG — DOCX's fallback
 * picture, which LibreOffice and Word before 2016 show. Skia (@napi-rs/canvas, MIT) draws it with
 * the bundled DejaVu fonts registered, so the same SVG gives the same bytes. (resvg was used
 * first; its MPL-2.0 licence is not on our list of permissive runtime licences.)
 */
import { createCanvas, GlobalFonts, Image } from '@napi-rs/canvas';
import { DEJAVU } from './fonts.js';

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

/** Renders an SVG to a PNG `widthPx` pixels wide (its proportions kept). */
export function svgToPng(svg: string, widthPx: number): Uint8Array {
  const key = `${Math.max(1, Math.round(widthPx))}\0${svg}`;
  const hit = drawn.get(key);
  if (hit) return hit.slice();
  const png = draw(svg, widthPx);
  if (drawn.size >= 8) drawn.clear();
  drawn.set(key, png);
  return png.slice();
}

function draw(svg: string, widthPx: number): Uint8Array {
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
  return new Uint8Array(canvas.toBuffer('image/png'));
}
