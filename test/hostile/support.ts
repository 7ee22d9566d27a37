/**
 * Shared by the hostile-input tests: a copy of the example review to break, the CLI run with a
 * timeout (a hang is a failure, not a stuck CI job), and the catalogue of hostile inputs.
 *
 * Every case builds a repository `<tmp>/<case>/` (dhr.config.yml + reviews/DHR-2024-03) outside
 * this repository and breaks one thing in it. The same catalogue drives every command, so a
 * command that lands later is covered without new tests.
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync, chmodSync, closeSync, cpSync, existsSync, ftruncateSync, mkdirSync, mkdtempSync, openSync,
  readFileSync, rmSync, symlinkSync, writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXAMPLE, EXAMPLE_IDENTITIES, ROOT } from '../support/rule-tester.js';
import { dhr, type Run } from '../support/cli.js';

export { EXAMPLE, EXAMPLE_IDENTITIES, ROOT };
export const REVIEW_ID = 'DHR-2024-03';
export const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;
// The CLI runner (test/support/cli.ts), under the names these tests use.
export { BIN, HANG_MS, dhrAsync as runDhr, type Run } from '../support/cli.js';

/** A stack trace line, as Node prints them. */
export const STACK_RE = /^\s+at .+(\(|:\d+:\d+)/m;

/** Problems with how a run ended: not 0/1/2, a hang, a stack trace, a noisy exit 2. */
export function runProblems(r: Run): string[] {
  const p: string[] = [];
  if (r.timedOut) p.push(`hung (killed after ${r.ms} ms)`);
  else if (r.code === null) p.push(`killed by ${r.signal}`);
  else if (![0, 1, 2].includes(r.code)) p.push(`exit code ${r.code}`);
  if (STACK_RE.test(r.stderr)) p.push(`stack trace on stderr: ${r.stderr.slice(0, 400)}`);
  if (/FATAL ERROR|heap out of memory|RangeError: Maximum call stack/i.test(r.stderr)) p.push(`crash: ${r.stderr.slice(0, 200)}`);
  // exit 2: one line saying what is wrong (build's progress lines, "[3/23] name", may come before it)
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '' && !/^\[\d+\/\d+\] /.test(l));
  if (r.code === 2 && lines.length !== 1) p.push(`exit 2 without exactly one line on stderr: ${JSON.stringify(r.stderr.slice(-400))}`);
  if (r.code === 2 && lines.length === 1 && !/^dhr/.test(lines[0])) p.push(`exit 2 line does not start with "dhr": ${JSON.stringify(lines[0].slice(0, 200))}`);
  return p;
}

export function tmpRoot(prefix: string): string {
  return mkdtempSync(path.join(os.tmpdir(), `dhr-${prefix}-`));
}

/** A repository holding a copy of the example review; returns its paths. */
export function exampleRepo(parent: string, name: string): Repo {
  const repo = path.join(parent, name);
  const review = path.join(repo, 'reviews', REVIEW_ID);
  mkdirSync(path.dirname(review), { recursive: true });
  cpSync(EXAMPLE, review, { recursive: true });
  cpSync(path.join(ROOT, 'fixtures', 'example', 'dhr.config.yml'), path.join(repo, 'dhr.config.yml'));
  return { repo, review, outside: path.join(parent, `${name}.outside`) };
}

export interface Repo {
  repo: string;
  review: string;
  /** A folder beside the repository, for symlink targets "outside". */
  outside: string;
}

/** A file inside a review, made anew (parent folders created, any old file or folder removed). */
export function put(review: string, rel: string, content: string | Uint8Array): string {
  const f = path.join(review, rel);
  rmSync(f, { recursive: true, force: true });
  mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(f, content);
  return f;
}

function replaceWithFolder(review: string, rel: string): void {
  const f = path.join(review, rel);
  rmSync(f, { recursive: true, force: true });
  mkdirSync(f, { recursive: true });
  writeFileSync(path.join(f, 'note.txt'), 'a folder where a file should be\n');
}

function link(review: string, rel: string, target: string): void {
  const f = path.join(review, rel);
  rmSync(f, { recursive: true, force: true });
  mkdirSync(path.dirname(f), { recursive: true });
  symlinkSync(target, f);
}

