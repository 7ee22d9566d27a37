import { describe, expect, it } from 'vitest';
import { createDoc, heading, paragraph } from './model.js';
import { columnFractions, documentDate, headingAnchors, imageSize, pngSize, svgSize } from './shared.js';
import { svgToPng } from './raster.js';

describe('shared helpers', () => {
  it('gives headings unique anchors that are valid bookmark names', () => {
    const blocks = [heading(1, 'Key lines of enquiry'), heading(2, 'Key lines of enquiry'), heading(1, '1. Überblick'), { ...heading(3, 'x'), id: 'custom' }, { ...heading(3, 'y'), id: 'not valid!' }];
    expect([...headingAnchors(blocks).values()]).toEqual(['key-lines-of-enquiry', 'key-lines-of-enquiry-2', 'h-1-uberblick', 'custom', 'not-valid']);
  });

  it('reads the date from the document, else SOURCE_DATE_EPOCH, else none', () => {
    const doc = createDoc({ title: 'T' }, [paragraph('x')]);
    expect(documentDate(doc, {})).toBeUndefined();
    expect(documentDate(doc, { SOURCE_DATE_EPOCH: '86400' })?.toISOString()).toBe('1970-01-02T00:00:00.000Z');
    expect(documentDate(doc, { SOURCE_DATE_EPOCH: 'soon' })).toBeUndefined();
    const dated = createDoc({ title: 'T', date: new Date('2020-01-01T00:00:00Z') }, []);
    expect(documentDate(dated, { SOURCE_DATE_EPOCH: '86400' })?.toISOString()).toBe('2020-01-01T00:00:00.000Z');
  });

  it('sizes pictures from their own proportions, within the text width', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"></svg>';
    expect(svgSize(svg)).toEqual({ width: 200, height: 100 });
    expect(imageSize({ type: 'image', svg, width: 300, alt: '' }, 1000)).toEqual({ width: 300, height: 150 });
    expect(imageSize({ type: 'image', svg, width: 300, alt: '' }, 100)).toEqual({ width: 100, height: 50 });
    const png = svgToPng(svg, 40);
    expect(pngSize(png)).toEqual({ width: 40, height: 20 });
    expect(Buffer.from(svgToPng(svg, 40)).equals(Buffer.from(png))).toBe(true);
  });

  it('turns column weights into fractions', () => {
    expect(columnFractions([{ width: 1 }, { width: 3 }], 2)).toEqual([0.25, 0.75]);
    expect(columnFractions(undefined, 4)).toEqual([0.25, 0.25, 0.25, 0.25]);
  });
});
