import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { EXAMPLE, prepareReview, ruleCases, runRules } from '../../../test/support/rule-tester.js';
import { at, examplePeople, replaced, withParagraph } from '../../../test/support/anon.js';
import { identity } from './identity.js';

const FAMILY = 'family/family-statement.md';
const people = examplePeople();
const wrong = withParagraph(FAMILY, 'Joanna Whitby told the GP she was frightened.');
const right = withParagraph(FAMILY, 'Adult A told the GP she was frightened.');
const variants = withParagraph(FAMILY, "JOANNA KESTREL WHITBY; Jóanna Whitby's sister; the Hollowells' car; Hollowell said no.");
const wrapped = withParagraph(FAMILY, 'The officer spoke to Darren\nHollowell at the door.');
const csv = replaced('chronologies/icb.csv', 'Antidepressant started;', 'Antidepressant started (NHS 9992847328, mobile +44 7700 900123);');
const yml = replaced('review.yml', 'two IMRs needed further work', 'two IMRs (gl5 7xq, born 14.08.1989) needed further work');
const seam = replaced('chronologies/icb.csv', 'No routine enquiry about domestic abuse.,GP,yes,', 'No routine enquiry about domestic abuse.,GP Joanna,"Green, practice nurse",yes,');
const chair = replaced('review.yml', 'name: Rosalind Teague', 'name: Rosalind Teague 07700 900456');
// an unregistered address spelled out is anon/email's (a warning), not this rule's
const spelledEmails = withParagraph(FAMILY, 'Write to joanna.kw [at] example [dot] com, joanna dot kw at example dot com, JOANNA.KW (AT) EXAMPLE.COM or someone.else at example dot com.');

ruleCases(identity, {
  valid: [
    { name: 'the example is clean', identities: people },
    { name: 'doc right example', identities: people, files: { [FAMILY]: right } },
    { name: 'without a register there is nothing to match', files: { [FAMILY]: wrong } },
    { name: 'word-bounded: "Ann" is not found inside "Annual" or "Anne"', identities: [{ pseudonym: 'Adult A', names: ['Ann'], identifiers: [] }],
      files: { [FAMILY]: withParagraph(FAMILY, 'The Annual report; Anne Marie; annals.') } },
    { name: 'a surname alone counts only when capitalised', identities: people, files: { [FAMILY]: withParagraph(FAMILY, 'a hollowell tree') } },
    { name: 'a common-word surname is not matched alone', identities: [{ pseudonym: 'Adult A', names: ['Joanna Green'], identifiers: [] }],
      files: { [FAMILY]: withParagraph(FAMILY, 'The Green Party; a green door.') } },
  ],
  invalid: [
    { name: 'a registered name split across two CSV cells, its surname a common word', identities: [{ pseudonym: 'Adult A', names: ['Joanna Green'], identifiers: [] }],
      files: { 'chronologies/icb.csv': seam }, errors: [at('chronologies/icb.csv', seam, 'Joanna', 0, 'split across two cells')] },
    { name: 'doc wrong example', identities: people, files: { [FAMILY]: wrong }, errors: [at(FAMILY, wrong, 'Joanna Whitby', 0, 'real name of Adult A')] },
    { name: 'case, diacritics, hyphen as space, possessives, surname alone', identities: people, files: { [FAMILY]: variants }, errors: [
      at(FAMILY, variants, 'JOANNA KESTREL WHITBY', 0, 'Adult A'), at(FAMILY, variants, 'Jóanna Whitby', 0, 'Adult A'),
      at(FAMILY, variants, 'Hollowell', 0, 'Adult B'), at(FAMILY, variants, 'Hollowell', 1, 'Adult B'),
    ] },
    { name: 'a name wrapped across two lines of a paragraph', identities: people, files: { [FAMILY]: wrapped }, errors: [at(FAMILY, wrapped, 'Darren', 0, 'Adult B')] },
    { name: 'identifiers in a CSV cell, other spacing and +44', identities: people, files: { 'chronologies/icb.csv': csv }, errors: [
      at('chronologies/icb.csv', csv, '9992847328', 0, 'identifier of Adult A found (NHS number)'), at('chronologies/icb.csv', csv, '+44 7700 900123', 0, 'phone number'),
    ] },
    { name: 'postcode in lower case and a date of birth with dots, in review.yml', identities: people, files: { 'review.yml': yml }, errors: [
      at('review.yml', yml, 'gl5 7xq', 0, 'postcode'), at('review.yml', yml, '14.08.1989', 0, 'date of birth'),
    ] },
    { name: 'chair name field: names allowed, identifiers still found', identities: people, files: { 'review.yml': chair }, errors: [
      at('review.yml', chair, '07700 900456', 0, 'Adult B'),
    ] },
    { name: 'a registered e-mail address written out to dodge a search', identities: people, files: { [FAMILY]: spelledEmails }, errors: [
      at(FAMILY, spelledEmails, 'joanna.kw [at] example [dot] com', 0, 'identifier of Adult A found (email address)'),
      at(FAMILY, spelledEmails, 'joanna dot kw at example dot com', 0, 'Adult A'),
      at(FAMILY, spelledEmails, 'JOANNA.KW (AT) EXAMPLE.COM', 0, 'Adult A'),
    ] },
  ],
});