const POLICE = 'chronologies/police.csv';
const HEADER = 'id,date,time,agency,subject,source,event,action,practitioner,key_event,comment';
const row = (id: number, event = 'Officers attended the address.') =>
  `${id},2021-04-06,,police,Adult A,Incident log,${event},Advice given.,Police constable,no,`;

/** What a case expects of `dhr validate --format json` (the loader's findings). */
export interface Expectation {
  /** Exit code of validate. */
  code: 0 | 1 | 2;
  /** Findings that must be present: rule id, file relative to the review folder, line (optional). */
  findings?: { ruleId: string; file: string; line?: number; column?: number }[];
  /** Substring of the one stderr line, for exit 2. */
  stderr?: string;
}

/** What a case breaks: decides which commands read it (every command runs on every case with DHR_HOSTILE_FULL=1). */
export type CaseKind = 'csv' | 'yaml' | 'markdown' | 'files';

export interface HostileCase {
  name: string;
  kind: CaseKind;
  /** What the input is, for the table. */
  input: string;
  /** Breaks the copy of the example; returns the hostile file, for commands that take files (redact, import). */
  setup(r: Repo): string | undefined;
  validate: Expectation;
  /** The hang limit is multiplied by this for inputs that are large but legitimate (100,000 rows). */
  slow?: number;
  /** Skip with this reason (e.g. a permission test under root). */
  skip?: string;
}

/** A file of `n` bytes, fast (sparse). */
function bigFile(f: string, n: number): void {
  mkdirSync(path.dirname(f), { recursive: true });
  rmSync(f, { force: true });
  const fd = openSync(f, 'w');
  try {
    ftruncateSync(fd, n);
  } finally {
    closeSync(fd);
  }
}

