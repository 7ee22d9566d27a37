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
  it('reads UTF-16 (Notepad\'s "Unicode", Excel\'s "Unicode Text", PowerShell\'s >), with or without a byte order mark', () => {
    const text = 'id\tevent\r\n1\tCafé visit by Darren Hollowell\r\n';
    const le = Buffer.from(text, 'utf16le');
    const be = Buffer.from(text, 'utf16le').swap16();
    expect(decode(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual({ text, encoding: 'utf-16le-bom', binary: false });
    expect(decode(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({ text, encoding: 'utf-16be-bom', binary: false });
    expect(decode(le)).toEqual({ text, encoding: 'utf-16le', binary: false });
    expect(decode(be)).toEqual({ text, encoding: 'utf-16be', binary: false });
  });
  it('binary files with zero bytes are not taken for UTF-16', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
    expect(decode(png).binary).toBe(true);
    expect(decode(Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0])).binary).toBe(true); // UTF-32: not read, not misread
    expect(decode(Buffer.alloc(64)).binary).toBe(true);
    // quiet 16-bit audio: zeros on one side, but no text on the other
    const audio = Buffer.alloc(4096);
    for (let i = 0; i < audio.length; i += 2) audio[i] = 1 + ((i * 7919) % 250);
    expect(decode(audio).encoding).not.toMatch(/utf-16/);
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
