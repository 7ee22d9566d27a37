import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldCluster, readerView } from './normalise.js';

/** The original text of a view span. */
function original(text: string, start: number, end: number): string {
  const v = readerView(text);
  return text.slice(v.toStart(start), v.toEnd(end));
}

describe("the reader's view of a text", () => {
  it('leaves plain ASCII without markup alone: no copy, no map', () => {
    const v = readerView('Adult A told the GP (01632 960000) on 3 May.');
    expect(v.identity).toBe(true);
    expect(v.toStart(5)).toBe(5);
  });

  it('decodes character references and maps positions back to them', () => {
    const t = 'Seen: J&#111;anna &amp; J&#x6F;e and Jo&eacute;';
    const v = readerView(t);
    expect(v.text).toBe('Seen: Joanna & Joe and Joé');
    const at = v.text.indexOf('Joanna');
    expect(original(t, at, at + 6)).toBe('J&#111;anna');
    const joe = v.text.indexOf('Joé');
    expect(original(t, joe, joe + 3)).toBe('Jo&eacute;');
  });

  it('ignores inline tags, reads block tags as a space, and marks lost attributes', () => {
    const v = readerView('Jo<span>anna</span> W<b class="x">hitby</b><br>Next');
    expect(v.text).toBe('Joanna Whitby Next');
    expect(v.lossy).toBe(true);
    expect(readerView('Jo<em>anna</em>').lossy).toBe(false);
  });

  it('removes emphasis markers between letters only', () => {
    expect(readerView('Jo**anna** and J_o_anna, snake_case, *stars* and 2*3').text).toBe('Joanna** and Joanna, snakecase, *stars* and 2*3');
  });

  it('folds look-alike letters, full-width letters, format characters and soft hyphens', () => {
    expect(readerView('J\u043Eanna').text).toBe('Joanna'); // Cyrillic o
    expect(readerView('\u0391dult \u0410').text).toBe('Adult A'); // Greek and Cyrillic capital A
    expect(readerView('\uFF2A\uFF4F').text).toBe('Jo'); // full-width
    expect(readerView('Jo\u200Ban\u00ADna\u2060').text).toBe('Joanna');
    expect(readerView('Jo\u00A0Whitby').text).toBe('Jo Whitby');
    expect(readerView('\u0406an').text).toBe('Ian'); // Cyrillic capital I reads as a Latin capital I
  });

  it('takes the letter before a combining mark, but not a letter a character reference ended with', () => {
    const v = readerView('Zoe\u0308 and Jo\u0336anna');
    expect(v.text).toBe('Zoë and Jo\u0336anna'.normalize('NFC'));
    // "ë" in the view stands for "e\u0308" in the text: its start maps to the e
    expect(v.toStart(v.text.indexOf('ë'))).toBe(2);
    // "&#x4A" (a J, no semicolon) ends with the letter A: the é after it stands alone
    const r = readerView('x &#x4A\u00e9 &#x4A\u0301');
    expect(r.text).toBe('x J\u00e9 J\u0301');
    expect(r.toStart(3)).toBe(7); // the é, after the six characters of the reference
    expect(r.toStart(2)).toBe(2); // the J, the reference itself
  });

  it("decodes percent-encoding, as in a link's address, and leaves what is not UTF-8 or not encoding", () => {
    const v = readerView('https://example.org/?q=Joanna%20Whitby&x=J%C3%B3anna and 50%, 100%25, %E2%28');
    expect(v.text).toBe('https://example.org/?q=Joanna Whitby&x=Jóanna and 50%, 100%, %E2%28');
    expect(v.toStart(v.text.indexOf('Whitby'))).toBe('https://example.org/?q=Joanna%20'.length);
  });

  it('keeps letters with accents and the usual punctuation readable', () => {
    expect(foldCluster('é')).toBe('é');
    expect(readerView('Zoe\u0308 Brontë').text).toBe('Zoë Brontë');
    expect(foldCluster('£')).toBe('£');
  });

  it('maps every view span back inside the original text, in order (property)', () => {
    const piece = fc.constantFrom('a', 'B', ' ', '&amp;', '&#75;', '<span>', '</b>', '<br>', '**', '_', '\u200B', '\u00AD', '\u043E', '\uFF2A', 'é', 'e\u0301', '\n', '&bogus;', '<');
    fc.assert(fc.property(fc.array(piece, { maxLength: 30 }), fc.nat(), fc.nat(), (parts, x, y) => {
      const text = parts.join('');
      const v = readerView(text);
      const n = v.text.length;
      const a = n ? x % (n + 1) : 0;
      const b = n ? a + (y % (n - a + 1)) : 0;
      const s = v.toStart(a);
      const e = v.toEnd(b);
      expect(s).toBeGreaterThanOrEqual(0);
      expect(e).toBeLessThanOrEqual(text.length);
      if (b > a) expect(e).toBeGreaterThan(s);
      // each character of the view comes from a non-empty piece of the original, in order
      let prev = 0;
      for (let i = 0; i < n; i++) {
        expect(v.toEnd(i + 1)).toBeGreaterThan(v.toStart(i));
        expect(v.toStart(i)).toBeGreaterThanOrEqual(prev);
        prev = v.toStart(i);
      }
    }), { numRuns: 300 });
  });
});
