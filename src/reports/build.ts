/**
 * Composes every output document of a review and renders it: the list of outputs lives here,
 * the writers in src/document, each document's content in its own module beside this one.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Review } from '../review/model.js';
import { gitAsync } from '../review/git.js';
import type { Profile } from '../lint/profile.js';
import type { Config } from '../lint/config.js';
import type { Doc } from '../document/model.js';
import { NO_REGISTER, safeFileName, type PrintGuard } from '../review/safe.js';
import { renderDocx } from '../document/docx.js';
import { Offload, offloadAvailable } from '../document/offload.js';
import { docxFallbacks, prerenderPng } from '../document/raster.js';
import { overviewReport } from './overview-report.js';
import { executiveSummary } from './executive-summary.js';
import { actionPlan } from './action-plan.js';
import { composeLetters } from './letters.js';
import { qaLetter } from './qa-letter.js';
import { scopingReview } from './scoping-review.js';
import { homeOfficeFormData, homeOfficeFormPdf } from './home-office-form.js';
import { masterOf } from '../chronology/merge.js';
import { masterCsv, masterDocx, masterMarkdown } from '../chronology/outputs.js';
import { timelineForReview, timelinePrintPages } from '../chronology/timeline.js';
import { marking, reviewTitle, type BuildContext, type BuildKind } from './common.js';
import { taggedPdfs } from '../document/tagged.js';

export interface BuildOptions {
  review: Review;
  profile: Profile;
  config: Config;
  draft: boolean;
  /** draft, final (submission) or publish; from `draft` when absent. */
  kind?: BuildKind;
  /**
   * What file names and the manifest may print (src/review/safe.ts): a letter named after an agency
   * id that could be a name is numbered instead, and an input whose name could be one is hashed.
   */
  guard?: PrintGuard;
  /** Called before each output is rendered: (index from 1, total, file name). */
  progress?: (i: number, total: number, name: string) => void;
  /** The writer worker from warmWriters(), started before the review was linted; closed here. */
  writers?: Offload;
}

interface Job {
  name: string;
  /** Inputs it came from, relative to the review folder. */
  inputs: string[];
  make: () => Promise<Uint8Array | string>;
  /** Rendered on the writer worker when there is one: started at once, collected in turn. */
  offloaded?: boolean;
}

const PDF_MODULE = new URL('../document/pdf.js', import.meta.url);
const FORM_MODULE = new URL('./home-office-form.js', import.meta.url);

/** Bytes from the worker arrive as a Uint8Array: give them back as the Buffer the writer returned. */
const asBuffer = (b: Uint8Array): Buffer => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

function sha256(b: Uint8Array | string): string {
  return createHash('sha256').update(b).digest('hex');
}

/**
 * Starts the writer worker and has it load the PDF writers (about a second) while the caller
 * lints the review: pass it to buildOutputs as `writers`. Undefined when there is no worker to
 * use (one CPU, DHR_WORKERS=0, under vitest). `publish` builds draw only the data form there.
 */
export function warmWriters(kind: BuildKind): Offload | undefined {
  if (!offloadAvailable()) return undefined;
  const offload = new Offload();
  // the data form's pdf-lib and fontkit are loaded by the form when it is drawn: here, ahead of it
  const form = [FORM_MODULE, 'pdf-lib', '@pdf-lib/fontkit'];
  offload.warm(kind === 'publish' ? form : [PDF_MODULE, ...form]);
  return offload;
}

/** Renders every output; returns file name → content, including manifest.json. */
export async function buildOutputs(opts: BuildOptions): Promise<Map<string, Uint8Array | string>> {
  return prepareOutputs(opts).finish();
}

/** A build under way: the worker's documents started, this thread's to come. */
export interface PreparedBuild {
  /** Renders the rest and returns file name → content, including manifest.json. */
  finish(): Promise<Map<string, Uint8Array | string>>;
  /** Drops the build (the review was refused): stops the worker, nothing is kept. */
  cancel(): Promise<void>;
}

/**
 * Composes the documents and starts drawing the worker's (the PDFs and the data form) at once,
 * so that they are drawn while the caller lints the review: `finish()` once the build may go on,
 * `cancel()` when it is refused. Nothing is written either way; a document that cannot be composed
 * fails `finish()`, in its turn, as it would have without the head start.
 */