// ---- issue 13: what a reader reads, everywhere in the review ----

const refs = withParagraph(FAMILY, 'Then J&#111;anna Whitby, J&#x6F;anna Whitby and Jo&shy;anna Wh&iacute;tby called.');
const markup = withParagraph(FAMILY, 'Jo<span>anna</span> Whitby; Jo**anna** Whitby; J_o_anna Whitby; Jo<b class="x">anna</b> Whitby.');
const lookalike = withParagraph(FAMILY, 'J\u043Eanna Whitby rang; Joa\u200Bnna Whitby; \uFF2A\uFF4F\uFF41\uFF4E\uFF4E\uFF41 Whitby; Joanna\u00A0Whitby.');
const urls = withParagraph(FAMILY, 'See [the statement](https://example.org/joanna-whitby.pdf) and <abbr title="Darren Hollowell">DH</abbr>.');
const shortForms = withParagraph(FAMILY, "Jo Whitby rang; Jojo W. called; the Whitbys left; the Hollowells' car; Dazza Hollowell shouted.");
const chairReal = replaced('review.yml', 'name: Rosalind Teague', 'name: Joanna Whitby');
const panelReal = replaced('review.yml', 'name: Gareth Ansty', 'name: Darren Hollowell');
const authorReal = replaced('imrs/police.md', 'author: Rachel Farrant', 'author: Joanna Kestrel-Whitby');
const header = replaced('chronologies/icb.csv', 'id,date,', 'id,Alfie Hollowell,date,');
/** The review folder's entries once the case adds two folders, in name order. */
const TOP = [...readdirSync(EXAMPLE), 'hollowell-darren', 'notes'].sort();
const kate = withParagraph(FAMILY, 'Kate Smith called; Katie S. wrote; Kathy Smith replied.');

