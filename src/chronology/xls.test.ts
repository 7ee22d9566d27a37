import CFB from 'cfb';
import { describe, expect, it } from 'vitest';
import { isDateFormat, readXls, rkNumber, XlsError } from './xls.js';

// A BIFF8 workbook built record by record (MS-XLS), with invented content.
const rec = (id: number, ...parts: Array<Buffer | number[]>) => {
  const data = Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p))));
  const head = Buffer.alloc(4);
  head.writeUInt16LE(id, 0);
  head.writeUInt16LE(data.length, 2);
  return Buffer.concat([head, data]);
};
const u16 = (n: number) => { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; };
const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32LE(n >>> 0); return b; };
const f64 = (n: number) => { const b = Buffer.alloc(8); b.writeDoubleLE(n); return b; };
const str16 = (s: string) => Buffer.concat([u16(s.length), Buffer.from([0]), Buffer.from(s, 'latin1')]);
/** An RK holding an integer (the low bits say so). */
const rkInt = (n: number) => u32((n << 2) | 2);

function workbook(opts: { date1904?: boolean; password?: boolean } = {}): Uint8Array {
  const strings = ['Date', 'Event', 'Visit to Adult A'];
  const sst = rec(0x00fc, u32(strings.length), u32(strings.length), ...strings.map(str16));
  // formats: XF 0 general, XF 1 a custom date format (ifmt 164), XF 2 built-in date 14
  const globalsWithoutSheet = (sheetAt: number) => Buffer.concat([
    rec(0x0809, [0, 6, 5, 0], Buffer.alloc(12)),
    ...(opts.password ? [rec(0x002f, [0, 0])] : []),
    rec(0x0022, u16(opts.date1904 ? 1 : 0)),
    rec(0x041e, u16(164), str16('dd/mm/yyyy')),
    rec(0x00e0, u16(0), u16(0), Buffer.alloc(16)),
    rec(0x00e0, u16(0), u16(164), Buffer.alloc(16)),
    rec(0x00e0, u16(0), u16(14), Buffer.alloc(16)),
    rec(0x0085, u32(sheetAt), [0, 0], [6, 0], Buffer.from('Police', 'latin1')),
    sst,
    rec(0x000a),
  ]);
  const globals = globalsWithoutSheet(0);
  const at = globals.length;
  const sheet = Buffer.concat([
    rec(0x0809, [0, 6, 0x10, 0], Buffer.alloc(12)),
    rec(0x00fd, u16(0), u16(0), u16(0), u32(0)), // A1 "Date"
    rec(0x00fd, u16(0), u16(1), u16(0), u32(1)), // B1 "Event"
    rec(0x027e, u16(1), u16(0), u16(1), rkInt(44289)), // A2 2021-04-03, custom date format
    rec(0x00fd, u16(1), u16(1), u16(0), u32(2)), // B2 "Visit to Adult A"
    rec(0x0203, u16(2), u16(0), u16(2), f64(44328.5)), // A3 2021-05-12 12:00, built-in date format
    rec(0x0204, u16(2), u16(1), u16(0), str16('Call, by phone')), // B3 an inline label
    rec(0x00bd, u16(3), u16(2), u16(0), rkInt(7), u16(0), rkInt(8), u16(3)), // C4:D4 7, 8 (general)
    rec(0x0006, u16(4), u16(1), u16(0), [0, 0, 0, 0, 0, 0, 0xff, 0xff], Buffer.alloc(6)), // B5 a formula with a string result
    rec(0x0207, str16('Formula text')),
    rec(0x000a),
  ]);
  const cfb = CFB.utils.cfb_new();
  CFB.utils.cfb_add(cfb, 'Workbook', Buffer.concat([globalsWithoutSheet(at), sheet]));
  return new Uint8Array(CFB.write(cfb, { type: 'buffer' }) as Buffer);
}

describe('Excel 97–2003 workbooks (.xls)', () => {
  it('reads the first worksheet: shared and inline text, RK, MULRK and NUMBER cells, formula results; dates by their format', () => {
    const sheet = readXls(workbook());
    expect(sheet.name).toBe('Police');
    expect(sheet.rows.map((r) => r.number)).toEqual([1, 2, 3, 4, 5]);
    expect(sheet.rows[0].cells).toEqual(['Date', 'Event']);
    expect(sheet.rows[1].cells).toEqual([new Date(Date.UTC(2021, 3, 3)), 'Visit to Adult A']);
    expect(sheet.rows[2].cells).toEqual([new Date(Date.UTC(2021, 4, 12, 12)), 'Call, by phone']);
    expect(sheet.rows[3].cells).toEqual([null, null, 7, 8]); // general format: numbers stay numbers
    expect(sheet.rows[4].cells).toEqual([null, 'Formula text']);
  });

  it('counts dates from 1904 when the workbook says so (old Mac Excel)', () => {
    expect(readXls(workbook({ date1904: true })).rows[1].cells[0]).toEqual(new Date(Date.UTC(2025, 3, 4)));
  });

  it('refuses what it cannot read, in words: a password, an older format, not a workbook', () => {
    expect(() => readXls(workbook({ password: true }))).toThrow(/password/);
    const book = CFB.utils.cfb_new();
    CFB.utils.cfb_add(book, 'Book', Buffer.alloc(16));
    expect(() => readXls(new Uint8Array(CFB.write(book, { type: 'buffer' }) as Buffer))).toThrow(/Excel 5\.0\/95/);
    expect(() => readXls(Buffer.from('not a workbook at all'))).toThrow(XlsError);
  });

  it('RK numbers and date formats', () => {
    expect(rkNumber((1234 << 2) | 2)).toBe(1234);
    expect(rkNumber((1234 << 2) | 3)).toBe(12.34);
    expect(rkNumber(0x3ff00000)).toBe(1); // the high 32 bits of 1.0
    expect(isDateFormat('dd/mm/yyyy')).toBe(true);
    expect(isDateFormat('[h]:mm')).toBe(true);
    expect(isDateFormat('[Red]#,##0.00')).toBe(false);
    expect(isDateFormat('"days" 0')).toBe(false);
    expect(isDateFormat('General')).toBe(false);
  });
});