export function prepareOutputs(opts: BuildOptions): PreparedBuild {
  const { review, profile } = opts;
  const guard = opts.guard ?? NO_REGISTER;
  // paths relative to the review folder, as the manifest prints them: a folder or file name that is
  // not a plain id (it could be a name) is given in a hashed form
  const rel = (f: { path: string } | undefined) => (f ? safeFileName(path.relative(review.dir, f.path).split(path.sep).join('/'), guard) : undefined);
  const chronFiles = [...review.chronologies.values()].map((t) => rel(t.file)!);
  const master = masterOf(review);
  const timelineSvg = timelineForReview(review, master);
  const kind: BuildKind = opts.kind ?? (opts.draft ? 'draft' : 'final');
  // the timeline in print: landscape pages of its own (A4 less 2 cm margins, less a caption line)
  const timelinePages = timelinePrintPages(review, master, 728, 450);
  const ctx: BuildContext = { review, profile, draft: kind === 'draft', kind, timelineSvg, timelinePages, master, guard };
  const reviewYml = 'review.yml';
  const ov = rel(review.overviewReport?.file);
  const es = rel(review.executiveSummary?.file);
  const ap = rel(review.actionPlan?.file);
  // PDFs are drawn on a worker thread while the DOCX files are written here (two CPUs or more)
  const offload = opts.writers ?? (offloadAvailable() ? new Offload() : undefined);
  const pdf = async (doc: Doc): Promise<Uint8Array> => (offload
    ? asBuffer(await offload.call<Uint8Array>(PDF_MODULE, 'renderPdf', [doc]))
    : (await import('../document/pdf.js')).renderPdf(doc));
  // Published builds: the PDFs are LibreOffice's tagged export of the DOCX (accessible PDFs),
  // made in one run once every DOCX is written.
  const docxOf = new Map<string, Promise<Uint8Array>>();
  let tagged: Promise<Map<string, Uint8Array>> | undefined;
  const taggedPdf = async (name: string): Promise<Uint8Array> => {
    tagged ??= (async () => {
      const inputs = new Map<string, Uint8Array>();
      for (const [n, p] of docxOf) inputs.set(n, await p);
      return taggedPdfs(inputs);
    })();
    return (await tagged).get(name)!;
  };
  // the DOCX writer's PNG fallbacks (the timeline pages) are drawn ahead, off this thread, as soon
  // as a document is composed: its DOCX waits for them, the work between goes on meanwhile
  const pictures = new Map<string, Promise<unknown>>();
  const drawAhead = (name: string, doc: Doc) => {
    if (!pictures.has(name)) pictures.set(name, (async () => Promise.all(docxFallbacks(doc).map((f) => prerenderPng(f.svg, f.widthPx))))());
    return pictures.get(name)!;
  };
  const both = (name: string, compose: () => Doc, inputs: string[]): Job[] => {
    let doc: Doc | undefined;
    const get = () => {
      if (!doc) {
        doc = compose();
        drawAhead(name, doc).catch(() => undefined); // on a failure svgToPng draws it, as before
      }
      return doc;
    };
    const docx = () => {
      let p = docxOf.get(name);
      if (!p) {
        const d = get();
        docxOf.set(name, (p = drawAhead(name, d).catch(() => undefined).then(() => renderDocx(d))));
      }
      return p;
    };
    if (kind === 'publish') docx().catch(() => undefined); // started here, reported in its turn
    return [
      { name: `${name}.docx`, inputs, make: docx },
      kind === 'publish'
        ? { name: `${name}.pdf`, inputs, make: () => taggedPdf(name) }
        : { name: `${name}.pdf`, inputs, make: () => pdf(get()), offloaded: true },
    ];
  };
  const clean = (xs: Array<string | undefined>) => xs.filter((x): x is string => Boolean(x));
  const formData = homeOfficeFormData(review, profile);
  const jobs: Job[] = [
    { name: 'master-chronology.csv', inputs: chronFiles, make: async () => masterCsv(master) },
    { name: 'master-chronology.md', inputs: chronFiles, make: async () => masterMarkdown(review, master) },
    { name: 'master-chronology.docx', inputs: chronFiles, make: () => masterDocx(review, master, { marking: marking(ctx) }) },
    { name: 'timeline.svg', inputs: chronFiles, make: async () => timelineSvg },
    ...both('overview-report', () => overviewReport(ctx), clean([ov, reviewYml, ...chronFiles])),
    ...both('executive-summary', () => executiveSummary(ctx), clean([es, reviewYml])),
    ...both('action-plan', () => actionPlan(ctx), clean([ap, ov, reviewYml])),
    { name: 'home-office-form.json', inputs: clean([reviewYml, ov, ap]), make: async () => JSON.stringify(formData, null, 2) + '\n' },
    { name: 'home-office-form.pdf', inputs: clean([reviewYml, ov, ap]), offloaded: true,
      make: () => {
        const args = { title: reviewTitle(ctx), marking: marking(ctx) };
        return offload ? offload.call<Uint8Array>(FORM_MODULE, 'homeOfficeFormPdf', [formData, args]) : homeOfficeFormPdf(formData, args);
      } },
    // optional documents, built when the review folder has them
    ...(review.scopingReview ? both('scoping-review', () => scopingReview(ctx)!, clean([rel(review.scopingReview.file), reviewYml])) : []),
    ...(review.qaLetter ? both('qa-letter', () => qaLetter(ctx)!, clean([rel(review.qaLetter.file), reviewYml])) : []),
    ...composeLetters(review, profile, marking(ctx), kind, guard).map((l): Job => ({
      name: `letters/${l.name}.docx`, inputs: [reviewYml], make: () => renderDocx(l.doc),
    })),
  ];
  const started = new Map<Job, Promise<Uint8Array | string>>();
  if (offload) {
    for (const job of jobs.filter((j) => j.offloaded)) {
      const p = (async () => job.make())();
      p.catch(() => undefined); // reported when its turn comes
      started.set(job, p);
    }
  }
  const version = gitVersion(review.dir);
  return {
    cancel: async () => {
      await offload?.close();
    },
    finish: () => finishOutputs(opts, kind, jobs, started, offload, rel, version),
  };
}

