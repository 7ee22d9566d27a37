import { execFileSync } from 'node:child_process';
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { IdentityMatcher } from '../src/rules/anon/matcher.js';
import { redactText } from '../src/rules/anon/redact.js';
import { examplePeople } from './support/anon.js';
import { dhr } from './support/cli.js';
import { git, ISOLATED_ENV } from './support/git.js';
import { EXAMPLE_IDENTITIES } from './support/rule-tester.js';

const matcher = new IdentityMatcher(examplePeople());

describe('redactText', () => {
  it('replaces names with pseudonyms and identifiers with placeholders, keeping every other byte', () => {
    const text = "# Notes\r\n\r\nJoanna Kestrel-Whitby lives at 14 Larkspur Close, GL5 7XQ.\r\nWhitby's phone: +44 7700 900123; the Hollowells' car.\r\nNHS 999 284 7328, DOB 14/08/1989, joanna.kw@example.com, NI JY721845B.\r\nAnn and Annual stay.\r\n";
    const r = redactText(text, matcher);
    expect(r.text).toBe("# Notes\r\n\r\nAdult A lives at [address], [postcode].\r\nAdult A's phone: [phone number]; the Adult B's car.\r\nNHS [NHS number], DOB [date of birth], [email address], NI [NI number].\r\nAnn and Annual stay.\r\n");
    expect(r.redactions.map((x) => x.pseudonym)).toContain('Adult B');
  });

  it('handles a name wrapped across lines and is idempotent', () => {
    const once = redactText('Darren\nHollowell and DARREN HOLLOWELL.\n', matcher).text;
    expect(once).toBe('Adult B and Adult B.\n');
    expect(redactText(once, matcher).redactions).toEqual([]);
  });

  it('never leaves a mixed form: titles, initials, a given name alone and "Given S." become the pseudonym', () => {
    const people = [{ pseudonym: 'Adult A', names: ['Laura Smith'], identifiers: [] }, ...examplePeople()];
    const m = new IdentityMatcher(people);
    const r = redactText('Laura came. L. Smith, Ms Smith, Laura S. and Ms L. Smith came; SMITH, Laura too. Smith is a word.\n', m, people);
    expect(r.text).toBe('Adult A came. Adult A, Adult A, Adult A and Adult A came; Adult A too. Smith is a word.\n');
    const ex = redactText('Ms Whitby, J. Kestrel-Whitby, Joanna and HOLLOWELL, Darren met Dr Alfie Hollowell.\n', m, people);
    expect(ex.text).toBe('Adult A, Adult A, Adult A and Adult B met Child C.\n');
  });

  it('replaces an unregistered given name before a registered surname whole, with [name], and counts it', () => {
    const people = examplePeople();
    const r = redactText('Sharon Hollowell, the mother of Darren Hollowell, and Laura Jones came.\n', new IdentityMatcher(people), people);
    expect(r.text).toBe('[name], the mother of Adult B, and Laura Jones came.\n');
    expect(r.unregistered).toBe(1);
  });

  it('a name split across two CSV cells: the given-name cell takes the replacement, the surname cell empties', () => {
    const people = examplePeople();
    const r = redactText('id,forename,surname\n1,Darren,Hollowell\n2,"Sharon","Hollowell"\n', new IdentityMatcher(people), people);
    expect(r.text).toBe('id,forename,surname\n1,Adult B,\n2,"[name]",""\n');
  });

  it('leaves a text without registered strings untouched', () => {
    const t = 'Adult A told the GP.\n';
    expect(redactText(t, matcher)).toEqual({ text: t, redactions: [] });
  });
});

function workspace(): { dir: string; register: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dhr-redact-'));
  const register = path.join(dir, 'register.yml');
  copyFileSync(EXAMPLE_IDENTITIES, register);
  return { dir, register };
}

const ENV = { ...ISOLATED_ENV, CI: undefined };

