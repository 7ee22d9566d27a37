/**
 * Submission-grade documents (issue 14), checked with the real programs: pdftotext, pdfinfo and
 * qpdf read the PDFs; LibreOffice converts the DOCX versions, which must show the same structure.
 * Builds the example as a final (submission) build, and a copy whose status is `cleared` as a
 * published build.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dhr } from '../support/cli.js';
import { EXAMPLE, ROOT } from '../support/rule-tester.js';
import { loadReview } from '../../src/review/load.js';
import { overviewRecommendations, recommendationItems } from '../../src/review/recommendations.js';
import { acronymsIn } from '../../src/review/glossary.js';
import { loadProfile } from '../../src/lint/profile.js';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'dhr-submission-'));
const final = path.join(tmp, 'final');
const published = path.join(tmp, 'published');
const converted = path.join(tmp, 'converted');
const MONTH = '(?:January|February|March|April|May|June|July|August|September|October|November|December)';

const text = (file: string, ...args: string[]) => execFileSync('pdftotext', [...args, file, '-'], { encoding: 'utf8' });
const pages = (file: string) => text(file).split('\f').slice(0, -1);
const info = (file: string) => execFileSync('pdfinfo', [file], { encoding: 'utf8' });
/** Text compared without spaces, line ends and hyphens (pdftotext joins "self-\nharm" as "selfharm"). */
const squash = (s: string) => s.replace(/[\s\u00ad\u2010-]+/g, '');

const SECTIONS = ['Introduction', 'Timescales', 'Confidentiality', 'Terms of reference', 'Methods', 'Involvement of family',
  'Contributors to the review', 'The review panel members', 'Author of the overview report', 'Parallel reviews',
  'Equality and diversity', 'Dissemination', 'Background information', 'Chronology', 'Overview', 'Analysis', 'Conclusions',
  'Lessons to be learnt', 'Recommendations'];

/**
 * The section and paragraph numbers at the start of lines of the body, after the contents page:
 * "3. Methods" for a section (the items of an ordered list, "1. Stalking …", are not sections),
 * "3.2" for a paragraph. pdftotext writes the en space after a number as a space.
 */
