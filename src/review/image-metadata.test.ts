/**
 * Tests of the image metadata reader: small images built byte by byte here (PNG, JPEG, GIF, WebP,
 * TIFF), holding fictional names in their metadata fields, and damaged or hostile files that must
 * give what can be read without throwing.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { imageMetadata } from './image-metadata.js';

// ---------------------------------------------------------------------------------------------
// Byte helpers

type Part = Uint8Array | number[] | string;

/** Joins parts: byte arrays as they are, strings as UTF-8. */
function cat(...parts: Part[]): Uint8Array {
  const arrays = parts.map((p) => (typeof p === 'string' ? new TextEncoder().encode(p) : p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

const latin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));
const u16 = (n: number, le = false) => (le ? [n & 0xff, (n >> 8) & 0xff] : [(n >> 8) & 0xff, n & 0xff]);
const u32 = (n: number, le = false) => {
  const be = [(n >>> 24) & 0xff, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff];
  return le ? be.reverse() : be;
};
function utf16(s: string, le: boolean): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) out.push(...u16(s.charCodeAt(i), le));
  return out;
}
const lines = (bytes: Uint8Array) => imageMetadata(bytes)!.text.split('\n');

// ---------------------------------------------------------------------------------------------
// TIFF structures

type Entry =
  | { tag: number; type: number; value: Uint8Array | number[]; count?: number; offset?: number }
  | { tag: number; ifd: Entry[]; pointer?: number };

const TYPE_SIZE: Record<number, number> = { 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 7: 1 };
const asciiTag = (tag: number, s: string): Entry => ({ tag, type: 2, value: cat(s, [0]) });

/**
 * A TIFF structure with IFD0 = `entries` (an entry with `ifd` is a pointer to a sub-directory),
 * then the `pages` chained after it; `next` is the last directory's next-IFD offset.
 */
function tiff(entries: Entry[], { le = true, next = 0, pages = [] as Entry[][] } = {}): Uint8Array {
  const out: number[] = [...latin1(le ? 'II' : 'MM'), ...u16(42, le), ...u32(8, le)];
  const set32 = (at: number, n: number) => out.splice(at, 4, ...u32(n, le));
  /** Writes a directory and its values; returns its offset and where its next-IFD offset is. */
  function writeIfd(list: Entry[], nextOffset: number): [number, number] {
    const at = out.length;
    out.push(...u16(list.length, le));
    const later: [number, Entry][] = [];
    for (const e of list) {
      out.push(...u16(e.tag, le));
      if ('ifd' in e) {
        out.push(...u16(4, le), ...u32(1, le));
        if (e.pointer === undefined) later.push([out.length, e]);
        out.push(...u32(e.pointer ?? 0, le));
        continue;
      }
      out.push(...u16(e.type, le), ...u32(e.count ?? e.value.length / TYPE_SIZE[e.type], le));
      if (e.offset !== undefined) {
        out.push(...u32(e.offset, le));
      } else if (e.value.length <= 4) {
        out.push(...e.value, ...new Array(4 - e.value.length).fill(0));
      } else {
        later.push([out.length, e]);
        out.push(0, 0, 0, 0);
      }
    }
    const nextAt = out.length;
    out.push(...u32(nextOffset, le));
    for (const [pos, e] of later) {
      if ('ifd' in e) {
        set32(pos, writeIfd(e.ifd, 0)[0]);
      } else {
        set32(pos, out.length);
        out.push(...e.value);
        if (out.length & 1) out.push(0);
      }
    }
    return [at, nextAt];
  }
  let [, nextAt] = writeIfd(entries, pages.length ? 0 : next);
  pages.forEach((page, i) => {
    const [at, pageNextAt] = writeIfd(page, i === pages.length - 1 ? next : 0);
    set32(nextAt, at);
    nextAt = pageNextAt;
  });
  return Uint8Array.from(out);
}

/** A GPS latitude of 51° 30' 0" as three RATIONALs. */
const latitude = (le: boolean): Entry => ({ tag: 0x0002, type: 5, value: [...u32(51, le), ...u32(1, le), ...u32(30, le), ...u32(1, le), ...u32(0, le), ...u32(1, le)] });

// ---------------------------------------------------------------------------------------------
// Containers

