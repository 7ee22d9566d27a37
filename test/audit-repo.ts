/**
 * A small review repository with a dated git history, built in a temporary folder for the audit
 * tests: two reviews, statuses changing over time, rows reordered, a review folder renamed from
 * its provisional id, and a commit late on 30 June (UTC) that is 1 July in London (summer time).
 * Names are invented; authors are fictional.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { git } from './support/git.js';

export const HEADER = 'id,recommendation,scope,action,lead_agency,owner_role,milestones,success_measure,target_date,status,completed_on,outcome,evidence,signed_off_by';

export interface PlanRow {
  id: string;
  rec: string;
  lead: string;
  target: string;
  status: string;
  completed?: string;
  outcome?: string;
}

export function planCsv(rows: PlanRow[]): string {
  const line = (r: PlanRow) => [
    r.id, r.rec, 'local', `"Deliver the agreed change for ${r.id}, with a dated milestone plan."`, r.lead, 'Head of Service',
    'Plan agreed; change live', '"At least 90% compliance in a sample of 40 cases"', r.target, r.status, r.completed ?? '',
    r.outcome ? `"${r.outcome}"` : '', '', 'Director',
  ].join(',');
  return [HEADER, ...rows.map(line)].join('\r\n') + '\r\n';
}

export function reviewYml(id: string, lead = 'stroud'): string {
  return `id: ${id}
type: dhr
csp: safer-gloucestershire
lead_district: ${lead}
status: published
joint_with: []
dates:
  death: 2023-05-01
  published: 2024-11-01
subjects:
  - { pseudonym: Adult A, role: victim }
agencies:
  - { id: police, name: Gloucestershire Constabulary, kind: police, involvement: imr }
  - { id: icb, name: NHS Gloucestershire Integrated Care Board, kind: health, involvement: imr }
  - { id: housing, name: District Housing Service, kind: housing, involvement: chronology }
  - { id: gdass, name: GDASS, kind: specialist-domestic-abuse, involvement: imr }
`;
}

export interface Commit {
  /** ISO date-time with zone, used for both author and committer dates. */
  when: string;
  author: string;
  files?: Record<string, string>;
  /** [from, to] folder or file moves done with git mv before the files are written. */
  moves?: Array<[string, string]>;
  message: string;
}

