import { spawnSync } from 'node:child_process';
import { deflateSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractText, isMail, readableRuns } from './extract.js';
import { decodeWords, htmlText, looksLikeMail } from './extract-mail.js';

// Fictional names and reserved test values only (fixtures/identities.yml).
const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64').replace(/(.{76})/g, '$1\n');
const eml = (lines: string[]) => strToU8(lines.join('\r\n'));
const text = (bytes: Uint8Array, name = 'message.eml') => {
  const got = extractText(bytes, name);
  if (got.kind !== 'text') throw new Error(`expected text, got ${got.kind}`);
  return got;
};
const docx = (body: string, extra: Record<string, Uint8Array> = {}) => zipSync({
  '[Content_Types].xml': strToU8('<Types/>'),
  'word/document.xml': strToU8(`<w:document><w:body><w:p><w:r><w:t>${body}</w:t></w:r></w:p></w:body></w:document>`),
  ...extra,
});
/** A one-pixel PNG with a tEXt chunk (the CRC is not checked by the reader). */
const pngWithText = (keyword: string, value: string) => {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    return Buffer.concat([len, Buffer.from(type, 'latin1'), data, Buffer.alloc(4)]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
  return new Uint8Array(Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('tEXt', Buffer.from(`${keyword}\0${value}`, 'latin1')),
    chunk('IDAT', deflateSync(Buffer.from([0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]));
};

describe('e-mail saved into a review', () => {
  it('is told from other text by its header fields', () => {
    expect(looksLikeMail('From: a@example.org\nSubject: notes\nMIME-Version: 1.0\n\nbody')).toBe(true);
    expect(looksLikeMail('Subject: notes\nX-Priority: 1\n\nbody')).toBe(false); // one field a mail always has is not enough
    // a note that only starts like a message is plain text (lines and columns its own)
    expect(looksLikeMail('From: the chair\nTo: the panel\nSubject: notes\n\nbody')).toBe(false);
    expect(looksLikeMail('# Overview\n\nFrom: the chair')).toBe(false);
    expect(looksLikeMail('title: Review\nstatus: draft\n\n')).toBe(false);
    expect(isMail(strToU8('X-Note: x\n\nbody'), 'saved.eml')).toBe(true); // by its name
    expect(isMail(strToU8('just a line\n'), 'saved.eml')).toBe(false);
  });

  it('decodes encoded words in header fields, base64 and quoted-printable bodies, and character sets', () => {
    const got = text(eml([
      'From: =?UTF-8?Q?Police_Liaison?= <liaison@example.org>',
      `Subject: =?UTF-8?B?${Buffer.from('Re: Darren').toString('base64')}?= =?UTF-8?B?${Buffer.from(' Hollowell').toString('base64')}?=`,
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="=_b1"',
      '',
      'This is a multi-part message. Preamble written by Alfie Hollowell.',
      '--=_b1',
      'Content-Type: text/plain; charset=windows-1252',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'We spoke to Ms Whit=',
      'by on Tuesday. Caf=E9 visit.',
      '--=_b1',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      b64('<p>Notes: <b>Joanna</b> Kestrel&#8209;Whitby called from 07700&nbsp;900123.</p><img alt="Photo of Daz Hollowell" src="cid:x">'),
      '--=_b1--',
      '',
    ]));
    expect(got.format).toBe('e-mail');
    const lines = got.text.split('\n');
    expect(lines).toContain('Re: Darren Hollowell');
    expect(lines).toContain('We spoke to Ms Whitby on Tuesday. Café visit.');
    expect(got.text).toContain('Notes: Joanna Kestrel\u2011Whitby called from 07700\u00a0900123.');
    expect(lines).toContain('Photo of Daz Hollowell');
    expect(lines).toContain('This is a multi-part message. Preamble written by Alfie Hollowell.'); // no part, but in the file
    expect(got.text).not.toMatch(/=_b1|base64|quoted-printable/);
    expect(got.unchecked).toBeUndefined();
  });

  it('reads attachments that are documents, and nested messages; says what it could not read, without names', () => {
    const attached = docx('Statement taken from Alfie Hollowell.');
    const inner = ['From: ward@example.org', 'To: chair@example.org', 'Subject: forwarded', '', 'Original note about Jojo Kestrel.'].join('\r\n');
    const got = text(eml([
      'From: imr-author@example.org',
      'To: chair@example.org',
      'Subject: IMR',
      'Content-Type: multipart/mixed; boundary=XYZ',
      '',
      '--XYZ',
      'Content-Type: text/plain',
      '',
      'Please find attached.',
      '--XYZ',
      "Content-Type: application/octet-stream; name*=utf-8''Whitby%20statement.docx",
      'Content-Disposition: attachment',
      'Content-Transfer-Encoding: base64',
      '',
      b64(attached),
      '--XYZ',
      'Content-Type: message/rfc822',
      '',
      inner,
      '--XYZ',
      'Content-Type: image/png; name="scan.png"',
      'Content-Transfer-Encoding: base64',
      '',
      b64(pngWithText('Author', 'Joanna Whitby')),
      '--XYZ--',
    ]));
    const lines = got.text.split('\n');
    expect(lines).toContain('Statement taken from Alfie Hollowell.');
    expect(lines).toContain('Whitby statement.docx'); // the attachment's name is checked too
    expect(lines).toContain('Original note about Jojo Kestrel.');
    expect(lines).toContain('Joanna Whitby'); // the picture's metadata
    expect(got.unchecked).toEqual([{ kind: 'binary', reason: 'attachment 2: an image' }]);
    expect(JSON.stringify(got.unchecked)).not.toMatch(/scan|Whitby/);
  });

  it('reads a text attachment in any encoding dhr reads (UTF-16 from Notepad, Windows-1252)', () => {
    const got = text(eml([
      'From: a@example.org',
      'Subject: notes',
      'Content-Type: multipart/mixed; boundary=Z',
      '',
      '--Z',
      'Content-Type: application/octet-stream; name="notes.txt"',
      'Content-Transfer-Encoding: base64',
      '',
      b64(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Seen: Daz Hollowell', 'utf16le')])),
      '--Z',
      'Content-Type: application/octet-stream; name="old.txt"',
      'Content-Transfer-Encoding: base64',
      '',
      b64(Buffer.from('Caf\xe9 with Jojo Kestrel', 'latin1')),
      '--Z--',
    ]));
    expect(got.text).toContain('Seen: Daz Hollowell');
    expect(got.text).toContain('Café with Jojo Kestrel');
    expect(got.unchecked).toBeUndefined();
  });

  it('reads every message of an mbox file', () => {
    const got = text(strToU8([
      'From chair@example.org Mon Jan  6 10:00:00 2025',
      'From: chair@example.org',
      'Subject: one',
      '',
      'First mentions Darren Hollowell.',
      'From panel@example.org Tue Jan  7 10:00:00 2025',
      'From: panel@example.org',
      'Subject: two',
      'Content-Transfer-Encoding: base64',
      '',
      b64('Second mentions Joanna Whitby.'),
      '',
    ].join('\n')), 'archive.mbox');
    expect(got.text).toContain('First mentions Darren Hollowell.');
    expect(got.text).toContain('Second mentions Joanna Whitby.');
  });

  it('survives hostile input: deep nesting, unterminated parts, a bad base64 body', () => {
    const deep: string[] = ['From: a@example.org', 'Subject: deep'];
    for (let i = 0; i < 40; i++) deep.push(`Content-Type: message/rfc822`, '', 'From: b@example.org', 'Subject: inner');
    deep.push('', 'Hidden note about Daz Hollowell.');
    const got = extractText(eml(deep), 'deep.eml');
    expect(got.kind).toBe('text');
    if (got.kind === 'text') expect(got.unchecked?.[0]?.kind).toBe('unreadable');
    const broken = text(eml(['From: a@example.org', 'Subject: x', 'Content-Type: multipart/mixed; boundary=Q', '', '--Q', 'Content-Transfer-Encoding: base64', '', '%%%not base64 Darren Hollowell']));
    expect(broken.kind).toBe('text');
  });

  it('decodes what mail clients write in header fields', () => {
    expect(decodeWords('=?iso-8859-1?Q?Jo=E3o_Silva?=')).toBe('João Silva');
    expect(decodeWords('=?utf-8?b?Sm9hbm5h?= =?utf-8?b?IFdoaXRieQ==?=')).toBe('Joanna Whitby');
    expect(decodeWords('plain =?bogus?X?x?= text')).toBe('plain =?bogus?X?x?= text');
    expect(htmlText('<style>p{}</style><p>Dear&nbsp;Ms&#160;W<span>hitby</span></p>')).toContain('Dear\u00a0Ms\u00a0Whitby');
  });
});

describe('files inside office documents', () => {
  it('reads an embedded workbook and a picture\'s metadata, and says the pictures were not checked', () => {
    const workbook = zipSync({
      'xl/workbook.xml': strToU8('<workbook/>'),
      'xl/sharedStrings.xml': strToU8('<sst><si><t>Darren Hollowell</t></si></sst>'),
    });
    const got = text(docx('Chart of incidents', {
      'word/embeddings/Microsoft_Excel_Worksheet.xlsx': workbook,
      'word/media/image1.png': pngWithText('Description', 'Alfie Hollowell at school'),
    }), 'imr.docx');
    expect(got.text.split('\n')).toEqual(expect.arrayContaining(['Chart of incidents', 'Darren Hollowell', 'Alfie Hollowell at school']));
    expect(got.unchecked).toEqual([{ kind: 'binary', reason: 'it holds a picture' }]);
  });

  it('reads the HTML or RTF a Word file imports whole (altChunk)', () => {
    const got = text(docx('Record export', {
      'word/afchunk.htm': strToU8('<html><body><p>Contact with <b>Darren</b> Hollowell</p></body></html>'),
      'word/afchunk2.rtf': strToU8('{\\rtf1\\ansi Jojo Kestrel called.\\par}'),
    }), 'export.docx');
    expect(got.text).toContain('Contact with <b>Darren</b> Hollowell'); // the reader's view drops the tags
    expect(got.text).toContain('Jojo Kestrel called.');
  });

  it('a damaged embedded file is reported, by its number only', () => {
    const got = text(docx('Body', { 'word/embeddings/Whitby.docx': strToU8('PK\x03\x04 broken') }), 'imr.docx');
    expect(got.unchecked).toHaveLength(1);
    expect(got.unchecked![0]).toMatchObject({ kind: 'unreadable' });
    expect(got.unchecked![0].reason).toMatch(/^embedded object 1: /);
    expect(got.unchecked![0].reason).not.toMatch(/Whitby/);
  });

  it('stops at documents nested too deep', () => {
    let doc: Uint8Array = docx('Innermost: Jojo Kestrel');
    for (let i = 0; i < 8; i++) doc = docx(`level ${i}`, { 'word/embeddings/inner.docx': doc });
    const got = text(doc, 'outer.docx');
    expect(got.text).not.toContain('Jojo Kestrel');
    expect(got.unchecked?.some((u) => u.kind === 'unreadable' && /nested more than/.test(u.reason))).toBe(true);
  });
});

describe('images', () => {
  it('an image is binary, with its metadata as text to check', () => {
    const got = extractText(pngWithText('Author', 'Joanna Whitby'), 'photo.png');
    expect(got).toEqual({ kind: 'binary', what: 'an image', text: 'Joanna Whitby' });
  });
});

describe('old binary Office files', () => {
  it('finds UTF-16 text at odd offsets as well as even ones', () => {
    const utf16 = Buffer.from('Darren Hollowell', 'utf16le');
    const odd = new Uint8Array(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11]), utf16, Buffer.from([0, 0])]));
    const even = new Uint8Array(Buffer.concat([Buffer.from([0xd0, 0xcf]), utf16, Buffer.from([0, 0])]));
    expect(readableRuns(odd)).toContain('Darren Hollowell');
    expect(readableRuns(even)).toContain('Darren Hollowell');
  });
});