/** A JPEG: SOI, the segments given, a start of scan with some "pixel" bytes, EOI. */
function jpeg(...segments: [number, Part][]): Uint8Array {
  const segs = segments.map(([marker, payload]) => {
    const data = cat(payload);
    return cat([0xff, marker], u16(data.length + 2), data);
  });
  return cat([0xff, 0xd8], ...segs, [0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 0x3f, 0], [0x12, 0x34, 0x56, 0x78], [0xff, 0xd9]);
}
const exifSegment = (t: Uint8Array): [number, Part] => [0xe1, cat('Exif\0\0', t)];
const xmpSegment = (xml: string): [number, Part] => [0xe1, cat('http://ns.adobe.com/xap/1.0/\0', xml)];

/** IPTC-IIM dataset: 0x1C, record, dataset, 2-byte length, data. */
const iptc = (record: number, dataset: number, data: Part) => {
  const d = cat(data);
  return cat([0x1c, record, dataset], u16(d.length), d);
};
/** A Photoshop image resource block with an empty name. */
const resource = (id: number, data: Uint8Array) => cat('8BIM', u16(id), [0, 0], u32(data.length), data, data.length & 1 ? [0] : []);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = ~0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}
const chunk = (type: string, data: Part) => {
  const body = cat(type, data);
  return cat(u32(body.length - 4), body, u32(crc32(body)));
};
/** A 1×1 PNG with the chunks given between IHDR and IDAT. */
function png(...chunks: Uint8Array[]): Uint8Array {
  return cat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], chunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]), ...chunks,
    chunk('IDAT', deflateSync(Uint8Array.from([0, 0])) as Uint8Array), chunk('IEND', []));
}

/** GIF data sub-blocks of at most `size` bytes, then the terminator. */
function subBlocks(data: Uint8Array, size = 255): Uint8Array {
  const parts: Part[] = [];
  for (let i = 0; i < data.length; i += size) {
    const piece = data.subarray(i, i + size);
    parts.push([piece.length], piece);
  }
  return cat(...parts, [0]);
}
/** A 1×1 GIF89a with a 2-colour global table, the extensions given, one image, the trailer. */
function gif(...extensions: Uint8Array[]): Uint8Array {
  const image = cat([0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0], [2], subBlocks(Uint8Array.from([0x44, 0x01])));
  return cat('GIF89a', [1, 0, 1, 0, 0x80, 0, 0], [0, 0, 0, 255, 255, 255], ...extensions, image, [0x3b]);
}
const gifComment = (text: string, size?: number) => cat([0x21, 0xfe], subBlocks(cat(text), size));
/** The XMP application extension: raw XML, then the 258-byte "magic trailer". */
function gifXmp(xml: string): Uint8Array {
  const trailer = [0x01];
  for (let b = 0xff; b >= 0; b--) trailer.push(b);
  return cat([0x21, 0xff, 11], 'XMP DataXMP', xml, trailer, [0]);
}

/** A WebP: RIFF header, a VP8L chunk of dummy bytes, the chunks given. */
function webp(...chunks: [string, Uint8Array][]): Uint8Array {
  const riffChunk = (type: string, data: Uint8Array) => cat(type, u32(data.length, true), data, data.length & 1 ? [0] : []);
  const body = cat('WEBP', riffChunk('VP8L', Uint8Array.from([0x2f, 0, 0, 0, 0])), ...chunks.map(([t, d]) => riffChunk(t, d)));
  return cat('RIFF', u32(body.length, true), body);
}