export function writeFiles(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const abs = path.join(root, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
}

/** Makes the commits and returns their hashes, in order. */
export function commitAll(root: string, commits: Commit[]): string[] {
  const hashes: string[] = [];
  for (const c of commits) {
    for (const [from, to] of c.moves ?? []) {
      const r = git(['mv', from, to], root);
      if (r.code !== 0) throw new Error(r.stderr);
    }
    writeFiles(root, c.files ?? {});
    git(['add', '-A'], root);
    const email = `${c.author.toLowerCase().replace(/\s+/g, '.')}@example.org`;
    const r = git(['commit', '-q', '-m', c.message], root, {
      GIT_AUTHOR_NAME: c.author, GIT_AUTHOR_EMAIL: email, GIT_AUTHOR_DATE: c.when,
      GIT_COMMITTER_NAME: c.author, GIT_COMMITTER_EMAIL: email, GIT_COMMITTER_DATE: c.when,
    });
    if (r.code !== 0) throw new Error(r.stderr || r.stdout);
    hashes.push(git(['rev-parse', 'HEAD'], root).stdout.trim());
  }
  return hashes;
}

export const PROV = 'reviews/DHR-PROV-1';
export const FINAL = 'reviews/DHR-2024-07';
export const OLD = 'reviews/DHR-2023-02';

/**
 * The history:
 * c1 2025-01-10 Ada Fictional  DHR-PROV-1 created, A1–A3 not started
 * c2 2025-02-03 Ben Example    DHR-PROV-1 A1 in progress; DHR-2023-02 added (A1 in progress, A2 not started)
 * c3 2025-03-20 Ada Fictional  DHR-PROV-1 rows reordered and an outcome edited: no status change
 * c4 2025-04-01 Ada Fictional  folder renamed DHR-PROV-1 → DHR-2024-07 (action plan unchanged)
 * c5 2025-06-30T23:30Z = 1 July in London, Cai Sample: DHR-2024-07 A1 complete, A2 in progress; DHR-2023-02 A1 complete
 * c6 2025-08-15 Ben Example    DHR-2024-07 A3 in progress, rows reordered again
 */
export function buildAuditRepo(): { root: string; commits: string[] } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'dhr-audit-repo-'));
  git(['init', '-q', '-b', 'main'], root);
  git(['config', 'commit.gpgsign', 'false'], root);
  const a1 = { id: 'A1', rec: 'R1', lead: 'police', target: '2025-03-31' };
  const a2 = { id: 'A2', rec: 'R1', lead: 'icb', target: '2025-06-30' };
  const a3 = { id: 'A3', rec: 'R2', lead: 'housing', target: '2025-12-31' };
  const o1 = { id: 'A1', rec: 'R1', lead: 'police', target: '2024-12-31' };
  const o2 = { id: 'A2', rec: 'R2', lead: 'gdass', target: '30/04/2025' };
  const commits = commitAll(root, [
    {
      when: '2025-01-10T10:00:00Z', author: 'Ada Fictional', message: 'Action plan agreed',
      files: {
        'dhr.config.yml': 'profile: gloucestershire\naudit:\n  stale_days: 60\n',
        [`${PROV}/review.yml`]: reviewYml('DHR-PROV-1'),
        [`${PROV}/action-plan.csv`]: planCsv([{ ...a1, status: 'not-started' }, { ...a2, status: 'not-started' }, { ...a3, status: 'not-started' }]),
      },
    },
    {
      when: '2025-02-03T15:00:00Z', author: 'Ben Example', message: 'Progress update; older review added',
      files: {
        [`${PROV}/action-plan.csv`]: planCsv([{ ...a1, status: 'in-progress' }, { ...a2, status: 'not-started' }, { ...a3, status: 'not-started' }]),
        [`${OLD}/review.yml`]: reviewYml('DHR-2023-02', 'cheltenham'),
        [`${OLD}/action-plan.csv`]: planCsv([{ ...o1, status: 'in-progress' }, { ...o2, status: 'not-started' }]),
      },
    },
    {
      when: '2025-03-20T09:00:00Z', author: 'Ada Fictional', message: 'Reorder rows, outcome wording',
      files: {
        [`${PROV}/action-plan.csv`]: planCsv([{ ...a3, status: 'not-started' }, { ...a1, status: 'in-progress', outcome: 'Template drafted' }, { ...a2, status: 'not-started' }]),
      },
    },
    {
      when: '2025-04-01T08:00:00Z', author: 'Ada Fictional', message: 'Final review id from the Home Office',
      moves: [[PROV, FINAL]],
      files: { [`${FINAL}/review.yml`]: reviewYml('DHR-2024-07') },
    },
    {
      when: '2025-06-30T23:30:00Z', author: 'Cai Sample', message: 'Quarterly update',
      files: {
        [`${FINAL}/action-plan.csv`]: planCsv([{ ...a3, status: 'not-started' }, { ...a1, status: 'complete', completed: '2025-06-30', outcome: 'Template drafted' }, { ...a2, status: 'in-progress' }]),
        [`${OLD}/action-plan.csv`]: planCsv([{ ...o1, status: 'complete', completed: '2025-06-20' }, { ...o2, status: 'not-started' }]),
      },
    },
    {
      when: '2025-08-15T12:00:00Z', author: 'Ben Example', message: 'A3 started',
      files: {
        [`${FINAL}/action-plan.csv`]: planCsv([{ ...a1, status: 'complete', completed: '2025-06-30', outcome: 'Template drafted' }, { ...a2, status: 'in-progress' }, { ...a3, status: 'in-progress' }]),
      },
    },
  ]);
  return { root, commits };
}