describe('Outlook messages and other compound files', () => {
  /** Outlook's compressed RTF with literals only, and one reference into the dictionary's first bytes. */
  const lzfu = (rtf: string, withReference = false) => {
    // tokens in groups of eight, each group after a control byte whose bit i is set for a reference
    const tokens: number[][] = [];
    // "{\rtf1" is the dictionary's first 6 bytes: offset 0, length 6 (stored as 4)
    if (withReference) tokens.push([0x00, 0x04]);
    for (const c of Buffer.from(rtf, 'latin1')) tokens.push([c]);
    const raw = Buffer.byteLength(rtf, 'latin1') + (withReference ? 6 : 0);
    const body: number[] = [];
    for (let g = 0; g < tokens.length; g += 8) {
      const group = tokens.slice(g, g + 8);
      body.push(group.reduce((control, t, i) => control | (t.length === 2 ? 1 << i : 0), 0), ...group.flat());
    }
    const head = Buffer.alloc(16);
    head.writeUInt32LE(body.length + 12, 0);
    head.writeUInt32LE(raw, 4);
    head.write('LZFu', 8, 'latin1');
    return Buffer.concat([head, Buffer.from(body)]);
  };

  it('decompresses Outlook\'s compressed RTF (MS-OXRTFCP)', async () => {
    const { compressedRtf } = await import('./extract-ole.js');
    expect(compressedRtf(lzfu('{\\rtf1 Joanna Whitby\\par}'))).toBe('{\\rtf1 Joanna Whitby\\par}');
    expect(compressedRtf(lzfu(' body}', true))).toBe('{\\rtf1 body}');
    const mela = Buffer.concat([Buffer.from([10, 0, 0, 0, 5, 0, 0, 0]), Buffer.from('MELA', 'latin1'), Buffer.alloc(4), Buffer.from('{\\rtf')]);
    expect(compressedRtf(mela)).toBe('{\\rtf');
    expect(compressedRtf(Buffer.from('not compressed rtf at all'))).toBeNull();
  });

  it('reads a .msg: its properties, its RTF body and its attachments, stream by stream', async () => {
    const CFB = (await import('cfb')).default;
    const msg = CFB.utils.cfb_new();
    CFB.utils.cfb_add(msg, '__substg1.0_0037001F', Buffer.from('Re: Darren Hollowell', 'utf16le'));
    CFB.utils.cfb_add(msg, '__substg1.0_10090102', lzfu('{\\rtf1\\ansi Spoke to Joanna Whitby today.\\par}'));
    CFB.utils.cfb_add(msg, '__attach_version1.0_#00000000/__substg1.0_37010102', Buffer.from(docx('Statement of Alfie Hollowell')));
    CFB.utils.cfb_add(msg, '__attach_version1.0_#00000001/__substg1.0_37010102', Buffer.from(pngWithText('Author', 'Jojo Kestrel')));
    const bytes = new Uint8Array(CFB.write(msg, { type: 'buffer' }) as Buffer);
    const got = text(bytes, 'chase.msg');
    expect(got.format).toBe('binary office file');
    for (const s of ['Re: Darren Hollowell', 'Spoke to Joanna Whitby today.', 'Statement of Alfie Hollowell', 'Jojo Kestrel']) expect(got.text).toContain(s);
    expect(got.unchecked).toEqual([{ kind: 'binary', reason: 'attachment or embedded object 2: an image' }]);
  });

  it('a document saved with a password is unreadable, not a clean pass', async () => {
    const CFB = (await import('cfb')).default;
    const file = (streams: Record<string, Buffer>) => {
      const c = CFB.utils.cfb_new();
      for (const [name, content] of Object.entries(streams)) CFB.utils.cfb_add(c, name, content);
      return new Uint8Array(CFB.write(c, { type: 'buffer' }) as Buffer);
    };
    // Word 2007+ with a password (MS-OFFCRYPTO), Word 97 with fEncrypted set, Excel 97 with FILEPASS
    const fib = Buffer.alloc(64);
    fib.writeUInt16LE(0xa5ec, 0);
    fib.writeUInt16LE(0x0100, 0x0a);
    const filepass = Buffer.from([0x09, 0x08, 0x04, 0x00, 0, 6, 5, 0, 0x2f, 0x00, 0x02, 0x00, 0, 0]);
    for (const [name, bytes] of [
      ['protected.docx', file({ EncryptionInfo: Buffer.alloc(64, 1), EncryptedPackage: Buffer.alloc(512, 7) })],
      ['protected.doc', file({ WordDocument: fib })],
      ['protected.xls', file({ Workbook: filepass })],
    ] as const) {
      const got = extractText(bytes, name);
      expect(got.kind, name).toBe('unreadable');
      if (got.kind === 'unreadable') expect(got.reason).toMatch(/password/);
    }
    // an OpenDocument text saved with a password: its content is ciphertext, its manifest says how
    const odt = zipSync({
      mimetype: strToU8('application/vnd.oasis.opendocument.text'),
      'content.xml': new Uint8Array(256).map((_, i) => (i * 37) & 255),
      'META-INF/manifest.xml': strToU8('<manifest:manifest><manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data manifest:checksum-type="SHA1/1K"/></manifest:file-entry></manifest:manifest>'),
    });
    expect(extractText(odt, 'protected.odt')).toMatchObject({ kind: 'unreadable', reason: expect.stringMatching(/password/) });
    fib.writeUInt16LE(0, 0x0a); // the same Word 97 header without the bit is read
    expect(extractText(file({ WordDocument: Buffer.concat([fib, Buffer.from('Typed by Daz Hollowell')]) }), 'open.doc').kind).toBe('text');
  });

  it('a compound file whose streams cannot be listed is read as runs of readable characters', () => {
    const bytes = new Uint8Array(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(40), Buffer.from('Typed by Daz Hollowell')]));
    expect(text(bytes, 'old.doc').text).toContain('Typed by Daz Hollowell');
  });
});