const xmpPacket = (inner: string) => `<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 5.6-c140">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  ${inner}
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;

// ---------------------------------------------------------------------------------------------
// Test images

const pngWithText = png(
  chunk('tEXt', cat(latin1('Author\0'), latin1('Joanna Whitby'))),
  chunk('iTXt', cat('Description\0', [1, 0], 'en-GB\0', 'Bildbeschreibung\0', deflateSync(cat('Kitchen of Darren Hollowell\nsecond line')) as Uint8Array)),
  chunk('zTXt', cat('Comment\0', [0], deflateSync(latin1('Taken by Zoë Pennington')) as Uint8Array)),
);

const exifMM = tiff([
  asciiTag(0x010f, 'Fictional Camera Co'),
  { tag: 0x0112, type: 3, value: u16(1) }, // Orientation: a number
  asciiTag(0x013b, 'Joanna Whitby'),
  { tag: 0x9c9d, type: 1, value: [...utf16('Zoë Hollowell', true), 0, 0] }, // XPAuthor: UTF-16LE even in an MM TIFF
  { tag: 0x8769, ifd: [
    { tag: 0x829a, type: 5, value: [...u32(1), ...u32(60)] }, // ExposureTime: a rational
    { tag: 0x927c, type: 7, value: cat('Nikon\0', 'Darren in the maker note') }, // MakerNote: skipped
    { tag: 0x9286, type: 7, value: cat('UNICODE\0', utf16('Kitchen at 14 Elm Row', false)) },
  ] },
  { tag: 0x8825, ifd: [asciiTag(0x0001, 'N'), latitude(false)] },
], { le: false });
const jpegWithExif = jpeg([0xe0, cat('JFIF\0', [1, 1, 0, 0, 1, 0, 1, 0, 0])], [0xfe, 'Scanned for Darren Hollowell'], exifSegment(exifMM));

const xmpWithSeq = xmpPacket(`<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
    photoshop:Credit="Joanna Whitby &amp; Partners" photoshop:City='Gloucester'>
   <dc:creator><rdf:Seq><rdf:li>Darren Hollowell</rdf:li></rdf:Seq></dc:creator>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Rear garden &lt;north&gt; &#x2014; view</rdf:li></rdf:Alt></dc:title>
   <!-- a comment with Marjorie in it -->
  </rdf:Description>`);
const jpegWithXmp = jpeg(xmpSegment(xmpWithSeq));

const jpegWithIptc = jpeg([0xed, cat('Photoshop 3.0\0', resource(0x0404, cat(
  iptc(1, 90, [0x1b, 0x25, 0x47]), // coded character set: not text
  iptc(2, 80, 'Joanna Whitby'),
  iptc(2, 55, '20240301'), // date created: not in the text list
  iptc(2, 120, 'Darren Hollowell at the front door'),
  iptc(2, 25, 'kitchen'),
  iptc(2, 25, 'Elm Row'),
  iptc(2, 105, latin1('Café scene')), // not UTF-8: read as Latin-1
)))]);

const gifWithComment = gif(
  cat([0x21, 0xf9, 4, 0, 0, 0, 0, 0]), // graphic control extension
  gifComment('Photograph by Darren Hollowell', 10),
  cat([0x21, 0xff, 11], 'NETSCAPE2.0', [3, 1, 0, 0, 0]),
  gifXmp(xmpPacket('<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator><rdf:Seq><rdf:li>Joanna Whitby</rdf:li></rdf:Seq></dc:creator></rdf:Description>')),
);

const webpWithExif = webp(
  ['EXIF', cat('Exif\0\0', tiff([asciiTag(0x010e, 'Hallway, Joanna Whitby\'s flat')]))],
  ['XMP ', cat(xmpPacket('<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" dc:source="Darren Hollowell"/>'))],
);

const tiffWithArtist = tiff([
  { tag: 0x0100, type: 4, value: u32(1, true) },
  asciiTag(0x013b, 'Joanna Whitby'),
  { tag: 0x02bc, type: 1, value: cat(xmpPacket('<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:rights>© Darren Hollowell</dc:rights></rdf:Description>')) },
  { tag: 0x83bb, type: 7, value: iptc(2, 5, 'Statement page') },
]);

const ALL = { pngWithText, jpegWithExif, jpegWithXmp, jpegWithIptc, gifWithComment, webpWithExif, tiffWithArtist };

// ---------------------------------------------------------------------------------------------

describe('image metadata (image-metadata.ts)', () => {
  it('PNG: tEXt, compressed iTXt and zTXt text, without keywords or the translated keyword', () => {
    expect(imageMetadata(pngWithText)).toEqual({
      text: 'Joanna Whitby\nKitchen of Darren Hollowell\nsecond line\nTaken by Zoë Pennington',
      gps: false,
    });
  });

  it('PNG: chunks after IEND are not read', () => {
    expect(lines(cat(png(chunk('tEXt', 'Author\0Joanna Whitby')), chunk('tEXt', 'Author\0Darren Hollowell')))).toEqual(['Joanna Whitby']);
  });

  it('PNG: XMP in iTXt read as XMP, ImageMagick hex EXIF profile decoded, eXIf read', () => {
    const exif = cat('Exif\0\0', tiff([asciiTag(0x013b, 'Darren Hollowell')]));
    const hex = Buffer.from(exif).toString('hex').replace(/(.{72})/g, '$1\n');
    const image = png(
      chunk('iTXt', cat('XML:com.adobe.xmp\0', [0, 0], '\0', '\0', xmpPacket('<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Joanna Whitby"/>'))),
      chunk('zTXt', cat('Raw profile type exif\0', [0], deflateSync(cat(`\nexif\n${String(exif.length).padStart(8)}\n${hex}\n`)) as Uint8Array)),
      chunk('eXIf', tiff([asciiTag(0x8298, 'Copyright Marjorie Pennington')])),
    );
    expect(lines(image)).toEqual(['Joanna Whitby', 'Darren Hollowell', 'Copyright Marjorie Pennington']);
  });

  it('JPEG: COM, EXIF Artist, XPAuthor (UTF-16LE), UserComment (UNICODE, big-endian TIFF) and a GPS latitude', () => {
    const found = imageMetadata(jpegWithExif)!;
    expect(found.text.split('\n')).toEqual([
      'Scanned for Darren Hollowell',
      'Fictional Camera Co',
      'Joanna Whitby',
      'Zoë Hollowell',
      'Kitchen at 14 Elm Row',
    ]);
    expect(found.gps).toBe(true);
  });

  it('JPEG: a GPS IFD without a latitude is no position', () => {
    const t = tiff([asciiTag(0x013b, 'Joanna Whitby'), { tag: 0x8825, ifd: [{ tag: 0x0000, type: 1, value: [2, 3, 0, 0] }] }]);
    expect(imageMetadata(jpeg(exifSegment(t)))).toEqual({ text: 'Joanna Whitby', gps: false });
  });

  it('JPEG: XMP element text in rdf:Seq/rdf:Alt and attribute values, entities decoded, no namespaces or comments', () => {
    expect(imageMetadata(jpegWithXmp)).toEqual({
      text: 'Joanna Whitby & Partners\nGloucester\nDarren Hollowell\nRear garden <north> — view',
      gps: false,
    });
  });

  it('JPEG: XMP exif:GPSLatitude, as an attribute or an element, is a position', () => {
    const attr = xmpPacket('<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="51,30.5N"/>');
    const elem = xmpPacket('<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/"><exif:GPSLatitude>51,30.5N</exif:GPSLatitude></rdf:Description>');
    expect(imageMetadata(jpeg(xmpSegment(attr)))!.gps).toBe(true);
    expect(imageMetadata(jpeg(xmpSegment(elem)))!.gps).toBe(true);
  });

  it('JPEG: extended XMP, split over two segments, is joined and read', () => {
    const xml = cat(xmpPacket('<rdf:Description rdf:about="" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"><photoshop:Instructions>Blur Darren Hollowell</photoshop:Instructions></rdf:Description>'));
    const id = 'A'.repeat(32);
    const piece = (from: number, to: number): [number, Part] => [0xe1, cat('http://ns.adobe.com/xmp/extension/\0', id, u32(xml.length), u32(from), xml.subarray(from, to))];
    expect(lines(jpeg(piece(100, xml.length), piece(0, 100)))).toEqual(['Blur Darren Hollowell']);
  });

  it('JPEG: IPTC by-line, caption and keywords from Photoshop resources; Latin-1 when not UTF-8', () => {
    expect(lines(jpegWithIptc)).toEqual(['Joanna Whitby', 'Darren Hollowell at the front door', 'kitchen', 'Elm Row', 'Café scene']);
  });

  it('JPEG: pixel data after the start of scan is never read', () => {
    // entropy-coded data that happens to look like a COM segment right after the start of scan
    const sos = [0xff, 0xda, 0x00, 0x08, 1, 1, 0, 0, 0x3f, 0];
    const image = cat([0xff, 0xd8, 0xff, 0xfe, 0, 15], 'Joanna Whitby', sos, [0xff, 0xfe, 0, 18], 'Darren Hollowell', [0xff, 0xd9]);
    expect(lines(image)).toEqual(['Joanna Whitby']);
  });

  it('GIF: comment sub-blocks joined, XMP application extension read', () => {
    expect(imageMetadata(gifWithComment)).toEqual({ text: 'Photograph by Darren Hollowell\nJoanna Whitby', gps: false });
  });

  it('WebP: EXIF chunk (with the Exif header) and XMP chunk', () => {
    expect(lines(webpWithExif)).toEqual(["Hallway, Joanna Whitby's flat", 'Darren Hollowell']);
  });

  it('TIFF: Artist, XMP (tag 700) and IPTC (tag 33723); numbers skipped', () => {
    expect(lines(tiffWithArtist)).toEqual(['Joanna Whitby', '© Darren Hollowell', 'Statement page']);
  });

  it('TIFF: the pages of a chain are read, big-endian too', () => {
    const pages = tiff([asciiTag(0x013b, 'Joanna Whitby')], { le: false, pages: [[asciiTag(0x010d, 'Page two: Darren Hollowell')], [asciiTag(0x011d, 'Marjorie Pennington')]] });
    expect(lines(pages)).toEqual(['Joanna Whitby', 'Page two: Darren Hollowell', 'Marjorie Pennington']);
  });

  it('each value once, in file order, control characters removed', () => {
    const t = tiff([asciiTag(0x013b, 'Joanna Whitby'), asciiTag(0x8298, 'Joanna Whitby'), asciiTag(0x010e, 'Line\u0007one\r\n  \r\nJoanna Whitby')]);
    const image = jpeg(exifSegment(t), xmpSegment(xmpPacket('<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator=" Joanna Whitby "/>')));
    expect(lines(image)).toEqual(['Joanna Whitby', 'Line one']);
  });

  it('an image without metadata gives no text and no position', () => {
    for (const image of [png(), jpeg(), gif(), webp(), tiff([{ tag: 0x0100, type: 4, value: u32(1, true) }])]) {
      expect(imageMetadata(image)).toEqual({ text: '', gps: false });
    }
  });

  it('HEIF and AVIF (an iPhone\'s photographs): the EXIF and XMP items, wherever the file keeps them', () => {
    const heic = cat([0, 0, 0, 0x18], 'ftypheic', new Array(16).fill(0), 'mdat', new Array(40).fill(7),
      [0, 0, 0, 6], 'Exif\0\0', tiff([asciiTag(0x013b, 'Joanna Whitby')]), new Array(9).fill(1),
      '<x:xmpmeta><rdf:RDF><rdf:Description><dc:creator><rdf:Seq><rdf:li>Darren Hollowell</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>');
    expect(lines(heic)).toEqual(['Joanna Whitby', 'Darren Hollowell']);
    expect(imageMetadata(cat([0, 0, 0, 0x18], 'ftypavif', new Array(16).fill(0)))).toEqual({ text: '', gps: false });
  });

  it('other bytes are not an image: null', () => {
    const others = [
      new Uint8Array(0),
      cat('%PDF-1.7\n'),
      cat('BM', new Array(60).fill(0)), // BMP
      cat('RIFF', u32(4, true), 'WAVE'),
      cat('Joanna Whitby'),
      Uint8Array.from([0x89, 0x50]), // the start of a PNG signature only
    ];
    for (const bytes of others) expect(imageMetadata(bytes)).toBeNull();
  });

  describe('hostile and damaged files', () => {
    it('an IFD whose next-IFD offset points to itself, and a sub-IFD pointing back at IFD0, terminate', () => {
      const loop = tiff([asciiTag(0x013b, 'Joanna Whitby'), { tag: 0x8769, ifd: [], pointer: 8 }], { next: 8 });
      expect(imageMetadata(loop)).toEqual({ text: 'Joanna Whitby', gps: false });
      expect(lines(jpeg(exifSegment(loop)))).toEqual(['Joanna Whitby']);
    });

    it('at most 10 IFDs are followed in a long chain', () => {
      // 20 directories, each with one inline Artist ("P00".."P19") and a next pointer to the following one
      const out: number[] = [...latin1('II'), ...u16(42, true), ...u32(8, true)];
      for (let i = 0; i < 20; i++) {
        const next = i < 19 ? 8 + 18 * (i + 1) : 0;
        out.push(...u16(1, true), ...u16(0x013b, true), ...u16(2, true), ...u32(4, true), ...latin1(`P${String(i).padStart(2, '0')}\0`), ...u32(next, true));
      }
      const found = lines(Uint8Array.from(out));
      expect(found).toHaveLength(10);
      expect(found[0]).toBe('P00');
    });

    it('counts and offsets beyond the end of the file are cut or skipped', () => {
      const t = tiff([
        asciiTag(0x013b, 'Joanna Whitby'),
        { tag: 0x010e, type: 2, value: [], count: 0xffffffff, offset: 8 }, // a value as long as the rest of the file
        { tag: 0x8298, type: 2, value: [], count: 40, offset: 0xfffffff0 }, // a value beyond the end
        { tag: 0x9c9b, type: 1, value: [], count: 0x7fffffff, offset: 0x7fffffff },
        { tag: 0x8825, ifd: [], pointer: 0xfffffff0 }, // a GPS IFD beyond the end
      ]);
      const bigCount = t.slice();
      bigCount.set(u16(0xffff, true), 8); // IFD0 claims 65535 entries
      for (const image of [t, bigCount, jpeg(exifSegment(t)), webp(['EXIF', t])]) {
        const found = imageMetadata(image)!;
        expect(found.text.split('\n')).toContain('Joanna Whitby');
        expect(found.gps).toBe(false);
      }
      // container lengths past the end
      expect(lines(cat(png(chunk('tEXt', 'Author\0Joanna Whitby')).subarray(0, 33 + 32), u32(0xffffffff), 'tEXt', 'x\0Darren'))).toEqual(['Joanna Whitby', 'Darren']);
      expect(lines(cat(webp(['EXIF', tiff([asciiTag(0x013b, 'Joanna Whitby')])]), 'XMP ', u32(0xfffffff0, true), '<a>Darren</a>'))).toEqual(['Joanna Whitby', 'Darren']);
      expect(lines(jpeg([0xed, cat('Photoshop 3.0\0', resource(0x0404, cat(iptc(2, 80, 'Joanna Whitby'), [0x1c, 2, 120, 0x7f, 0xf0], 'Darren')))]))).toEqual(['Joanna Whitby', 'Darren']);
      expect(lines(cat(gif(gifComment('Joanna Whitby')).subarray(0, -1), [0x21, 0xfe, 200], 'Darren'))).toEqual(['Joanna Whitby', 'Darren']);
    });

    it('every truncation of every test image returns without throwing (an object once the magic bytes are there)', () => {
      for (const [name, image] of Object.entries(ALL)) {
        for (let n = 0; n <= image.length; n++) {
          const cut = image.subarray(0, n);
          let found: ReturnType<typeof imageMetadata> = null;
          expect(() => { found = imageMetadata(cut); }, `${name} cut at ${n}`).not.toThrow();
          if (n >= 12) expect(found, `${name} cut at ${n}`).not.toBeNull();
        }
        expect(imageMetadata(image)!.text, name).not.toBe('');
      }
    });

    it('random damage to every test image never throws', () => {
      let seed = 12345;
      const random = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x80000000;
      let read = 0;
      for (const image of Object.values(ALL)) {
        for (let k = 0; k < 300; k++) {
          const damaged = image.slice();
          for (let j = 0; j < 1 + Math.floor(random() * 8); j++) damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
          const found = imageMetadata(damaged);
          if (found) read++;
          expect(found === null || typeof found.text === 'string').toBe(true);
        }
      }
      expect(read).toBeGreaterThan(1000); // most damaged files still have their magic bytes
    });

    it('a zTXt bomb (more than 1 MB inflated) is capped: no throw, the other text still read', () => {
      const bomb = deflateSync(Buffer.alloc(8 * 1024 * 1024, 'Joanna ')) as Uint8Array;
      const image = png(
        chunk('zTXt', cat('Comment\0', [0], bomb)),
        chunk('iTXt', cat('Description\0', [1, 0], '\0\0', bomb)),
        chunk('tEXt', 'Author\0Darren Hollowell'),
      );
      const found = imageMetadata(image)!;
      expect(found.text.length).toBeLessThanOrEqual(1024 * 1024);
      expect(found.text).toBe('Darren Hollowell');
    });

    it('the text is at most 1 MB, however much metadata the file holds', () => {
      const big = (i: number) => chunk('tEXt', cat(`Comment\0`, `${i} `, 'word '.repeat(100_000)));
      const found = imageMetadata(png(big(1), big(2), big(3), chunk('tEXt', 'Author\0Joanna Whitby')))!;
      expect(found.text.length).toBeLessThanOrEqual(1024 * 1024);
      expect(found.text.length).toBeGreaterThan(1000 * 1000);
      expect(found.text).not.toContain('Joanna Whitby'); // the limit was reached before it
    });

    it('a large image is walked, not read: names after huge image data are still found quickly', () => {
      const pixels = new Uint8Array(30 * 1024 * 1024);
      const image = png(chunk('IDAT', pixels), chunk('tEXt', 'Author\0Joanna Whitby'));
      const started = Date.now();
      expect(lines(image)).toEqual(['Joanna Whitby']);
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });
});