function numbers(t: string, sections: string[]): string[] {
  const body = t.split('\f').slice(2).join('\n');
  const out: string[] = [];
  for (const m of body.matchAll(/^(\d{1,2}\.(?:\d{1,2}(?:\.\d{1,2})?)?)[ \u2002]+([A-Z0-9"‘“(].*)$/gm)) {
    const isSection = m[1]!.endsWith('.');
    const title = sections.find((h) => m[2]!.startsWith(h));
    if (isSection && !title) continue;
    out.push(isSection ? `${m[1]} ${title}` : m[1]!);
  }
  return out;
}

beforeAll(() => {
  const env = { SOURCE_DATE_EPOCH: '1735689600' };
  const f = dhr(['build', EXAMPLE, '--out', final, '--final', '--quiet'], { env });
  expect(f.code, f.stderr).toBe(0);
  // a cleared copy of the example, for the published build
  const repo = path.join(tmp, 'repo');
  cpSync(path.join(ROOT, 'fixtures', 'example'), repo, { recursive: true });
  const yml = path.join(repo, 'reviews', 'DHR-2024-03', 'review.yml');
  writeFileSync(yml, readFileSync(yml, 'utf8').replace('status: submitted', 'status: cleared')
    .replace('qa_feedback: null', 'qa_feedback: 2025-02-20').replace('qa_cleared: null', 'qa_cleared: 2025-03-14'));
  const p = dhr(['build', path.join(repo, 'reviews', 'DHR-2024-03'), '--out', published, '--publish', '--quiet'], { env, cwd: repo });
  expect(p.code, p.stderr).toBe(0);
  const docx = ['overview-report', 'executive-summary', 'action-plan'].map((n) => path.join(final, `${n}.docx`))
    .concat(['notification', 'agency-police', 'family'].map((n) => path.join(final, 'letters', `${n}.docx`)));
  execFileSync('soffice', [`-env:UserInstallation=file://${path.join(tmp, 'lo')}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', converted, ...docx],
    { stdio: 'ignore', timeout: 400_000 });
}, 600_000);

describe('overview report and executive summary', () => {
  const review = loadReview(EXAMPLE);

  it('have a cover page of their own: page 1 alone, the contents on page 2', () => {
    for (const [name, what] of [['overview-report', 'Overview Report'], ['executive-summary', 'Executive Summary']] as const) {
      for (const file of [path.join(final, `${name}.pdf`), path.join(converted, `${name}.pdf`)]) {
        const cover = text(file, '-f', '1', '-l', '1');
        for (const line of ['Domestic Homicide Review', what, 'Into the death of Adult A', 'Safer Gloucestershire',
          'Independent chair and author: Rosalind Teague', 'November 2024', 'Final for submission to the Home Office', 'OFFICIAL-SENSITIVE']) {
          expect(cover, `${path.basename(file)} cover: ${line}`).toContain(line);
        }
        expect(cover, `${file}: nothing of the body on the cover`).not.toMatch(/Contents|Introduction|The review process/);
        expect(text(file, '-f', '2', '-l', '2')).toContain('Contents');
      }
    }
  });

  it('number sections and paragraphs in order, and the DOCX converted by LibreOffice shows the same numbers', () => {
    const pdf = numbers(text(path.join(final, 'overview-report.pdf')), SECTIONS);
    // sections 1. to 19. in turn; paragraphs n.1, n.2, … within section n
    let section = 0;
    let para = 0;
    for (const n of pdf) {
      if (n.includes(' ')) {
        expect(n, 'next section').toMatch(new RegExp(`^${section + 1}\\. ${SECTIONS[section]}`));
        section++;
        para = 0;
      } else {
        expect(n, 'next paragraph').toBe(`${section}.${para + 1}`);
        para++;
      }
    }
    expect(section).toBe(19);
    // every body paragraph of the source is numbered (those before the first section are a preface)
    const root = review.overviewReport!.tree.children;
    const first = root.findIndex((n) => n.type === 'heading' && n.depth === 2);
    expect(pdf.filter((n) => !n.includes(' ')).length).toBe(root.slice(first).filter((n) => n.type === 'paragraph').length);
    expect(numbers(text(path.join(converted, 'overview-report.pdf')), SECTIONS)).toEqual(pdf);
    const es = numbers(text(path.join(final, 'executive-summary.pdf')), ['The review process', 'Recommendations']);
    expect(es[0]).toBe('1. The review process');
    expect(es[1]).toBe('1.1');
    expect(numbers(text(path.join(converted, 'executive-summary.pdf')), ['The review process', 'Recommendations'])).toEqual(es);
  });

  it('list every recommendation word for word in a table, with scope and lead agency', () => {
    const recs = overviewRecommendations(review);
    expect(recs.length).toBe(7);
    for (const file of ['overview-report.pdf', 'executive-summary.pdf']) {
      for (const f of [path.join(final, file), path.join(converted, file)]) {
        const t = text(f);
        const table = squash(t.slice(t.lastIndexOf('Recommendations')));
        for (const r of recs) {
          const words = r.text.replace(/^\((local|regional|national)\)\s*/, '');
          expect(table, `${file}: ${r.id} word for word`).toContain(squash(words));
        }
        expect(squash(t)).toContain(squash('No. Recommendation Scope Lead agency'));
      }
    }
    // the executive summary's recommendations are those of the overview report
    expect(recommendationItems(review.executiveSummary)!.map((r) => r.text)).toEqual(recs.map((r) => r.text));
  });

  it('have a glossary of the acronyms they use, with their meaning', () => {
    const glossary = loadProfile('gloucestershire').glossary!;
    const source = readFileSync(path.join(EXAMPLE, 'overview-report.md'), 'utf8');
    const used = [...acronymsIn(source).keys()].filter((a) => glossary[a]);
    expect(used).toEqual(expect.arrayContaining(['MARAC', 'IDVA', 'DASH', 'IMR', 'AAFDA']));
    for (const f of [path.join(final, 'overview-report.pdf'), path.join(converted, 'overview-report.pdf')]) {
      const t = text(f);
      const g = squash(t.slice(t.lastIndexOf('Glossary')));
      for (const a of used) expect(g, `${a} in the glossary`).toContain(squash(`${a}${glossary[a]}`));
      // and only those: an acronym the report does not use is not listed
      expect(g).not.toContain(squash(glossary.MAPPA!));
    }
  });

  it('include the family statement, and chronology references as readable text with the ref in a note', () => {
    const statement = 'We have chosen to call our daughter and sister Adult A';
    for (const f of [path.join(final, 'overview-report.pdf'), path.join(converted, 'overview-report.pdf')]) {
      const t = text(f);
      expect(squash(t)).toContain(squash(statement));
      expect(t).not.toContain('[[chronology:');
      expect(t).not.toContain('(chronology ');
      expect(squash(t)).toContain(squash('(Gloucestershire Constabulary, 4 November 2023)'));
      expect(squash(t)).toContain(squash('Master chronology entry police#9.'));
    }
  });

  it('final builds are marked on every page and carry no draft watermark', () => {
    for (const name of ['overview-report', 'executive-summary', 'action-plan']) {
      const ps = pages(path.join(final, `${name}.pdf`));
      expect(ps.length).toBeGreaterThan(2);
      ps.forEach((p, i) => expect(p, `${name} page ${i + 1}`).toContain('OFFICIAL-SENSITIVE'));
      expect(text(path.join(final, `${name}.pdf`))).not.toMatch(/DRAFT|Draft for panel/);
      expect(text(path.join(converted, `${name}.pdf`))).not.toMatch(/DRAFT/);
    }
  });

  it('published builds are unmarked, tagged, titled and in English (en-GB)', () => {
    for (const name of ['overview-report', 'executive-summary', 'action-plan']) {
      const f = path.join(published, `${name}.pdf`);
      execFileSync('qpdf', ['--check', f], { stdio: 'pipe' });
      const i = info(f);
      expect(i, name).toMatch(/^Tagged:\s+yes$/m);
      expect(i, name).toMatch(/^Title:\s+Domestic Homicide Review DHR-2024-03/m);
      expect(readFileSync(f).toString('latin1')).toMatch(/\/Lang\s*\(en-GB\)/);
      const t = text(f);
      expect(t, name).not.toMatch(/OFFICIAL|DRAFT/);
    }
    expect(text(path.join(published, 'overview-report.pdf'), '-f', '1', '-l', '1')).toContain('Published');
    const manifest = JSON.parse(readFileSync(path.join(published, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ build: 'publish', status: 'cleared' });
  });

  it('every PDF of every build kind has a title and a language', () => {
    for (const dir of [final, published]) {
      for (const name of ['overview-report', 'executive-summary', 'action-plan']) {
        const f = path.join(dir, `${name}.pdf`);
        expect(info(f)).toMatch(/^Title:\s+\S/m);
        expect(readFileSync(f).toString('latin1')).toMatch(/\/Lang\s*\(en-GB\)/);
      }
    }
  });

  it('the manifest records the build kind, the review status and its git commit', () => {
    const m = JSON.parse(readFileSync(path.join(final, 'manifest.json'), 'utf8'));
    expect(m).toMatchObject({ build: 'final', status: 'submitted' });
    const head = execFileSync('git', ['-C', EXAMPLE, 'log', '-1', '--format=%H', '--', '.'], { encoding: 'utf8' }).trim();
    expect(m.commit).toBe(head);
  });
});

describe('the timeline in print', () => {
  it('has landscape pages of its own, text at 8 pt or more, and alt text', () => {
    const f = path.join(final, 'overview-report.pdf');
    const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', '99', f], { encoding: 'utf8' });
    const ps = pages(f);
    const timeline = ps.map((p, i) => (p.includes('Timeline of agency contact,') ? i + 1 : 0)).filter(Boolean);
    expect(timeline.length).toBeGreaterThan(0);
    for (const n of timeline) {
      expect(sizes, `page ${n} landscape`).toMatch(new RegExp(`Page\\s+${n} size:\\s+841\\.\\d+ x 595\\.\\d+`));
      // word boxes: the height of a line of text is about 1.15 times its font size
      const html = text(f, '-bbox', '-f', String(n), '-l', String(n));
      const heights = [...html.matchAll(/yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</g)]
        .filter((m) => !/OFFICIAL|Page|^\d+$/.test(m[3]!)).map((m) => Number(m[2]) - Number(m[1]));
      expect(Math.min(...heights), `smallest text on page ${n}`).toBeGreaterThanOrEqual(8 * 1.1);
    }
    // the page after the last timeline page is portrait again
    expect(sizes).toMatch(new RegExp(`Page\\s+${timeline[timeline.length - 1]! + 1} size:\\s+595\\.\\d+ x 841\\.\\d+`));
    // alt text: the tagged PDF carries a summary of each part
    const tagged = execFileSync('qpdf', ['--qdf', '--object-streams=disable', path.join(published, 'overview-report.pdf'), '-'], { maxBuffer: 64 * 1024 * 1024 }).toString('latin1');
    const alts = [...tagged.matchAll(/\/Alt\s*<feff([0-9a-f]+)>/gi)].map((m) => Buffer.from(m[1]!, 'hex').swap16().toString('utf16le'));
    expect(alts.length).toBe(timeline.length);
    expect(alts[0]).toMatch(/^Timeline of agency contact, 2019 to 2020.*: \d+ contacts with Gloucestershire Constabulary/);
    expect(alts.join(' ')).toContain('key events: ');
  });
});

describe('the action plan', () => {
  it('is landscape, in the seven Home Office columns, each recommendation once beside its actions, UK dates', () => {
    for (const f of [path.join(final, 'action-plan.pdf'), path.join(converted, 'action-plan.pdf')]) {
      expect(info(f)).toMatch(/Page size:\s+841\.\d+ x 595\.\d+/);
      const t = text(f);
      const flat = t.replace(/\s+/g, ' ');
      for (const c of ['Recommendation', 'Scope of recommendation', 'Action to take', 'Lead agency',
        'Key milestones achieved in enacting recommendation', 'Target date', 'Date of completion and outcome']) {
        expect(flat, `${path.basename(f)}: column "${c}" with no word broken`).toContain(c);
      }
      // R1 has two actions (A1, A2): its words are printed once
      const r1 = 'should make the stalking screening tool a required step';
      expect(squash(t).split(squash(r1)).length - 1, 'R1 printed once').toBe(1);
      expect(t).toMatch(new RegExp(`30 June\\s+2025`));
      expect(t).not.toMatch(/\b20\d\d-\d\d-\d\d\b/);
    }
  });
});

describe('letters', () => {
  it('carry a sender, a date, a reference, a salutation, what happens next and a sign-off', () => {
    for (const name of ['notification', 'agency-police', 'family']) {
      const t = text(path.join(converted, `${name}.pdf`));
      expect(t, name).toMatch(new RegExp(`\\b\\d{1,2} ${MONTH} \\d{4}\\b`));
      expect(t, name).toMatch(/^Dear .+,$/m);
      expect(t, name).toContain('Our reference: DHR-2024-03');
      expect(t, name).toContain('What happens next');
      expect(t, name).toContain('Yours sincerely');
    }
    const family = text(path.join(converted, 'family.pdf'));
    expect(family).toContain('Dear [name of family member],');
    expect(family).toContain('Advocacy After Fatal Domestic Abuse (AAFDA)');
    expect(family).toContain('11 March 2024');
    expect(family, 'no marking on the family letter').not.toContain('OFFICIAL');
    expect(text(path.join(converted, 'agency-police.pdf'))).toContain('OFFICIAL-SENSITIVE');
  });
});

describe('dhr build --publish', () => {
  it('refuses a review not yet cleared, in one line, and writes nothing', () => {
    const out = path.join(tmp, 'refused');
    const r = dhr(['build', EXAMPLE, '--publish', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('status is "submitted"');
    expect(() => readFileSync(path.join(out, 'manifest.json'))).toThrow();
  });
});