describe('Excel 97 workbooks', () => {
  const record = (id: number, data: Buffer) => {
    const head = Buffer.alloc(4);
    head.writeUInt16LE(id, 0);
    head.writeUInt16LE(data.length, 2);
    return Buffer.concat([head, data]);
  };
  const header = (cch: number, flags: number) => Buffer.from([cch & 255, cch >> 8, flags]);

  it('reads each shared string on its own, also when one goes on in a CONTINUE record in the other width', async () => {
    const { workbookText } = await import('./extract-ole.js');
    // three strings; the second is 65 characters long, so its length's first byte is "A": read as runs
    // of bytes, the first string would end "HollowellA" and hide the name
    const first = 'Visit by Daz Hollowell';
    const second = `Seen by ${'x'.repeat(57)}`;
    const third = 'Called Jojo Kestrel';
    const sst = Buffer.concat([
      Buffer.from([3, 0, 0, 0, 3, 0, 0, 0]),
      header(first.length, 0), Buffer.from(first, 'latin1'),
      header(second.length, 0), Buffer.from(second, 'latin1'),
      header(third.length, 0), Buffer.from(third.slice(0, 10), 'latin1'),
    ]);
    // the rest of the third string, in UTF-16 this time (its CONTINUE starts with the width flag)
    const rest = Buffer.concat([Buffer.from([1]), Buffer.from(third.slice(10), 'utf16le')]);
    const stream = Buffer.concat([record(0x0809, Buffer.alloc(16)), record(0x00fc, sst), record(0x003c, rest), record(0x00ff, Buffer.alloc(10, 0xff))]);
    const lines = workbookText(stream, readableRuns);
    expect(lines).toContain(first);
    expect(lines).toContain(second);
    expect(lines).toContain(third);
    expect(readableRuns(stream)).not.toContain(`${first}\n`); // what the old reading gave: the name glued to the next length
  });

  it('survives a truncated or lying string table', async () => {
    const { workbookText } = await import('./extract-ole.js');
    const sst = Buffer.concat([Buffer.from([9, 0, 0, 0, 255, 255, 255, 255]), header(5000, 0x0c), Buffer.from('short')]);
    expect(() => workbookText(record(0x00fc, sst), readableRuns)).not.toThrow();
  });
});