describe('dhr redact', () => {
  it('prints a unified diff without --write and leaves the file as it was', () => {
    const { dir, register } = workspace();
    const f = path.join(dir, 'notes.md');
    writeFileSync(f, 'Intro.\n\nJoanna Whitby called from 07700 900123.\n');
    const r = dhr(['redact', f, '--identities', register], { cwd: dir, env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('-Joanna Whitby called from 07700 900123.');
    expect(r.stdout).toContain('+Adult A called from [phone number].');
    expect(r.stderr).toContain('2 replacements in 1 file');
    expect(readFileSync(f, 'utf8')).toBe('Intro.\n\nJoanna Whitby called from 07700 900123.\n');
  });

  it('refuses to print the diff when CI is set (exit 2, nothing on stdout)', () => {
    const { dir, register } = workspace();
    const f = path.join(dir, 'notes.md');
    writeFileSync(f, 'Joanna Whitby.\n');
    const r = dhr(['redact', f, '--identities', register], { cwd: dir, env: { ...ENV, CI: 'true' } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/--write/);
    expect(r.stderr).not.toContain('Joanna');
  });

  it('--write rewrites CSV and YAML in place, keeping CRLF, a BOM and Windows-1252 bytes', () => {
    const { dir, register } = workspace();
    const csv = path.join(dir, 'police.csv');
    const yml = path.join(dir, 'review.yml');
    const old = path.join(dir, 'housing.csv');
    writeFileSync(csv, '\uFEFFid,event\r\n1,"Darren Hollowell called\r\nfrom 07700 900456"\r\n2,Nothing\r\n');
    writeFileSync(yml, 'reason: >-\n  Alfie Hollowell (born 05/03/2014)\n  was at school.\n');
    writeFileSync(old, iconv.encode('id,event\r\n1,Rent £450 paid by Joanna Whitby\r\n', 'windows-1252'));
    const r = dhr(['redact', csv, yml, old, '--identities', register, '--write'], { cwd: dir, env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(csv, 'utf8')).toBe('\uFEFFid,event\r\n1,"Adult B called\r\nfrom [phone number]"\r\n2,Nothing\r\n');
    expect(readFileSync(yml, 'utf8')).toBe('reason: >-\n  Child C (born [date of birth])\n  was at school.\n');
    expect(readFileSync(old)).toEqual(iconv.encode('id,event\r\n1,Rent £450 paid by Adult A\r\n', 'windows-1252'));
    expect(readdirSync(dir).filter((n) => n.includes('tmp'))).toEqual([]);
  });

  it('--write keeps a UTF-16 file UTF-16, in its byte order, with its byte order mark', () => {
    const { dir, register } = workspace();
    const bom = path.join(dir, 'unicode.txt');
    const plain = path.join(dir, 'powershell.txt');
    writeFileSync(bom, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Seen: Darren Hollowell\r\n', 'utf16le')]));
    writeFileSync(plain, Buffer.from('Seen: Joanna Whitby\r\n', 'utf16le').swap16());
    const r = dhr(['redact', bom, plain, '--identities', register, '--write'], { cwd: dir, env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(bom)).toEqual(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Seen: Adult B\r\n', 'utf16le')]));
    expect(readFileSync(plain)).toEqual(Buffer.from('Seen: Adult A\r\n', 'utf16le').swap16());
  });

  it('walks a folder and never rewrites the register itself', () => {
    const { dir, register } = workspace();
    writeFileSync(path.join(dir, 'a.md'), 'Daz Hollowell.\n');
    const r = dhr(['redact', '.', '--identities', register, '--write'], { cwd: dir, env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(path.join(dir, 'a.md'), 'utf8')).toBe('Adult B.\n');
    expect(readFileSync(register, 'utf8')).toBe(readFileSync(EXAMPLE_IDENTITIES, 'utf8'));
  });

  it('--write on a folder does not follow a link out of it, nor read a named pipe: warns, naming the link only', () => {
    const { dir, register } = workspace();
    const review = path.join(dir, 'review');
    mkdirSync(review);
    const outside = path.join(dir, 'outside-secret.md');
    const outsideText = 'Joanna Kestrel-Whitby, outside the review.\n';
    writeFileSync(outside, outsideText);
    symlinkSync(outside, path.join(review, 'link.md'));
    symlinkSync(dir, path.join(review, 'up'));
    execFileSync('mkfifo', [path.join(review, 'pipe.md')]);
    writeFileSync(path.join(review, 'inside.md'), 'Joanna Whitby called.\n');
    symlinkSync(path.join(review, 'inside.md'), path.join(review, 'inside-link.md'));
    const r = dhr(['redact', review, '--identities', register, '--write'], { cwd: dir, env: ENV });
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(outside, 'utf8')).toBe(outsideText);
    expect(readFileSync(path.join(review, 'inside.md'), 'utf8')).toBe('Adult A called.\n');
    expect(lstatSync(path.join(review, 'inside-link.md')).isSymbolicLink(), 'an inside link stays a link').toBe(true);
    expect(r.stderr).toMatch(/review\/link\.md: symbolic link pointing outside review; not followed/);
    expect(r.stderr).toMatch(/review\/up: symbolic link pointing outside review; not followed/);
    expect(r.stderr).toMatch(/review\/pipe\.md: not a regular file/);
    expect(r.stderr).toContain('1 replacement in 1 file written');
    expect(r.stdout + r.stderr).not.toContain('outside-secret');
    expect(r.stdout + r.stderr).not.toContain('Kestrel');
  });

  it('a folder means every text file lint reads: any extension, none, hidden, deep; office files are listed as not redacted', () => {
    const { dir, register } = workspace();
    const review = path.join(dir, 'review');
    const deep = path.join(review, 'a', 'b', 'c', 'd', 'e');
    mkdirSync(deep, { recursive: true });
    const files = ['notes.txt', 'NOTES', '.hidden.md', 'letter.html', path.join('a', 'b', 'c', 'd', 'e', 'deep.md')];
    for (const f of files) writeFileSync(path.join(review, f), 'Ms Whitby and Joanna called.\n');
    writeFileSync(path.join(review, 'letter.docx'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x4a, 0x6f]));
    const r = dhr(['redact', review, '--identities', register, '--write'], { cwd: dir, env: ENV });
    expect(r.code, r.stderr).toBe(0);
    for (const f of files) expect(readFileSync(path.join(review, f), 'utf8'), f).toBe('Adult A and Adult A called.\n');
    expect(r.stderr).toMatch(/letter\.docx: not redacted/);
    expect(r.stderr).toContain('10 replacements in 5 files written');
  });

  it('exits 2 when the register is tracked by git', () => {
    const { dir, register } = workspace();
    writeFileSync(path.join(dir, 'a.md'), 'text\n');
    git(['init', '-q'], dir);
    git(['add', 'register.yml'], dir);
    const tracked = dhr(['redact', 'a.md', '--identities', register], { cwd: dir, env: ENV });
    expect(tracked.code).toBe(2);
    expect(tracked.stderr).toMatch(/tracked by git/);
  }, 120_000);

  it('exits 2 without a register, or without a file', () => {
    const { dir, register } = workspace();
    writeFileSync(path.join(dir, 'a.md'), 'text\n');
    expect(dhr(['redact', 'a.md'], { cwd: dir, env: ENV }).code).toBe(2);
    expect(dhr(['redact', '--identities', register], { cwd: dir, env: ENV }).code).toBe(2);
  }, 120_000);

  it('reports nothing to do with exit 0', () => {
    const { dir, register } = workspace();
    writeFileSync(path.join(dir, 'a.md'), 'Adult A.\n');
    const r = dhr(['redact', 'a.md', '--identities', register], { cwd: dir, env: ENV });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/no registered names or identifiers/);
  });
});