ruleCases(identity, {
  valid: [
    { name: 'a short form of a given name with another surname is someone else', identities: people,
      files: { [FAMILY]: withParagraph(FAMILY, 'Joanne Penhale and Jo Brown attended.') } },
  ],
  invalid: [
    { name: 'HTML character references are decoded', identities: people, files: { [FAMILY]: refs }, errors: [
      at(FAMILY, refs, 'J&#111;anna', 0, 'Adult A'), at(FAMILY, refs, 'J&#x6F;anna', 0, 'Adult A'), at(FAMILY, refs, 'Jo&shy;anna', 0, 'Adult A'),
    ] },
    { name: 'inline tags and emphasis inside a word are ignored', identities: people, files: { [FAMILY]: markup }, errors: [
      at(FAMILY, markup, 'Jo<span>', 0, 'Adult A'), at(FAMILY, markup, 'Jo**', 0, 'Adult A'), at(FAMILY, markup, 'J_o_', 0, 'Adult A'),
      at(FAMILY, markup, 'Jo<b', 0, 'Adult A'),
    ] },
    { name: 'look-alike letters, zero-width characters, full-width letters, no-break spaces', identities: people, files: { [FAMILY]: lookalike }, errors: [
      at(FAMILY, lookalike, 'J\u043Eanna', 0, 'Adult A'), at(FAMILY, lookalike, 'Joa\u200Bnna', 0, 'Adult A'),
      at(FAMILY, lookalike, '\uFF2A', 0, 'Adult A'), at(FAMILY, lookalike, 'Joanna\u00A0', 0, 'Adult A'),
    ] },
    { name: 'link URLs and tag attributes', identities: people, files: { [FAMILY]: urls }, errors: [
      at(FAMILY, urls, 'joanna-whitby', 0, 'Adult A'), at(FAMILY, urls, 'Darren Hollowell', 0, 'Adult B'),
    ] },
    { name: 'short forms with the surname or its initial, plural surnames', identities: people, files: { [FAMILY]: shortForms }, errors: [
      at(FAMILY, shortForms, 'Jo Whitby', 0, 'Adult A'), at(FAMILY, shortForms, 'Jojo W.', 0, 'Adult A'),
      at(FAMILY, shortForms, 'Whitbys', 0, 'Adult A'), at(FAMILY, shortForms, "Hollowells'", 0, 'Adult B'),
      at(FAMILY, shortForms, 'Dazza Hollowell', 0, 'Adult B'),
    ] },
    { name: 'diminutives from the data file, both ways (Katherine registered)', identities: [{ pseudonym: 'Adult D', names: ['Katherine Smith'], identifiers: [] }],
      files: { [FAMILY]: kate }, errors: [
        at(FAMILY, kate, 'Kate Smith', 0, 'Adult D'), at(FAMILY, kate, 'Katie S.', 0, 'Adult D'), at(FAMILY, kate, 'Kathy Smith', 0, 'Adult D'),
      ] },
    { name: 'the register wins in name fields: chair', identities: people, files: { 'review.yml': chairReal }, errors: [at('review.yml', chairReal, 'Joanna Whitby', 0, 'Adult A')] },
    { name: 'the register wins in name fields: panel', identities: people, files: { 'review.yml': panelReal }, errors: [at('review.yml', panelReal, 'Darren Hollowell', 0, 'Adult B')] },
    { name: 'the register wins in name fields: IMR author', identities: people, files: { 'imrs/police.md': authorReal }, errors: [at('imrs/police.md', authorReal, 'Joanna Kestrel-Whitby', 0, 'Adult A')] },
    { name: 'a CSV header', identities: people, files: { 'chronologies/icb.csv': header }, errors: [at('chronologies/icb.csv', header, 'Alfie Hollowell', 0, 'Child C')] },
    { name: 'every file under the review: .txt, .html, no extension, hidden, deep', identities: people, files: {
      'notes/call.txt': 'Call from Joanna Whitby.\n',
      'notes/minutes.html': '<p>Minutes</p>\n<p>Darren Hollowell attended</p>\n',
      'README': 'x\n\n  Alfie Hollowell\n',
      '.scratch': 'Daz Hollowell\n',
      'a/b/c/d/e/f/g/h.md': '# Deep\n\nJoanna Whitby\n',
    }, errors: [
      { file: 'notes/call.txt', line: 1, column: 11, message: 'Adult A' },
      { file: 'notes/minutes.html', line: 2, column: 4, message: 'Adult B' },
      { file: 'README', line: 3, column: 3, message: 'Child C' },
      { file: '.scratch', line: 1, column: 1, message: 'Adult B' },
      { file: 'a/b/c/d/e/f/g/h.md', line: 3, column: 1, message: 'Adult A' },
    ] },
    { name: 'file and folder names: found, and named by their place only', identities: people, files: {
      'notes/Joanna Whitby.txt': 'nothing here\n',
      'hollowell-darren/letter.txt': 'nothing here\n',
    }, errors: [
      { file: 'notes/[file 1 of 1]', line: 1, column: 1, message: 'the name of this file holds the real name of Adult A' },
      { file: `[folder ${TOP.indexOf('hollowell-darren') + 1} of ${TOP.length}]`, line: 1, column: 1, message: 'the name of this folder holds the real name of Adult B' },
    ] },
    { name: 'a UTF-16 text file (Notepad\'s "Unicode"), with or without a byte order mark: read as text, not passed over as binary', identities: people, files: {
      'notes/unicode.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Seen by the GP.\r\nDarren Hollowell called.\r\n', 'utf16le')]),
      'notes/powershell.log': Buffer.from('Joanna Whitby logged in.\r\n', 'utf16le'),
    }, errors: [
      { file: 'notes/powershell.log', line: 1, column: 1, message: 'Adult A' },
      { file: 'notes/unicode.txt', line: 2, column: 1, message: 'Adult B' },
    ] },
    { name: 'base64 data: URIs are read as the files they hold, and a finding points at the URI', identities: people, files: {
      'notes/page.md': `# Notes\n\nSee [the note](data:text/plain;base64,${Buffer.from('Call from Darren Hollowell').toString('base64')}) and\n<img src="data:text/html;charset=utf-8;base64,${Buffer.from('<p>Jojo <b>Kestrel</b></p>').toString('base64')}">\n`,
    }, errors: [
      { file: 'notes/page.md', line: 3, column: 26, message: 'Adult B' }, // its text is set where the URI starts (column 16)
      { file: 'notes/page.md', line: 4, column: 14, message: 'Adult A' },
    ] },
    { name: 'underscores as separators, in a file name and in text (not read as emphasis)', identities: people, files: {
      'notes/whitby_j.txt': 'User Whitby_J logged in.\n',
    }, errors: [
      { file: 'notes/[file 1 of 1]', line: 1, column: 1, message: 'the name of this file holds the real name of Adult A' },
      { file: 'notes/[file 1 of 1]', line: 1, column: 6, message: 'Adult A' },
    ] },
  ],
});