describe('PDF: what only its objects hold', () => {
  const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;
  const annotated = async (useObjectStreams: boolean) => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([400, 300]);
    page.drawText('Chronology extract', { x: 20, y: 260, size: 12, font: await pdf.embedFont(StandardFonts.Helvetica) });
    // a sticky note with its author, and a signature-like binary value that is not text
    const note = pdf.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [20, 100, 40, 120], Contents: PDFHexString.fromText('Should this say Jojo Kestrel?'), T: PDFString.of('Panel member') });
    const sig = pdf.context.obj({ Type: 'Sig', Contents: PDFHexString.of('3082a0f1c2d300ff01'.repeat(8)) });
    page.node.set(PDFName.of('Annots'), pdf.context.obj([pdf.context.register(note), pdf.context.register(sig)]));
    await pdf.attach(Buffer.from('Attached statement of Alfie Hollowell'), 'statement.txt', { mimeType: 'text/plain' });
    await pdf.attach(pngWithText('Author', 'Daz Hollowell'), 'photo.png', { mimeType: 'image/png' });
    return pdf.save({ useObjectStreams });
  };

  it.runIf(hasPdftotext)('reads comments and their authors, in object streams or not, and attached files', async () => {
    for (const streams of [false, true]) {
      const got = text(await annotated(streams), 'extract.pdf');
      const lines = got.text.split('\n');
      expect(lines).toEqual(expect.arrayContaining(['Chronology extract', 'Should this say Jojo Kestrel?', 'Panel member', 'Attached statement of Alfie Hollowell', 'Daz Hollowell']));
      expect(got.text).not.toMatch(/\u0082|\u00a0\u00f1/); // the binary value is left out
      expect(got.unchecked).toEqual([{ kind: 'binary', reason: 'attached file 2: an image' }]);
    }
  });

  it.runIf(hasPdftotext)('XMP metadata and a comment\'s rich text: each value, each paragraph on its own', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([400, 300]);
    const xmp = '<x:xmpmeta><rdf:RDF><rdf:Description><dc:creator><rdf:Seq><rdf:li>Joanna Whitby</rdf:li><rdf:li>Panel</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>';
    pdf.catalog.set(PDFName.of('Metadata'), pdf.context.register(pdf.context.stream(xmp, { Type: 'Metadata', Subtype: 'XML' })));
    const note = pdf.context.obj({ Type: 'Annot', Subtype: 'Text', Rect: [20, 100, 40, 120], RC: PDFString.of('<body><p>Seen by Darren Hollo<span>well</span></p><p>Next</p></body>') });
    page.node.set(PDFName.of('Annots'), pdf.context.obj([pdf.context.register(note)]));
    const lines = text(await pdf.save({ useObjectStreams: false }), 'meta.pdf').text.split('\n');
    expect(lines).toEqual(expect.arrayContaining(['Joanna Whitby', 'Panel', 'Seen by Darren Hollowell']));
  });

  it.runIf(hasPdftotext)('a value the page shows is given once', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([400, 300]);
    const field = pdf.getForm().createTextField('subject');
    field.setText('Darren Hollowell');
    field.addToPage(page, { x: 20, y: 200, width: 200, height: 20 });
    const got = text(await pdf.save(), 'form.pdf');
    expect(got.text.split('\n').filter((l) => l.includes('Darren Hollowell'))).toHaveLength(1);
  });
});

