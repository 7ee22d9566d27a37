import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderDocx } from './docx.js';
import { blockquoteOf, bulletList, createDoc, pageBreak, paragraph, type Block } from './model.js';
import { docxFallbacks, drawPng, prerenderPng, svgToPng } from './raster.js';

const svg = (w: number, h: number, label: string) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}" height="${h}">`
  + `<rect x="4" y="4" width="${w - 8}" height="${h - 8}" fill="#ddeeff" stroke="#1f3864"/><text x="12" y="30" font-family="DejaVu Sans" font-size="16">${label}</text></svg>`;
const image = (s: string, width: number): Block => ({ type: 'image', svg: s, width, alt: 'a picture' });

/** Width and height of each PNG in a DOCX (its IHDR), in the order of the file names. */
function pngSizes(docx: Uint8Array): Array<[number, number]> {
  return Object.entries(unzipSync(docx)).filter(([k]) => k.endsWith('.png')).sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, b]) => {
      const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
      return [v.getUint32(16), v.getUint32(20)];
    });
}

describe('PNG fallbacks drawn ahead', () => {
  it('are the bytes svgToPng draws on the spot', async () => {
    const s = svg(400, 200, 'ahead');
    await prerenderPng(s, 333);
    expect(Buffer.from(svgToPng(s, 333)).equals(Buffer.from(drawPng(s, 333)))).toBe(true);
  });

  it('are asked for at the widths the DOCX writer uses, on portrait and turned pages', async () => {
    const doc = createDoc({ title: 'Pictures' }, [
      paragraph('portrait'),
      image(svg(300, 150, 'small'), 200),
      image(svg(800, 400, 'wide'), 900),
      blockquoteOf([image(svg(500, 300, 'quoted'), 300)]),
      bulletList([[paragraph('item'), image(svg(600, 200, 'listed'), 250)]]),
      pageBreak('landscape'),
      image(svg(1600, 860, 'turned'), 728),
    ]);
    const wanted = docxFallbacks(doc);
    expect(wanted).toHaveLength(5);
    const sizes = pngSizes(await renderDocx(doc));
    expect(sizes.map(([w]) => w).sort((a, b) => a - b)).toEqual(wanted.map((f) => f.widthPx).sort((a, b) => a - b));
    // the landscape page's text width is wider: its picture is drawn wider than the portrait one
    expect(wanted[4]!.widthPx).toBeGreaterThan(wanted[1]!.widthPx);
  }, 60_000);
});
