/**
 * SVG to PNG, for formats that need a bitmap beside (or instead of) an SVG — DOCX's fallback
 * picture, which LibreOffice and Word before 2016 show. resvg draws it with the bundled DejaVu
 * fonts only, so the same SVG always gives the same bytes.
 */
import { Resvg } from '@resvg/resvg-js';
import { DEJAVU } from './fonts.js';

const fontFiles = [DEJAVU.sans, DEJAVU.mono, DEJAVU.serif].flatMap((f) => Object.values(f));

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
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: Math.max(1, Math.round(widthPx)) },
    font: {
      loadSystemFonts: false,
      fontFiles,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
      serifFamily: 'DejaVu Serif',
      monospaceFamily: 'DejaVu Sans Mono',
    },
    logLevel: 'off',
  });
  return new Uint8Array(resvg.render().asPng());
}