describe('PDF objects: hostile syntax', () => {
  it('unterminated strings and streams by the hundred thousand are read once each (the test hangs otherwise)', async () => {
    const { pdfObjects } = await import('./extract-pdf.js');
    const junk = Buffer.from(`%PDF-1.7\n${'/T(open '.repeat(100_000)}${'<< >>stream\n'.repeat(100_000)}${'/T<4142'.repeat(100_000)}`, 'latin1');
    const got = pdfObjects(junk, { attachment: () => ({ kind: 'binary', reason: 'x' }), xml: (x) => x, html: (x) => x });
    expect(got.values.length).toBeLessThan(5);
    // streams by the ten thousand after a megabyte with no object header to look back to
    const streams = Buffer.from(`%PDF-1.7\n${'x'.repeat(1_000_000)}${'<< /Length 1 >>stream\nx\nendstream\n'.repeat(20_000)}`, 'latin1');
    expect(pdfObjects(streams, { attachment: () => ({ kind: 'binary', reason: 'x' }), xml: (x) => x, html: (x) => x }).values).toEqual([]);
    const named = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Annot /Contents (Seen by \\(nested\\) Darren Hollowell) /T <FEFF004A006F006A006F> >> endobj\n', 'latin1');
    expect(pdfObjects(named, { attachment: () => ({ kind: 'binary', reason: 'x' }), xml: (x) => x, html: (x) => x }).values).toEqual(['Seen by (nested) Darren Hollowell', 'Jojo']);
  });
});

