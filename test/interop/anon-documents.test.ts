/**
 * The anonymisation gate on documents written by a real office program: LibreOffice saves a
 * Word 97 `.doc` and an Excel 97 `.xls` holding registered (fictional) names, and a PDF whose name
 * is only in a reviewer's comment (exported as a PDF annotation, which pdftotext does not print);
 * an e-mail saved into the review forwards the `.doc` as an attachment, its subject an encoded word. `dhr lint`
 * finds each name in its file; `dhr build --draft` refuses the review and writes nothing; no
 * output prints a name.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { dhr as runDhr } from '../support/cli.js';
import { ISOLATED_ENV, repoForRegister } from '../support/git.js';
import { EXAMPLE, EXAMPLE_IDENTITIES } from '../support/rule-tester.js';

const register = parseYaml(readFileSync(EXAMPLE_IDENTITIES, 'utf8')) as { people: Array<{ names: string[] }> };
/** Words of the registered names: no output may hold any of them (in any case). */
const NAME_WORDS = [...new Set(register.people.flatMap((p) => p.names.flatMap((n) => n.toLowerCase().split(/[\s-]+/))))].filter((w) => w.length >= 4);

let tmp: string;
let repo: string;
let review: string;
const dhr = (args: string[]) => runDhr(args, { cwd: repo, env: { ...ISOLATED_ENV, DHR_IDENTITIES: path.join(repo, '.dhr', 'identities.yml'), GITHUB_STEP_SUMMARY: '' } });

/** LibreOffice converts `file` to `format` in its folder; returns the new file. */
function soffice(file: string, format: string): string {
  const home = path.join(tmp, 'lo-home');
  execFileSync('soffice', ['--headless', '--norestore', '--convert-to', format, '--outdir', path.dirname(file), file], {
    env: { ...process.env, HOME: home }, stdio: 'ignore', timeout: 180_000,
  });
  const out = path.join(path.dirname(file), `${path.basename(file, path.extname(file))}.${format.split(':')[0]}`);
  expect(existsSync(out), `LibreOffice wrote ${path.basename(out)}`).toBe(true);
  return out;
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'dhr-anon-docs-'));
  repo = path.join(tmp, 'repo');
  review = path.join(repo, 'reviews', 'DHR-2024-03');
  repoForRegister(repo, EXAMPLE_IDENTITIES);
  cpSync(EXAMPLE, review, { recursive: true });
  const dir = path.join(review, 'correspondence');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'note.txt'), 'Notes of the meeting.\nThe officer spoke to Darren Hollowell about the incident.\n');
  const doc = soffice(path.join(dir, 'note.txt'), 'doc');
  writeFileSync(path.join(dir, 'sheet.csv'), 'Date,Event\n2023-01-04,Visit by Jojo Kestrel\n');
  soffice(path.join(dir, 'sheet.csv'), 'xls');
  // a Word document whose name is only in a comment, exported to PDF with its comments
  const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const R = 'xmlns="http://schemas.openxmlformats.org/package/2006/relationships"';
  const OD = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  writeFileSync(path.join(dir, 'commented.docx'), zipSync({
    '[Content_Types].xml': strToU8('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"/></Types>'),
    '_rels/.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships ${R}><Relationship Id="rId1" Type="${OD}/officeDocument" Target="word/document.xml"/></Relationships>`),
    'word/_rels/document.xml.rels': strToU8(`<?xml version="1.0" encoding="UTF-8"?><Relationships ${R}><Relationship Id="rId1" Type="${OD}/comments" Target="comments.xml"/></Relationships>`),
    'word/document.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:document ${W}><w:body><w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Adult A was seen at the surgery.</w:t></w:r><w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p></w:body></w:document>`),
    'word/comments.xml': strToU8(`<?xml version="1.0" encoding="UTF-8"?><w:comments ${W}><w:comment w:id="0" w:author="Panel" w:initials="P"><w:p><w:r><w:t>In the GP notes she is Joanna Whitby</w:t></w:r></w:p></w:comment></w:comments>`),
  }));
  soffice(path.join(dir, 'commented.docx'), 'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}');
  expect(execFileSync('pdftotext', [path.join(dir, 'commented.pdf'), '-'], { stdio: ['ignore', 'pipe', 'ignore'] }).toString()).not.toContain('Whitby'); // the pages do not show it
  rmSync(path.join(dir, 'commented.docx'));
  rmSync(path.join(dir, 'note.txt'));
  rmSync(path.join(dir, 'sheet.csv'));
  const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64').replace(/(.{76})/g, '$1\r\n');
  writeFileSync(path.join(dir, 'forwarded.eml'), [
    'From: imr-author@example.org',
    'To: chair@example.org',
    `Subject: =?UTF-8?B?${b64('Fwd: Alfie Hollowell')}?=`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="part"',
    '',
    '--part',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Please see the attached note.',
    '--part',
    'Content-Type: application/msword; name="note.doc"',
    'Content-Transfer-Encoding: base64',
    '',
    b64(readFileSync(doc)),
    '--part--',
    '',
  ].join('\r\n'));
  rmSync(doc);
}, 300_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('documents written by LibreOffice, and an e-mail forwarding one', { timeout: 180_000 }, () => {
  it('lint finds the registered names in the .xls, the PDF\'s comment, and in the e-mail\'s subject and attached .doc, printing none', () => {
    const r = dhr(['lint', review, '-f', 'json']);
    expect(r.code).toBe(1);
    const { findings } = JSON.parse(r.stdout) as { findings: Array<{ ruleId: string; file: string; message: string }> };
    const identity = (name: string) => findings.filter((f) => f.ruleId === 'anon/identity' && f.file.endsWith(`correspondence/${name}`));
    expect(identity('sheet.xls').map((m) => /Adult [A-Z]|Child [A-Z]/.exec(m.message)?.[0])).toContain('Adult A');
    expect(identity('commented.pdf').map((m) => /Adult [A-Z]|Child [A-Z]/.exec(m.message)?.[0])).toEqual(['Adult A']); // the comment
    const mail = identity('forwarded.eml').map((m) => /Adult [A-Z]|Child [A-Z]/.exec(m.message)?.[0]);
    expect(mail).toContain('Child C'); // the subject
    expect(mail).toContain('Adult B'); // the .doc attached
    const out = (r.stdout + r.stderr).toLowerCase();
    for (const w of NAME_WORDS) expect(out.includes(w), `output holds a registered name word`).toBe(false);
  });

  it('build --draft refuses the review and writes nothing', () => {
    const out = path.join(tmp, 'out');
    const r = dhr(['build', review, '--out', out, '--draft']);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    const printed = (r.stdout + r.stderr).toLowerCase();
    for (const w of NAME_WORDS) expect(printed.includes(w), `output holds a registered name word`).toBe(false);
  });
});
