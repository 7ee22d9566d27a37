/**
 * The benchmark (`npm run bench`, issue 7). Generates fictional reviews into a temporary folder
 * (bench/generate.ts), then times the CLI as a user runs it — one child process per run, wall time
 * and peak resident memory, the median of N runs — against the parse floor (bench/floor.ts: the
 * same files read and parsed by the same code, no rules). Checks that lint still finds every
 * planted identifier, prints the table and writes it to bench/RESULTS.md.
 *
 *   node dist/bench/run.js [--sizes example,normal,large,large-2x,repository] [--runs N] [--quick]
 *                          [--keep] [--no-write] [--out FILE]
 *
 * --quick: smaller sizes (10,000 rows, 5 reviews) and fewer runs, to try the harness; never
 * written to RESULTS.md unless --out says where.
 */
import { spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EXAMPLE_ID, countWords, exampleRepo, folderBytes, generate, makePeople, registerYaml, repoRoot, rngFor, type Generated, type Plant } from './generate.js';

// ---------------------------------------------------------------- options

const argv = process.argv.slice(2);
const flag = (name: string) => argv.includes(name);
const option = (name: string) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const quick = flag('--quick');
const ALL_SIZES = ['startup', 'example', 'normal', 'large', 'large-2x', 'repository'] as const;
type SizeName = (typeof ALL_SIZES)[number];
const sizes = (option('--sizes')?.split(',') ?? [...ALL_SIZES]) as SizeName[];
for (const s of sizes) if (!ALL_SIZES.includes(s)) throw new Error(`unknown size ${s} (one of ${ALL_SIZES.join(', ')})`);
const runsFlag = option('--runs') ? Number(option('--runs')) : undefined;
const ROOT = repoRoot();
const BIN = path.join(ROOT, 'bin', 'dhr.js');
const FLOOR = path.join(ROOT, 'dist', 'bench', 'floor.js');
const resultsFile = option('--out') ?? (quick ? undefined : path.join(ROOT, 'bench', 'RESULTS.md'));

const SIZE_OPTS = {
  normal: { rows: 1000 },
  large: { rows: quick ? 10_000 : 100_000, words: quick ? 20_000 : 200_000 },
  'large-2x': { rows: quick ? 20_000 : 200_000, words: quick ? 40_000 : 400_000 },
  repository: { reviews: quick ? 5 : 50 },
};

/** Runs per measurement: more for the quick ones, whose times are noisier. */
function runsFor(size: SizeName): number {
  if (runsFlag) return runsFlag;
  if (quick) return 2;
  return size === 'large' || size === 'large-2x' || size === 'repository' ? 3 : 5;
}

// ---------------------------------------------------------------- measuring one run

const TIME = ['/usr/bin/time', '/bin/time'].find((p) => existsSync(p));

