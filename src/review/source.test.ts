import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decode, lineStarts, positionAt } from './source.js';

describe('decoding input files', () => {
  it('reads plain ASCII as UTF-8 (not ISO-8859-1)', () => {
    expect(decode(Buffer.from('id,date\n1,2020\n'))).toMatchObject({ encoding: 'utf-8', binary: false });
  });
  it('strips a UTF-8 BOM and says so', () => {
    const r = decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a,£\n')]));
    expect(r).toMatchObject({ text: 'a,£\n', encoding: 'utf-8-bom' });
  });
  it('decodes Windows-1252 as Excel writes it, keeping £ and curly quotes', () => {
    const bytes = iconv.encode('event\nPaid £250 for “repairs” – café\n', 'windows-1252');
    const r = decode(bytes);
    expect(r.encoding).toBe('windows-1252');
    expect(r.text).toBe('event\nPaid £250 for “repairs” – café\n');
    expect(r.text).not.toContain('\uFFFD');
  });
  it('flags NUL bytes as binary', () => {
    expect(decode(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00])).binary).toBe(true);
  });
});

describe('offsets to positions', () => {
  it('maps offsets across LF, CRLF and CR line ends', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const s = lineStarts(text);
    expect(positionAt(s, 0)).toEqual({ line: 1, column: 1 });
    expect(positionAt(s, 4)).toEqual({ line: 2, column: 2 });
    expect(positionAt(s, 7)).toEqual({ line: 3, column: 1 });
    expect(positionAt(s, 11)).toEqual({ line: 4, column: 2 });
  });
});