export const CASES: HostileCase[] = [
  {
    name: 'file-too-large',
    kind: 'files',
    input: 'a chronology CSV of 65 MB (sparse file)',
    setup: ({ review }) => {
      const f = path.join(review, POLICE);
      bigFile(f, 65 * 1024 * 1024);
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/file', file: POLICE, line: 1 }] },
  },
  {
    name: 'csv-10mb-line',
    kind: 'csv',
    input: 'a chronology CSV whose one data row is a single 10 MB line',
    setup: ({ review }) => put(review, POLICE, `${HEADER}\n1,2021-04-06,,police,Adult A,Incident log,${'x'.repeat(10 * 1024 * 1024)},,,no,\n`),
    validate: { code: 1, findings: [{ ruleId: 'format/file', file: POLICE, line: 2 }] },
  },
  {
    name: 'markdown-10mb-line',
    kind: 'markdown',
    input: 'overview-report.md with a 10 MB single line appended',
    setup: ({ review }) => {
      const f = path.join(review, 'overview-report.md');
      appendFileSync(f, `\n${'word '.repeat(2 * 1024 * 1024)}\n`);
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/file', file: 'overview-report.md' }] },
  },
  {
    name: 'csv-300-columns',
    kind: 'csv',
    input: 'a chronology row with 300 cells (header has 11)',
    setup: ({ review }) => {
      const f = path.join(review, POLICE);
      appendFileSync(f, `${row(900)}${',x'.repeat(289)}\r\n`);
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/csv', file: POLICE }] },
  },
  {
    name: 'csv-header-5000-columns',
    kind: 'csv',
    input: 'a chronology header with 5,000 columns',
    setup: ({ review }) => put(review, POLICE, `${HEADER}${Array.from({ length: 4989 }, (_, i) => `,extra${i}`).join('')}\n${row(1)}\n`),
    validate: { code: 1, findings: [{ ruleId: 'format/csv', file: POLICE, line: 1 }] },
  },
  {
    name: 'csv-100k-rows',
    kind: 'csv',
    input: 'a chronology of 100,000 valid rows (7.8 MB)',
    slow: 4,
    setup: ({ review }) => {
      const lines = [HEADER];
      for (let i = 1; i <= 100_000; i++) lines.push(`${i},2021-04-06,,police,Adult A,Incident log,Officers attended the address (visit ${i}).,Advice given.,Police constable,no,`);
      return put(review, POLICE, lines.join('\r\n') + '\r\n');
    },
    // out-of-scope / duplicate / gap rules may fire in lint; validate must be clean
    validate: { code: 0 },
  },
  {
    name: 'csv-unclosed-quote',
    kind: 'csv',
    input: 'a chronology whose first data cell opens a quote that never closes',
    setup: ({ review }) => put(review, POLICE, `${HEADER}\n"1,2021-04-06,,police,Adult A,Incident log,Event one.,,,no,\n${row(2)}\n${row(3)}\n`),
    validate: { code: 1, findings: [{ ruleId: 'format/csv', file: POLICE, line: 2, column: 1 }] },
  },
  {
    name: 'csv-cr-only',
    kind: 'csv',
    input: 'a chronology with old-Mac CR-only line endings',
    setup: ({ review }) => put(review, POLICE, [HEADER, row(1), row(2), row(3)].join('\r') + '\r'),
    validate: { code: 0 },
  },
  {
    name: 'mixed-line-endings',
    kind: 'yaml',
    input: 'review.yml with CRLF, overview-report.md with CR-only line endings',
    setup: ({ review }) => {
      const y = path.join(review, 'review.yml');
      writeFileSync(y, readFileSync(y, 'utf8').replace(/\r?\n/g, '\r\n'));
      const m = path.join(review, 'overview-report.md');
      writeFileSync(m, readFileSync(m, 'utf8').replace(/\r?\n/g, '\r'));
      return m;
    },
    validate: { code: 0 },
  },
  {
    name: 'csv-million-empty-lines',
    kind: 'csv',
    input: 'a chronology with 1,000,000 empty lines between two rows',
    setup: ({ review }) => put(review, POLICE, `${HEADER}\n${row(1)}\n${'\n'.repeat(1_000_000)}${row(2)}\n`),
    validate: { code: 0 },
  },
  {
    name: 'markdown-million-empty-lines',
    kind: 'markdown',
    input: 'overview-report.md with 1,000,000 empty lines appended',
    setup: ({ review }) => {
      const f = path.join(review, 'overview-report.md');
      appendFileSync(f, '\n'.repeat(1_000_000));
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/markdown', file: 'overview-report.md' }] },
  },
  {
    name: 'yaml-billion-laughs',
    kind: 'yaml',
    input: 'review.yml with a billion-laughs alias bomb (9 levels × 9 aliases)',
    setup: ({ review }) => {
      const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
      const names = 'abcdefghi';
      for (let k = 1; k < names.length; k++) {
        const p = names[k - 1];
        lines.push(`${names[k]}: &${names[k]} [${Array(9).fill(`*${p}`).join(',')}]`);
      }
      const f = path.join(review, 'review.yml');
      writeFileSync(f, readFileSync(f, 'utf8') + '\nbomb:\n' + lines.map((l) => `  ${l}`).join('\n') + '\n');
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/yaml', file: 'review.yml' }] },
  },
  {
    name: 'yaml-deep-flow',
    kind: 'yaml',
    input: 'review.yml whose value is a flow collection nested 10,000 deep ([[[[…]]]])',
    setup: ({ review }) => {
      const f = path.join(review, 'review.yml');
      writeFileSync(f, readFileSync(f, 'utf8') + `\nnested: ${'['.repeat(10_000)}1${']'.repeat(10_000)}\n`);
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/yaml', file: 'review.yml' }] },
  },
  {
    name: 'yaml-deep-block',
    kind: 'yaml',
    input: 'review.yml with block mappings nested 1,000 deep',
    setup: ({ review }) => {
      const f = path.join(review, 'review.yml');
      const lines = Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`);
      writeFileSync(f, readFileSync(f, 'utf8') + '\n' + lines.join('\n') + ' end\n');
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/yaml', file: 'review.yml' }] },
  },
  {
    name: 'yaml-long-key',
    kind: 'yaml',
    input: 'review.yml with a 1 MB key',
    setup: ({ review }) => {
      const f = path.join(review, 'review.yml');
      writeFileSync(f, readFileSync(f, 'utf8') + `\n${'k'.repeat(1024 * 1024 - 10)}: 1\n`);
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/yaml', file: 'review.yml' }] },
  },
  {
    name: 'yaml-proto-keys',
    kind: 'yaml',
    input: 'review.yml with __proto__ and constructor keys',
    setup: ({ review }) => {
      const f = path.join(review, 'review.yml');
      writeFileSync(f, readFileSync(f, 'utf8') + '\n__proto__: { polluted: true }\nconstructor: { prototype: { polluted: true } }\n');
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'schema/review', file: 'review.yml' }] },
  },
  {
    name: 'csv-proto-header',
    kind: 'csv',
    input: 'a chronology header with __proto__, constructor and toString columns',
    setup: ({ review }) => put(review, POLICE, `${HEADER},__proto__,constructor,tostring\n${row(1)},a,b,c\n`),
    validate: { code: 1, findings: [{ ruleId: 'schema/chronology', file: POLICE, line: 1 }] },
  },
  {
    name: 'markdown-10000-blockquotes',
    kind: 'markdown',
    input: 'overview-report.md with 10,000 nested blockquotes (`>>>>…`)',
    setup: ({ review }) => {
      const f = path.join(review, 'overview-report.md');
      appendFileSync(f, `\n${'>'.repeat(10_000)} deep\n`);
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/markdown', file: 'overview-report.md' }] },
  },
  {
    name: 'markdown-spaced-blockquotes',
    kind: 'markdown',
    input: 'an IMR with 10,000 nested blockquotes written `> > > …`',
    setup: ({ review }) => {
      const f = path.join(review, 'imrs/police.md');
      appendFileSync(f, `\n${'> '.repeat(10_000)}deep\n`);
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/markdown', file: 'imrs/police.md' }] },
  },
  {
    name: 'markdown-10000-list-levels',
    kind: 'markdown',
    input: 'overview-report.md with a list nested 10,000 levels on one line (`- - - …`)',
    setup: ({ review }) => {
      const f = path.join(review, 'overview-report.md');
      appendFileSync(f, `\n${'- '.repeat(10_000)}deep\n`);
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/markdown', file: 'overview-report.md' }] },
  },
  {
    name: 'markdown-indented-lists',
    kind: 'markdown',
    input: 'an IMR with a list nested 1,000 levels by indentation',
    setup: ({ review }) => {
      const f = path.join(review, 'imrs/icb.md');
      const lines = Array.from({ length: 1000 }, (_, i) => `${'  '.repeat(i)}- level ${i}`);
      appendFileSync(f, `\n${lines.join('\n')}\n`);
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/markdown', file: 'imrs/icb.md' }] },
  },
  {
    name: 'markdown-brackets',
    kind: 'markdown',
    input: 'executive-summary.md with 100,000 `[` then 100,000 `]`',
    setup: ({ review }) => {
      const f = path.join(review, 'executive-summary.md');
      appendFileSync(f, `\n${'['.repeat(100_000)}x${']'.repeat(100_000)}\n`);
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/markdown', file: 'executive-summary.md' }] },
  },
  {
    name: 'markdown-emphasis',
    kind: 'markdown',
    input: 'executive-summary.md with 100,000 nested `*_` emphasis openers and closers',
    setup: ({ review }) => {
      const f = path.join(review, 'executive-summary.md');
      appendFileSync(f, `\n${'*_'.repeat(50_000)}x${'_*'.repeat(50_000)}\n`);
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/markdown', file: 'executive-summary.md' }] },
  },
  {
    name: 'markdown-many-paragraphs',
    kind: 'markdown',
    input: 'family statement with 1,000 paragraphs of 1,500 link and emphasis markers each (1.9 MB)',
    setup: ({ review }) => {
      const f = path.join(review, 'family/family-statement.md');
      appendFileSync(f, `\n${`${'[a](b) *c* '.repeat(250)}\n\n`.repeat(700)}`);
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/markdown', file: 'family/family-statement.md' }] },
  },
  {
    name: 'markdown-many-disables',
    kind: 'markdown',
    input: 'overview-report.md with 50,000 inline-disable comments',
    setup: ({ review }) => {
      const f = path.join(review, 'overview-report.md');
      appendFileSync(f, '\n' + '<!-- dhr-disable-next-line report/todo -- test -->\nText.\n\n'.repeat(50_000));
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/markdown', file: 'overview-report.md' }] },
  },
  {
    name: 'binary-nul',
    kind: 'files',
    input: 'a chronology CSV containing NUL bytes',
    setup: ({ review }) => put(review, POLICE, Buffer.concat([Buffer.from(`${HEADER}\n1,2021`), Buffer.from([0, 0, 1, 2]), Buffer.from('\n')])),
    validate: { code: 1, findings: [{ ruleId: 'format/file', file: POLICE, line: 1 }] },
  },
  {
    name: 'binary-image',
    kind: 'files',
    input: 'overview-report.md that is really a PNG image',
    setup: ({ review }) => put(review, 'overview-report.md', Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')),
    validate: { code: 1, findings: [{ ruleId: 'format/file', file: 'overview-report.md', line: 1 }] },
  },
  {
    name: 'invalid-utf8',
    kind: 'csv',
    input: 'a chronology with invalid UTF-8 bytes (0xFF 0xFE, a lone 0x93)',
    setup: ({ review }) => {
      const f = path.join(review, POLICE);
      appendFileSync(f, Buffer.concat([Buffer.from('99,2021-04-07,,police,Adult A,Incident log,Officer\x93s visit '), Buffer.from([0xff, 0xfe]), Buffer.from(',,,no,\r\n')]));
      return f;
    },
    validate: { code: 0, findings: [{ ruleId: 'format/encoding', file: POLICE, line: 1 }] },
  },
  {
    name: 'invalid-utf8-yaml',
    kind: 'yaml',
    input: 'review.yml with a lone 0xC3 byte (truncated UTF-8 sequence)',
    setup: ({ review }) => {
      const f = path.join(review, 'review.yml');
      writeFileSync(f, Buffer.concat([readFileSync(f), Buffer.from('\n# caf'), Buffer.from([0xc3]), Buffer.from('\n')]));
      return f;
    },
    validate: { code: 0, findings: [{ ruleId: 'format/encoding', file: 'review.yml', line: 1 }] },
  },
  {
    name: 'review-yml-folder',
    kind: 'yaml',
    input: 'review.yml is a folder',
    setup: ({ review }) => {
      replaceWithFolder(review, 'review.yml');
      return undefined;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/file', file: 'review.yml', line: 1 }] },
  },
  {
    name: 'csv-folder',
    kind: 'csv',
    input: 'chronologies/police.csv is a folder',
    setup: ({ review }) => {
      replaceWithFolder(review, POLICE);
      return undefined;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/file', file: POLICE, line: 1 }] },
  },
  {
    name: 'markdown-folder',
    kind: 'markdown',
    input: 'overview-report.md and action-plan.csv are folders',
    setup: ({ review }) => {
      replaceWithFolder(review, 'overview-report.md');
      replaceWithFolder(review, 'action-plan.csv');
      return undefined;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/file', file: 'overview-report.md', line: 1 }, { ruleId: 'format/file', file: 'action-plan.csv', line: 1 }] },
  },
  {
    name: 'chronologies-file',
    kind: 'files',
    input: 'chronologies is a file, not a folder',
    setup: ({ review }) => put(review, 'chronologies', 'not a folder\n'),
    validate: { code: 1, findings: [{ ruleId: 'format/file', file: 'chronologies', line: 1 }] },
  },
  {
    name: 'review-yml-empty',
    kind: 'yaml',
    input: 'review.yml is empty',
    setup: ({ review }) => put(review, 'review.yml', ''),
    validate: { code: 1, findings: [{ ruleId: 'schema/review', file: 'review.yml', line: 1 }] },
  },
  {
    name: 'review-yml-list',
    kind: 'yaml',
    input: 'review.yml is a YAML list',
    setup: ({ review }) => put(review, 'review.yml', '- id: DHR-2024-03\n- type: dhr\n'),
    validate: { code: 1, findings: [{ ruleId: 'schema/review', file: 'review.yml', line: 1 }] },
  },
  {
    name: 'review-yml-scalar',
    kind: 'yaml',
    input: 'review.yml is a single string',
    setup: ({ review }) => put(review, 'review.yml', 'just some text\n'),
    validate: { code: 1, findings: [{ ruleId: 'schema/review', file: 'review.yml', line: 1 }] },
  },
  {
    name: 'review-yml-wrong-types',
    kind: 'yaml',
    input: 'review.yml with every key of the wrong type (dates as lists, lists as numbers, impossible dates)',
    setup: ({ review }) => put(review, 'review.yml', [
      'id: DHR-2024-03', 'type: 42', 'csp: [a, b]', 'lead_district: { x: 1 }', 'status: true', 'joint_with: 7',
      'dates: { death: [1, 2], notification: 99999-99-99, decision: 2024-02-30, home_office_notified: {}, submitted: "275760-09-14" }',
      'extensions: "many"', 'criminal_proceedings: 3', 'chair: []', 'panel: { a: 1 }', 'subjects: "Adult A"',
      'family: 12', 'terms_of_reference: { period: [] }', 'agencies: [1, null, "police", { id: [] }]', 'costs: { chair: "lots", administration: -1e308 }',
      '',
    ].join('\n')),
    validate: { code: 1, findings: [{ ruleId: 'schema/review', file: 'review.yml' }] },
  },
  {
    name: 'imr-front-matter-list',
    kind: 'markdown',
    input: 'an IMR whose front matter is a list, another with unterminated front matter',
    setup: ({ review }) => {
      put(review, 'imrs/gdass.md', '---\n- a\n- b\n---\n\n## Introduction\n');
      return put(review, 'imrs/icb.md', '---\nagency: icb\n\n## Introduction\n');
    },
    validate: { code: 1, findings: [{ ruleId: 'format/yaml', file: 'imrs/gdass.md' }] },
  },
  {
    name: 'unreadable-file',
    kind: 'files',
    input: 'a chronology with permissions 000',
    skip: IS_ROOT ? 'tests run as root, who can read any file: permission denied cannot happen' : undefined,
    setup: ({ review }) => {
      const f = path.join(review, POLICE);
      chmodSync(f, 0);
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/file', file: POLICE, line: 1 }] },
  },
  {
    name: 'fifo',
    kind: 'files',
    input: 'a chronology that is a named pipe (FIFO) nobody writes to',
    setup: ({ review }) => {
      const f = path.join(review, POLICE);
      rmSync(f, { force: true });
      const r = spawnSync('mkfifo', [f]);
      if (r.status !== 0) throw new Error('mkfifo failed');
      return undefined;
    },
    validate: { code: 1, findings: [{ ruleId: 'format/file', file: POLICE, line: 1 }] },
  },
  {
    name: 'symlink-etc-passwd',
    kind: 'files',
    input: 'chronologies/police.csv is a symlink to /etc/passwd',
    setup: ({ review }) => {
      link(review, POLICE, '/etc/passwd');
      return undefined;
    },
    validate: { code: 1, findings: [{ ruleId: 'security/symlink', file: POLICE, line: 1 }] },
  },
  {
    name: 'symlink-outside-file',
    kind: 'files',
    input: 'review.yml and an IMR are symlinks to files outside the review',
    setup: ({ review, outside }) => {
      mkdirSync(outside, { recursive: true });
      cpSync(path.join(review, 'review.yml'), path.join(outside, 'review.yml'));
      // a registered name beside the marker: redact would print it (and the marker) if it followed the link
      writeFileSync(path.join(outside, 'secret.md'), '---\nagency: police\n---\nOUTSIDE-SECRET-CONTENT about Joanna Kestrel-Whitby\n');
      link(review, 'review.yml', path.join(outside, 'review.yml'));
      link(review, 'imrs/police.md', path.join(outside, 'secret.md'));
      return undefined;
    },
    validate: { code: 1, findings: [{ ruleId: 'security/symlink', file: 'review.yml', line: 1 }, { ruleId: 'security/symlink', file: 'imrs/police.md', line: 1 }] },
  },
  {
    name: 'symlink-dir-outside',
    kind: 'files',
    input: 'chronologies/ and imrs/ are symlinks to folders outside the review (one holds a link to /etc/passwd)',
    setup: ({ review, outside }) => {
      mkdirSync(path.join(outside, 'chron'), { recursive: true });
      mkdirSync(path.join(outside, 'imrs'), { recursive: true });
      cpSync(path.join(review, 'chronologies'), path.join(outside, 'chron'), { recursive: true });
      cpSync(path.join(review, 'imrs'), path.join(outside, 'imrs'), { recursive: true });
      symlinkSync('/etc/passwd', path.join(outside, 'chron', 'passwd.csv'));
      writeFileSync(path.join(outside, 'chron', 'secret.csv'), `${HEADER}\n1,2021-01-01,,secret,Adult A,x,OUTSIDE-SECRET-CONTENT about Darren Hollowell,,,no,\n`);
      link(review, 'chronologies', path.join(outside, 'chron'));
      link(review, 'imrs', path.join(outside, 'imrs'));
      return undefined;
    },
    validate: { code: 1, findings: [{ ruleId: 'security/symlink', file: 'chronologies', line: 1 }, { ruleId: 'security/symlink', file: 'imrs', line: 1 }] },
  },
  {
    name: 'symlink-inside',
    kind: 'files',
    input: 'family/statement.md is a symlink to another file inside the review (allowed)',
    setup: ({ review }) => {
      link(review, 'family/copy.md', '../family/family-statement.md');
      return undefined;
    },
    validate: { code: 0 },
  },
  {
    name: 'symlink-loop',
    kind: 'files',
    input: 'a chronology that is a symlink to itself, another a dangling symlink',
    setup: ({ review }) => {
      link(review, 'chronologies/loop.csv', 'loop.csv');
      link(review, 'chronologies/gone.csv', '/nonexistent/gone.csv');
      return undefined;
    },
    validate: { code: 1, findings: [{ ruleId: 'security/symlink', file: 'chronologies/loop.csv', line: 1 }, { ruleId: 'security/symlink', file: 'chronologies/gone.csv', line: 1 }] },
  },
  {
    name: 'special-file-names',
    kind: 'files',
    input: 'a chronology named with a newline, `::error` and `%0A` in its file name',
    setup: ({ review }) => {
      const f = path.join(review, 'chronologies', 'evil\n::error file=x::injected %0A.csv');
      writeFileSync(f, `${HEADER}\n${row(1)}\n`);
      return f;
    },
    validate: { code: 1 },
  },
  {
    name: 'control-characters',
    kind: 'csv',
    input: 'chronology cells and headers with ANSI escapes, bidi overrides and workflow-command text',
    setup: ({ review }) => put(review, POLICE,
      `${HEADER},"\x1b[2J\x1b[31mred\u202e::error::x"\n1,2021-04-06,,police,Adult A,Incident log,"\x1b]0;title\x07 \u202eevent\n::warning::spoof",,Police constable,maybe,,x\n`),
    validate: { code: 1, findings: [{ ruleId: 'schema/chronology', file: POLICE, line: 1 }] },
  },
  {
    name: 'dates-out-of-range',
    kind: 'csv',
    input: 'chronology and action-plan dates such as 0000-00-00, 275760-09-14, 9999-12-31 and 31/02/2021',
    setup: ({ review }) => {
      const f = put(review, POLICE, `${HEADER}\n1,0000-00-00,,police,Adult A,Incident log,a.,,,no,\n2,9999-12-31,25:61,police,Adult A,Incident log,b.,,,no,\n3,31/02/2021,,police,Adult A,Incident log,c.,,,no,\n4,275760-09-14,,police,Adult A,Incident log,d.,,,no,\n5,-0001-01-01,,police,Adult A,Incident log,e.,,,no,\n`);
      const a = path.join(review, 'action-plan.csv');
      writeFileSync(a, readFileSync(a, 'utf8').replace(/,20\d\d-\d\d-\d\d,/, ',9999-99-99,'));
      return f;
    },
    validate: { code: 1, findings: [{ ruleId: 'schema/chronology', file: POLICE }] },
  },
  {
    name: 'empty-review-folder-files',
    kind: 'files',
    input: 'every file of the review emptied (0 bytes)',
    setup: ({ review }) => {
      const walk = (d: string) => {
        for (const e of spawnSync('find', [d, '-type', 'f'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean)) writeFileSync(e, '');
      };
      walk(review);
      return path.join(review, POLICE);
    },
    validate: { code: 1, findings: [{ ruleId: 'schema/review', file: 'review.yml', line: 1 }] },
  },
];

/** A repository whose reviews/<x> is a symlink to a review folder outside it. */
export function repoWithOutsideReview(parent: string): Repo {
  const r = exampleRepo(parent, 'outside-review');
  const target = path.join(parent, 'elsewhere', REVIEW_ID);
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(r.review, target, { recursive: true });
  rmSync(r.review, { recursive: true, force: true });
  symlinkSync(target, r.review);
  return r;
}

/** An identity register copied outside the repository (a tracked register is refused). */
export function registerCopy(parent: string): string {
  const f = path.join(parent, 'identities.yml');
  if (!existsSync(f)) cpSync(EXAMPLE_IDENTITIES, f);
  return f;
}

/** How each command is run on a review repository; data-driven so commands that land later are covered. */
export interface CommandRun {
  name: string;
  /** The kinds of input the command processes beyond loading (it runs on those cases by default). */
  reads: CaseKind[];
  /** Arguments for a review; `file` is the hostile file when the case made one. */
  args(ctx: { repo: string; review: string; out: string; identities: string; file?: string }): string[] | undefined;
  /** True when the command produces files into `out`. */
  writes?: boolean;
  /**
   * True when the command writes into the review itself: it runs on a copy of its own, as the other
   * commands of a case run at the same time and would otherwise read the review half-changed.
   */
  changesReview?: boolean;
}

export const COMMAND_RUNS: CommandRun[] = [
  { name: 'validate', reads: ['csv', 'yaml', 'markdown', 'files'], args: ({ review }) => ['validate', review, '--format', 'json'] },
  { name: 'lint', reads: ['csv', 'yaml', 'markdown', 'files'], args: ({ review, identities }) => ['lint', review, '--format', 'json', '--as-of', '2025-07-01', '--identities', identities] },
  { name: 'chronology', reads: ['csv', 'yaml', 'files'], args: ({ review, out }) => ['chronology', review, '--out', out], writes: true },
  { name: 'build', reads: ['csv', 'yaml', 'markdown', 'files'], args: ({ review, out, identities }) => ['build', review, '--out', out, '--draft', '--identities', identities], writes: true },
  { name: 'audit', reads: ['csv', 'yaml', 'files'], args: ({ repo }) => ['audit', repo, '--format', 'json', '--as-of', '2025-07-01'] },
  { name: 'costs', reads: ['yaml', 'files'], args: ({ review }) => ['costs', review, '--format', 'json'] },
  // redact reads the files itself: the whole review folder, links included
  { name: 'redact', reads: ['csv', 'yaml', 'markdown', 'files'], args: ({ review, identities }) => ['redact', review, '--identities', identities] },
  // import converts the hostile file (when it is a spreadsheet) into a new agency's chronology
  { name: 'import', reads: ['csv', 'files'], args: ({ file, review }) => (file && /\.(csv|xlsx)$/i.test(file) ? ['import', file, '--agency', 'imported', '--to', review, '--force'] : undefined), changesReview: true },
];

const stubAnswers = new Map<string, boolean>();

/** True when `dhr <name>` is still the placeholder that says it is not available yet (asked once per process). */
export function isStub(name: string): boolean {
  let stub = stubAnswers.get(name);
  if (stub === undefined) stubAnswers.set(name, (stub = /not available in this version yet/.test(dhr([name, '--help']).stderr)));
  return stub;
}

/** Where the hostile-input table is written when DHR_HOSTILE_TABLE is set (see docs/HOSTILE-INPUTS.md). */
export function recordRow(row: Record<string, string>): void {
  const f = process.env.DHR_HOSTILE_TABLE;
  if (f) appendFileSync(f, JSON.stringify(row) + '\n');
}