describe('archives other than zip', () => {
  it('7-Zip, RAR, gzip, bzip2, xz and tar files are unreadable (their files cannot be checked), not merely binary', () => {
    const tar = Buffer.alloc(1024);
    tar.write('imr-notes.txt', 0, 'latin1');
    tar.write('ustar\u000000', 257, 'latin1');
    const files: Record<string, Uint8Array> = {
      '7z': Buffer.from([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4]),
      rar: Buffer.from('Rar!\x1a\x07\x01\x00', 'latin1'),
      gz: Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0]),
      bz2: Buffer.from('BZh91AY&SY', 'latin1'),
      xz: Buffer.from([0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00, 0, 4]),
      tar,
    };
    for (const [ext, bytes] of Object.entries(files)) {
      const got = extractText(bytes, `bundle.${ext}`);
      expect(got.kind, ext).toBe('unreadable');
    }
    // text that merely has "ustar" at the same place is still text
    expect(extractText(Buffer.from(`${'a'.repeat(257)}ustard and custard\n`), 'notes.txt').kind).not.toBe('unreadable');
  });
});

describe('flat OpenDocument', () => {
  it('a .fodt (the document\'s XML in one file) is read, not called unreadable', () => {
    const fodt = strToU8('<?xml version="1.0" encoding="UTF-8"?>\n<office:document><office:body><office:text><text:p>Minutes</text:p><text:p>Alfie Hollowell attended.</text:p></office:text></office:body></office:document>\n');
    expect(text(fodt, 'minutes.fodt').text.split('\n')).toEqual(['Minutes', 'Alfie Hollowell attended.']);
  });
});