async function finishOutputs(opts: BuildOptions, kind: BuildKind, jobs: Job[], started: Map<Job, Promise<Uint8Array | string>>,
  offload: Offload | undefined, rel: (f: { path: string } | undefined) => string | undefined,
  version: Promise<{ commit: string | null; uncommitted: boolean | null }>): Promise<Map<string, Uint8Array | string>> {
  const { review } = opts;
  const out = new Map<string, Uint8Array | string>();
  const total = jobs.length + 1;
  let i = 0;
  try {
    // this thread's jobs first, in order, without waiting for the worker's (it draws them meanwhile);
    // then the worker's, collected in order
    const made = new Map<Job, Uint8Array | string>();
    for (const job of jobs.filter((j) => !started.has(j))) {
      opts.progress?.(++i, total, job.name);
      made.set(job, await job.make());
    }
    for (const job of jobs.filter((j) => started.has(j))) {
      opts.progress?.(++i, total, job.name);
      made.set(job, await started.get(job)!);
    }
    for (const job of jobs) out.set(job.name, made.get(job)!);
  } finally {
    await offload?.close();
  }
  opts.progress?.(++i, total, 'manifest.json');
  const inputs = review.files.map((f) => ({ path: rel(f)!, sha256: sha256(f.text) }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
  const manifest = {
    version: 1,
    review: review.id,
    build: kind,
    status: typeof review.meta?.data.status === 'string' ? review.meta.data.status : null,
    ...(await version),
    outputs: jobs.map((j) => {
      const c = out.get(j.name)!;
      return { path: j.name, sha256: sha256(c), bytes: typeof c === 'string' ? Buffer.byteLength(c) : c.byteLength, inputs: j.inputs };
    }),
    inputs,
  };
  out.set('manifest.json', JSON.stringify(manifest, null, 2) + '\n');
  return out;
}

/** The review folder's last commit, and whether it has changes not committed; nulls outside git. */
async function gitVersion(dir: string): Promise<{ commit: string | null; uncommitted: boolean | null }> {
  const git = async (args: string[]) => (await gitAsync(dir, args)).trim();
  try {
    const [log, status] = await Promise.all([git(['log', '-1', '--format=%H', '--', '.']), git(['status', '--porcelain', '--', '.'])]);
    return { commit: log || null, uncommitted: status !== '' };
  } catch {
    return { commit: null, uncommitted: null };
  }
}