describe('anon/identity in office documents and PDFs inside a review', () => {
  const xml = (body: string) => strToU8(`<?xml version="1.0" encoding="UTF-8"?>${body}`);
  const docs: Record<string, () => Promise<Uint8Array> | Uint8Array> = {
    'notes/letter.docx': () => zipSync({
      '[Content_Types].xml': xml('<Types/>'),
      'word/document.xml': xml('<w:document><w:body><w:p><w:r><w:t>Dear panel,</w:t></w:r></w:p><w:p><w:r><w:t xml:space="preserve">We met Jo</w:t></w:r><w:r><w:t>anna Whitby today.</w:t></w:r></w:p></w:body></w:document>'),
    }),
    'notes/table.xlsx': () => zipSync({
      'xl/workbook.xml': xml('<workbook/>'),
      'xl/sharedStrings.xml': xml('<sst><si><t>Name</t></si><si><t>Darren Hollowell</t></si></sst>'),
    }),
    'notes/minutes.odt': () => zipSync({
      'mimetype': strToU8('application/vnd.oasis.opendocument.text'),
      'content.xml': xml('<office:document-content><office:body><office:text><text:p>Minutes</text:p><text:p>Alfie Hollowell was seen.</text:p></office:text></office:body></office:document-content>'),
    }),
    'notes/old.rtf': () => strToU8('{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\f0 Intro\\par J\\\'f3anna Whitby called.\\par}'),
    'notes/scan.pdf': async () => {
      const pdf = await PDFDocument.create();
      const font = await pdf.embedFont(StandardFonts.Helvetica);
      pdf.addPage([400, 200]).drawText('Report about Daz Hollowell', { x: 20, y: 150, size: 12, font });
      return pdf.save();
    },
    // the name is in the document's title alone, not in its text
    'notes/titled.pdf': async () => {
      const pdf = await PDFDocument.create();
      const font = await pdf.embedFont(StandardFonts.Helvetica);
      pdf.setTitle('Notes on Alfie Hollowell');
      pdf.addPage([400, 200]).drawText('Meeting notes.', { x: 20, y: 150, size: 12, font });
      return pdf.save();
    },
  };
  const hasPdftotext = spawnSync('pdftotext', ['-v']).error === undefined;

  it('extracts the text and finds the registered names, at the paragraph of the extracted text', async () => {
    const dir = prepareReview({});
    for (const [rel, make] of Object.entries(docs)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), await make());
    }
    const found = runRules(dir, [identity], { identities: people }).map((f) => `${f.file}:${f.line}:${f.column} ${f.message.includes('extracted') ? 'extracted' : ''} ${/(?:Adult|Child) [A-Z]/.exec(f.message)?.[0]}`);
    expect(found).toEqual(expect.arrayContaining([
      'notes/letter.docx:2:8 extracted Adult A',
      'notes/table.xlsx:2:1 extracted Adult B',
      'notes/minutes.odt:2:1 extracted Adult A'.replace('Adult A', 'Child C'),
      'notes/old.rtf:2:1 extracted Adult A',
      ...(hasPdftotext ? ['notes/scan.pdf:1:14 extracted Adult B', 'notes/titled.pdf:2:10 extracted Child C'] : []),
    ]));
    expect(found).toHaveLength(hasPdftotext ? 6 : 4);
  });

  it('reads a saved e-mail: encoded header fields, base64 bodies, attachments and pictures\' metadata', () => {
    const dir = prepareReview({});
    mkdirSync(path.join(dir, 'correspondence'), { recursive: true });
    const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64');
    writeFileSync(path.join(dir, 'correspondence', 'imr-chase.eml'), [
      'From: imr-author@example.org',
      'To: chair@example.org',
      `Subject: =?UTF-8?B?${b64('Re: Darren Hollowell')}?=`,
      'Content-Type: multipart/mixed; boundary="b"',
      '',
      '--b',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      b64('Notes: Joanna Kestrel-Whitby called.'),
      '--b',
      'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document; name="statement.docx"',
      'Content-Transfer-Encoding: base64',
      '',
      b64(docs['notes/letter.docx']() as Uint8Array),
      '--b--',
      '',
    ].join('\r\n'));
    const found = runRules(dir, [identity], { identities: people }).map((f) => `${f.file}:${f.line} ${/(?:Adult|Child) [A-Z]/.exec(f.message)?.[0]}`);
    expect(found).toEqual([
      'correspondence/imr-chase.eml:3 Adult B', // the subject
      'correspondence/imr-chase.eml:4 Adult A', // the base64 body
      'correspondence/imr-chase.eml:7 Adult A', // the attached letter's second paragraph
    ]);
  });
});