interface RunResult {
  ms: number;
  /** CPU time (user + system), seconds: less sensitive than wall time to other work on the machine. */
  cpuS: number;
  /** Peak resident set size, MB (NaN when it could not be measured). */
  rssMb: number;
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node <args>` in `cwd`. Wall time is measured here, from spawn to exit. Peak RSS comes from
 * GNU time (`%M`, the child's maximum resident set size); without it, from polling VmHWM in
 * /proc/<pid>/status (Linux), which is the kernel's own high-water mark, so polling late still
 * reads the peak.
 */
async function runNode(args: string[], cwd: string, scratch: string, extraEnv: Record<string, string> = {}): Promise<RunResult> {
  const outFile = path.join(scratch, 'stdout.txt');
  const errFile = path.join(scratch, 'stderr.txt');
  const rssFile = path.join(scratch, 'rss.txt');
  const out = openSync(outFile, 'w');
  const err = openSync(errFile, 'w');
  const cmd = TIME ? TIME : process.execPath;
  const full = TIME ? ['-f', '%M %U %S', '-o', rssFile, process.execPath, ...args] : args;
  const env = { ...process.env, NO_COLOR: '1', DHR_DEBUG: '', DHR_IDENTITIES: '', CI: '', DHR_WORKERS: '', ...extraEnv };
  const t0 = performance.now();
  const child = spawn(cmd, full, { cwd, stdio: ['ignore', out, err], env });
  let hwm = NaN;
  const poll = TIME || process.platform !== 'linux' ? undefined : setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) hwm = Number(m[1]) / 1024;
    } catch {
      // exited between polls
    }
  }, 5);
  const code: number = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? -1)));
  const ms = performance.now() - t0;
  if (poll) clearInterval(poll);
  closeSync(out);
  closeSync(err);
  let rssMb = hwm;
  let cpuS = NaN;
  if (TIME) {
    // the last line (GNU time writes "Command exited with non-zero status" before it)
    const m = /(\d+) ([\d.]+) ([\d.]+)\s*$/.exec(readFileSync(rssFile, 'utf8'));
    rssMb = m ? Number(m[1]) / 1024 : NaN;
    cpuS = m ? Number(m[2]) + Number(m[3]) : NaN;
  }
  return { ms, cpuS, rssMb, code, stdout: readFileSync(outFile, 'utf8'), stderr: readFileSync(errFile, 'utf8') };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---------------------------------------------------------------- the cases

interface Row {
  size: SizeName;
  command: string;
  runs: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  rssMb: number;
  /** Median CPU seconds (user + system) of the runs. */
  cpuS: number;
  cpuRatio?: number;
  /** Exit codes seen (lint of a review with planted identifiers exits 1: that is expected). */
  codes: number[];
  ratio?: number;
  /** Why the command failed (exit 2 or a crash): the benchmark goes on with the next one. */
  failed?: string;
}

interface SizeInfo {
  size: SizeName;
  reviews: number;
  rows: number;
  imrWords: number;
  mb: number;
  planted: number;
  foundByIdentity?: number;
  foundByAnyAnon?: number;
  missed?: Plant[];
  lintErrors?: number;
  lintWarnings?: number;
  otherFindings?: Record<string, number>;
}

const rows: Row[] = [];
const infos: SizeInfo[] = [];

function log(s: string): void {
  process.stderr.write(`${s}\n`);
}

async function measure(size: SizeName, command: string, args: string[], cwd: string, scratch: string,
  onFirst?: (r: RunResult) => void, env?: Record<string, string>): Promise<Row> {
  const n = runsFor(size);
  const results: RunResult[] = [];
  for (let i = 0; i < n; i++) {
    const r = await runNode(args, cwd, scratch, env);
    // 0 and 1 (findings) are answers; 2 is a usage error, and anything else a crash (139: SIGSEGV through GNU time)
    if (r.code !== 0 && r.code !== 1) {
      const why = `exit ${r.code}: ${r.stderr.trim().split('\n')[0] ?? ''}`.slice(0, 200);
      log(`  ${size.padEnd(10)} ${command.padEnd(22)} FAILED (${why})`);
      const row: Row = { size, command, runs: i + 1, medianMs: NaN, minMs: NaN, maxMs: NaN, rssMb: r.rssMb, cpuS: NaN, codes: [r.code], failed: why };
      rows.push(row);
      return row;
    }
    if (i === 0) onFirst?.(r);
    results.push(r);
  }
  const ms = results.map((r) => r.ms);
  const row: Row = {
    size, command, runs: n, medianMs: median(ms), minMs: Math.min(...ms), maxMs: Math.max(...ms),
    rssMb: Math.max(...results.map((r) => r.rssMb)), cpuS: median(results.map((r) => r.cpuS)), codes: [...new Set(results.map((r) => r.code))],
  };
  log(`  ${size.padEnd(10)} ${command.padEnd(22)} ${fmtMs(row.medianMs).padStart(9)} ms  ${row.cpuS.toFixed(1).padStart(6)} CPU s  ${row.rssMb.toFixed(0).padStart(5)} MB`);
  rows.push(row);
  return row;
}

/** Compares lint's findings with the planted identifiers: found when an anon finding overlaps it. */
function checkPlants(info: SizeInfo, plants: Plant[], json: string): void {
  const out = JSON.parse(json) as { findings: Array<{ ruleId: string; file: string; line: number; column: number; endLine: number; endColumn: number; severity: string }> };
  const byFile = new Map<string, typeof out.findings>();
  for (const f of out.findings) {
    if (!f.ruleId.startsWith('anon/')) continue;
    const list = byFile.get(f.file);
    if (list) list.push(f);
    else byFile.set(f.file, [f]);
  }
  const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 < c2);
  const overlaps = (p: Plant, f: { line: number; column: number; endLine: number; endColumn: number }) =>
    before(f.line, f.column, p.endLine, p.endColumn) && before(p.line, p.column, f.endLine, f.endColumn);
  let byIdentity = 0;
  let byAny = 0;
  const missed: Plant[] = [];
  for (const p of plants) {
    const fs = (byFile.get(p.file) ?? []).filter((f) => overlaps(p, f));
    if (fs.some((f) => f.ruleId === 'anon/identity')) byIdentity++;
    if (fs.length) byAny++;
    else missed.push(p);
  }
  info.foundByIdentity = byIdentity;
  info.foundByAnyAnon = byAny;
  info.missed = missed;
  info.lintErrors = out.findings.filter((f) => f.severity === 'error').length;
  info.lintWarnings = out.findings.filter((f) => f.severity === 'warning').length;
  // findings that are not about a planted identifier: false positives of the generated text, duplicates …
  const other: Record<string, number> = {};
  for (const f of out.findings) {
    if (f.ruleId.startsWith('anon/') && plants.some((p) => p.file === f.file && overlaps(p, f))) continue;
    other[f.ruleId] = (other[f.ruleId] ?? 0) + 1;
  }
  info.otherFindings = other;
  log(`  ${info.size}: planted ${plants.length}, found by anon/identity ${byIdentity}, by any anon rule ${byAny}`
    + (missed.length ? ` — MISSED ${missed.length}: ${missed.slice(0, 5).map((m) => `${m.file}:${m.line}:${m.column} ${m.kind} (${m.form})`).join('; ')}` : ''));
}

// ---------------------------------------------------------------- main

function fmtMs(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

function machine(): string[] {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus[0]?.model ?? 'unknown'} × ${cpus.length} (os.availableParallelism ${os.availableParallelism?.() ?? cpus.length})`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- OS: ${os.type()} ${os.release()} (${os.platform()}/${os.arch()})`,
    `- Node: ${process.version}`,
  ];
}

const loadavg = () => os.loadavg().map((x) => x.toFixed(2)).join(', ');

async function main(): Promise<void> {
  if (!existsSync(path.join(ROOT, 'dist', 'src', 'cli', 'main.js')) || !existsSync(FLOOR)) {
    throw new Error('build first: npx tsc -p tsconfig.json (npm run bench does it)');
  }
  const started = new Date();
  const loadBefore = loadavg();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dhr-bench-'));
  const scratch = path.join(tmp, '.scratch');
  mkdirSync(scratch);
  log(`dhr benchmark in ${tmp}${quick ? ' (quick)' : ''}; load average ${loadBefore}; ${TIME ? `peak RSS by ${TIME}` : 'peak RSS from /proc VmHWM'}`);
  try {
    for (const size of sizes) await runSize(size, tmp, scratch);
  } finally {
    if (!flag('--keep')) rmSync(tmp, { recursive: true, force: true });
    else log(`kept ${tmp}`);
  }
  const loadAfter = loadavg();
  const report = render(started, loadBefore, loadAfter);
  process.stdout.write(report.table);
  if (resultsFile && !flag('--no-write')) {
    const keep = existsSync(resultsFile) ? readFileSync(resultsFile, 'utf8') : '';
    const at = keep.indexOf(NOTES_MARK);
    writeFileSync(resultsFile, report.markdown + (at >= 0 ? keep.slice(at) : `\n${NOTES_MARK}\n`));
    log(`wrote ${path.relative(process.cwd(), resultsFile)}`);
  }
  const failed = report.failures;
  if (failed.length) {
    log(`targets missed: ${failed.join('; ')}`);
    process.exitCode = 1;
  }
}

async function runSize(size: SizeName, tmp: string, scratch: string): Promise<void> {
  if (size === 'startup') {
    log('startup');
    await measure(size, 'node (empty script)', ['-e', ''], tmp, scratch);
    await measure(size, 'dhr --help', [BIN, '--help'], tmp, scratch);
    // what --help cost before commands were loaded lazily: every command module imported
    // every module of src/cli/ (so a renamed command module cannot drop out of the figure)
    const cliDir = path.join(ROOT, 'dist', 'src', 'cli');
    const all = readdirSync(cliDir).filter((f) => f.endsWith('.js') && !f.endsWith('.test.js') && f !== 'main.js')
      .map((m) => `import(${JSON.stringify(path.join(cliDir, m))})`);
    await measure(size, 'all commands (eager)', ['--input-type=module', '-e', `await Promise.all([${all.join(',')}])`], tmp, scratch);
    return;
  }
  const dir = path.join(tmp, size);
  let g: Generated;
  const t0 = performance.now();
  if (size === 'example') {
    // the committed example, copied so that outputs land in the temporary folder
    // (with a register of other, generated people: none of them appears in it)
    cpSync(exampleRepo(), dir, { recursive: true });
    mkdirSync(path.join(dir, '.dhr'), { recursive: true });
    const identities = path.join(dir, '.dhr', 'identities.yml');
    writeFileSync(identities, registerYaml(makePeople(rngFor(1))));
    const review = path.join(dir, 'reviews', EXAMPLE_ID);
    const imrs = path.join(review, 'imrs');
    const imrWords = readdirSync(imrs).reduce((n, f) => n + countWords(readFileSync(path.join(imrs, f), 'utf8')), 0);
    g = { root: dir, reviews: [review], identities, plants: [], rows: 0, imrWords, bytes: folderBytes(path.join(dir, 'reviews')) };
  } else {
    g = generate(dir, size === 'large-2x' ? 'large' : size, SIZE_OPTS[size]);
  }
  const info: SizeInfo = {
    size, reviews: g.reviews.length, rows: g.rows, imrWords: g.imrWords, mb: g.bytes / 1e6, planted: g.plants.length,
  };
  infos.push(info);
  log(`${size}: ${info.reviews} review(s), ${info.rows} chronology rows, ${info.imrWords} IMR words, ${info.mb.toFixed(1)} MB`
    + ` (generated in ${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  const target = size === 'repository' ? '.' : path.relative(dir, g.reviews[0]);
  const ids = path.relative(dir, g.identities);
  const floor = await measure(size, 'floor (parse only)', [FLOOR, target], dir, scratch, (r) => {
    // the floor counts what it read: the example's rows are whatever the fixture holds today
    const read = JSON.parse(r.stdout) as { rows: number };
    if (size === 'example') info.rows = read.rows;
  });
  const fix = (r: Row) => {
    r.ratio = r.medianMs / floor.medianMs;
    r.cpuRatio = r.cpuS / floor.cpuS;
  };
  // the whole loader (parsing + JSON Schema checks of every row and front matter): between the two
  fix(await measure(size, 'loader (parse + schemas)', [FLOOR, '--load', target], dir, scratch));
  if (size === 'large') {
    // the CSV part of the floor against csv-parse on the same bytes (it gives records, not positions)
    fix(await measure(size, 'CSV only: our reader', [FLOOR, '--csv', target], dir, scratch));
    fix(await measure(size, 'CSV only: csv-parse', [FLOOR, '--csv-parse', target], dir, scratch));
  }
  fix(await measure(size, 'validate', [BIN, 'validate', target, '--format', 'json'], dir, scratch));
  fix(await measure(size, 'lint', [BIN, 'lint', target, '--identities', ids, '--format', 'json'], dir, scratch,
    (r) => checkPlants(info, g.plants, r.stdout)));
  if (size === 'repository') {
    // the same without worker threads, to show what they bring on this machine
    fix(await measure(size, 'lint (one thread)', [BIN, 'lint', target, '--identities', ids, '--format', 'json'], dir, scratch,
      undefined, { DHR_WORKERS: '0' }));
    // and with two workers forced (the default uses workers from three CPUs up)
    fix(await measure(size, 'lint (2 workers)', [BIN, 'lint', target, '--identities', ids, '--format', 'json'], dir, scratch,
      undefined, { DHR_WORKERS: '2' }));
  }
  if (size !== 'repository') {
    fix(await measure(size, 'chronology', [BIN, 'chronology', target, '--out', path.join('out', 'chronology'), '--quiet'], dir, scratch));
  }
  if (size === 'example' || size === 'normal') {
    const build = [BIN, 'build', target, '--out', path.join('out', 'build'), '--draft', '--quiet', '--identities', ids];
    fix(await measure(size, 'build (every document)', build, dir, scratch));
    // PDFs are drawn on a worker thread when there are two CPUs: the same without it
    fix(await measure(size, 'build (one thread)', build, dir, scratch, undefined, { DHR_WORKERS: '0' }));
  }
  rmSync(dir, { recursive: true, force: true });
}

const NOTES_MARK = '<!-- notes: everything below this line is kept when the benchmark rewrites this file -->';

function render(started: Date, loadBefore: string, loadAfter: string): { table: string; markdown: string; failures: string[] } {
  const header = '| size | command | runs | median ms | min–max ms | peak RSS MB | × floor | CPU s | CPU × floor |\n'
    + '| --- | --- | --: | --: | --: | --: | --: | --: | --: |\n';
  const num = (x: number | undefined, d: number) => (x !== undefined && Number.isFinite(x) ? x.toFixed(d) : '');
  const body = rows.map((r) => (r.failed
    ? `| ${r.size} | ${r.command} | ${r.runs} | **failed** (${r.failed.replace(/\|/g, '/')}) | | ${num(r.rssMb, 0)} | | | |`
    : `| ${r.size} | ${r.command} | ${r.runs} | ${fmtMs(r.medianMs)} | ${fmtMs(r.minMs)}–${fmtMs(r.maxMs)} | `
      + `${num(r.rssMb, 0)} | ${num(r.ratio, 2)} | ${num(r.cpuS, 1)} | ${num(r.cpuRatio, 2)} |`)).join('\n');
  const sizeTable = '| size | reviews | chronology rows | IMR words | MB on disk | planted | found (anon/identity) | found (any anon rule) | other findings |\n'
    + '| --- | --: | --: | --: | --: | --: | --: | --: | --- |\n'
    + infos.map((i) => `| ${i.size} | ${i.reviews} | ${i.rows.toLocaleString('en-GB')} | ${i.imrWords.toLocaleString('en-GB')} | ${i.mb ? i.mb.toFixed(1) : '–'} | `
      + `${i.planted} | ${i.foundByIdentity ?? '–'} | ${i.foundByAnyAnon ?? '–'} | `
      + `${Object.entries(i.otherFindings ?? {}).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'} |`).join('\n');

  const get = (size: SizeName, command: string) => rows.find((r) => r.size === size && r.command === command && !r.failed);
  const targets: Array<[string, string, boolean | undefined]> = [];
  const lintL = get('large', 'lint');
  const floorL = get('large', 'floor (parse only)');
  const lint2 = get('large-2x', 'lint');
  if (lintL && floorL) {
    targets.push([`lint of the ${SIZE_OPTS.large.rows.toLocaleString('en-GB')}-row review ≤ 3× the parse floor`,
      `${lintL.ratio!.toFixed(2)}× wall (${lintL.cpuRatio!.toFixed(2)}× CPU)`, lintL.ratio! <= 3]);
  }
  if (lintL && lint2) {
    const s = lint2.medianMs / lintL.medianMs;
    const c = lint2.cpuS / lintL.cpuS;
    targets.push(['twice the data ≤ 2.3× the time (lint)', `${s.toFixed(2)}× wall (${c.toFixed(2)}× CPU)`, s <= 2.3]);
  }
  if (lintL) targets.push(['peak memory of that lint < 1 GB', `${lintL.rssMb.toFixed(0)} MB`, lintL.rssMb < 1024]);
  if (lint2) targets.push(['(peak memory at twice the data)', `${lint2.rssMb.toFixed(0)} MB`, undefined]);
  const planted = infos.filter((i) => i.planted > 0);
  if (planted.length) {
    const total = planted.reduce((s, i) => s + i.planted, 0);
    const found = planted.reduce((s, i) => s + (i.foundByAnyAnon ?? 0), 0);
    const byId = planted.reduce((s, i) => s + (i.foundByIdentity ?? 0), 0);
    targets.push(['every planted identifier found', `${found} of ${total} (${byId} by anon/identity)`, found === total && byId === total]);
  }
  const buildEx = get('example', 'build (every document)');
  if (buildEx) targets.push([`build of every document for the example < 10 s (this machine: ${os.cpus().length} CPUs)`, `${(buildEx.medianMs / 1000).toFixed(1)} s wall (${buildEx.cpuS.toFixed(1)} CPU s)`, buildEx.medianMs < 10_000]);
  const buildOne = get('example', 'build (one thread)');
  if (buildEx && buildOne) targets.push(['(build: PDFs on a worker thread vs one thread)', `${(buildEx.medianMs / 1000).toFixed(1)} s vs ${(buildOne.medianMs / 1000).toFixed(1)} s`, undefined]);
  const repoLint = get('repository', 'lint');
  const repoOne = get('repository', 'lint (one thread)');
  const repoTwo = get('repository', 'lint (2 workers)');
  if (repoLint && repoOne && repoTwo) {
    targets.push([`(lint of ${SIZE_OPTS.repository.reviews} reviews: default (workers from 3 CPUs; this machine ${os.availableParallelism?.() ?? os.cpus().length}) / one thread / 2 workers)`,
      `${(repoLint.medianMs / 1000).toFixed(1)} s / ${(repoOne.medianMs / 1000).toFixed(1)} s / ${(repoTwo.medianMs / 1000).toFixed(1)} s`, undefined]);
  }
  // issue 19's tighter targets (reported; a miss is listed like any other)
  const ours = get('large', 'CSV only: our reader');
  const theirs = get('large', 'CSV only: csv-parse');
  if (ours && theirs) targets.push(['(issue 19) our CSV reader (cells with positions) not slower than csv-parse on the same bytes', `${fmtMs(ours.medianMs)} ms vs ${fmtMs(theirs.medianMs)} ms (${ours.cpuS.toFixed(1)} vs ${theirs.cpuS.toFixed(1)} CPU s)`, ours.medianMs <= theirs.medianMs]);
  if (lintL && floorL) targets.push(['(issue 19) lint of the 100,000-row review ≤ 2× the parse floor', `${lintL.ratio!.toFixed(2)}× wall (${lintL.cpuRatio!.toFixed(2)}× CPU)`, lintL.ratio! <= 2]);
  const chronL = get('large', 'chronology');
  if (chronL && floorL) targets.push(['(issue 19) dhr chronology on the 100,000-row review ≤ 3× the parse floor', `${chronL.ratio!.toFixed(2)}× wall (${chronL.cpuRatio!.toFixed(2)}× CPU)`, chronL.ratio! <= 3]);
  const chron2 = get('large-2x', 'chronology');
  if (chron2) targets.push(['(issue 19) dhr chronology on 200,000 rows under 1 GB', `${chron2.rssMb.toFixed(0)} MB`, chron2.rssMb < 1000]);
  if (buildEx) targets.push(['(issue 19) build of every document for the example ≤ 2.5 s wall', `${(buildEx.medianMs / 1000).toFixed(1)} s`, buildEx.medianMs <= 2500]);
  const help = get('startup', 'dhr --help');
  const lintEx = get('example', 'lint');
  if (help && lintEx) targets.push(['(issue 19) dhr lint of the example ≤ 2× dhr --help', `${fmtMs(lintEx.medianMs)} ms vs ${fmtMs(help.medianMs)} ms (${(lintEx.medianMs / help.medianMs).toFixed(1)}×)`, lintEx.medianMs <= 2 * help.medianMs]);
  const eager = get('startup', 'all commands (eager)');
  if (help && eager) targets.push(['dhr --help (lazy commands) vs every command module loaded', `${fmtMs(help.medianMs)} ms vs ${fmtMs(eager.medianMs)} ms`, undefined]);
  const targetTable = '| target | measured | met |\n| --- | --- | :-: |\n'
    + targets.map(([t, m, ok]) => `| ${t} | ${m} | ${ok === undefined ? '' : ok ? 'yes' : '**no**'} |`).join('\n');
  const failures = [...targets.filter(([, , ok]) => ok === false).map(([t, m]) => `${t}: ${m}`),
    ...rows.filter((r) => r.failed).map((r) => `${r.size} ${r.command} failed (${r.failed})`)];

  const missed = infos.flatMap((i) => (i.missed ?? []).map((m) => `${m.file}:${m.line}:${m.column} ${m.kind} (${m.form})`));
  const table = `\n${header}${body}\n\n${sizeTable}\n\n${targetTable}\n${missed.length ? `\nMissed:\n${missed.slice(0, 50).join('\n')}\n` : ''}`;
  const markdown = `# Benchmark results

Written by \`npm run bench\` (bench/run.ts) on ${started.toISOString().slice(0, 10)}${quick ? ' (quick sizes)' : ''}.
Every figure is the median wall time of N runs of a fresh \`node\` process (the CLI as a user runs it), and the
largest peak resident set size of those runs (${TIME ? `GNU time \`%M\`` : '/proc VmHWM'}). "× floor" divides by the
parse floor of the same size: \`node dist/bench/floor.js\`, which reads and parses the same files with the same code
(decoding, CSV and YAML with positions, Markdown and front matter through remark) and does nothing else: no JSON Schema
checks, no rule. "loader" is the whole loader (\`floor.js --load\`: parsing and the JSON Schema checks of every row and
front matter). "CPU s" is user + system time, less sensitive than wall time to other work on the machine.

Machine:

${machine().join('\n')}
- Load average (1, 5, 15 min): ${loadBefore} before, ${loadAfter} after${Number(loadBefore.split(',')[0]) > os.cpus().length ? ' — **the machine was busy with other work; absolute times are inflated, ratios less so**' : ''}

## Targets

${targetTable}

## Timings

${header}${body}

## Generated reviews

Fictional reviews generated by bench/generate.ts (templates in bench/templates.ts: pseudonyms and roles only),
with identifiers of a generated identity register planted at known places (names, possessives, upper case,
surnames alone, NHS test numbers from 999 passing modulus 11, NI numbers, Ofcom drama phone numbers 07700 900xxx
and 01632 960xxx, addresses, postcodes, dates of birth, e-mail addresses at example.org). "Found" means a finding
of an anon/* rule overlaps the planted text. "Other findings" are the rest of lint's output: mostly the person-name
warning on planted names, and duplicates that the templates produce by chance.

${sizeTable}
${missed.length ? `\nMissed identifiers:\n\n${missed.slice(0, 50).map((m) => `- ${m}`).join('\n')}\n` : ''}
`;
  return { table, markdown, failures };
}

main().catch((e) => {
  process.stderr.write(`bench: ${(e as Error).stack ?? e}\n`);
  process.exitCode = 2;
});