describe('other Open Packaging files', () => {
  it('a Visio drawing (a genogram) and an XPS document are read by their XML', () => {
    const vsdx = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'visio/pages/page1.xml': strToU8('<PageContents><Shapes><Shape ID="1"><Text>Joanna Whitby</Text></Shape><Shape ID="2"><Text>Adult B</Text></Shape></Shapes></PageContents>'),
    });
    expect(text(vsdx, 'genogram.vsdx').text.split('\n')).toEqual(expect.arrayContaining(['Joanna Whitby', 'Adult B']));
    const xps = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'Documents/1/Pages/1.fpage': strToU8('<FixedPage><Glyphs OriginX="10" UnicodeString="Statement of Darren Hollowell" /></FixedPage>'),
    });
    expect(text(xps, 'printed.xps').text).toContain('Statement of Darren Hollowell');
    // a zip that is no package stays an archive
    expect(extractText(zipSync({ 'notes.txt': strToU8('x') }), 'bundle.zip').kind).toBe('unreadable');
  });
});

describe('properties, charts and custom data', () => {
  it('each element is a value of its own: a name in one is not glued to the next', () => {
    const got = text(docx('Body text', {
      'docProps/app.xml': strToU8('<Properties><Manager>Joanna Whitby</Manager><Company>Example Council</Company><TitlesOfParts><vt:vector><vt:lpstr>Statement</vt:lpstr></vt:vector></TitlesOfParts></Properties>'),
      'word/charts/chart1.xml': strToU8('<c:chartSpace><c:cat><c:strLit><c:pt idx="0"><c:v>Darren Hollowell</c:v></c:pt><c:pt idx="1"><c:v>Other</c:v></c:pt></c:strLit></c:cat></c:chartSpace>'),
    }), 'imr.docx');
    const lines = got.text.split('\n');
    expect(lines).toEqual(expect.arrayContaining(['Body text', 'Joanna Whitby', 'Example Council', 'Darren Hollowell', 'Other']));
  });
});
