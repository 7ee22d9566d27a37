/**
 * Rule pages are executable (issue 19): every rule id that can appear in a finding has its page
 * `src/rules/<tag>/<name>.md` (SARIF's helpUri points there), the page's header states the
 * rule's default severity and tag, and every Wrong / Right example is run through its rule over
 * an in-memory copy of the example review: Wrong must be reported, Right must not. The example
 * conventions are in test/support/rule-pages.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCaseInMemory } from '../../test/support/rule-tester.js';
import { caseOf, parsePage, type RulePage } from '../../test/support/rule-pages.js';
import { DOCS_BASE, docsUrl, type Rule, type RuleMeta } from '../lint/rule.js';
import { allRules, loaderRules } from './index.js';

const RULES_DIR = path.join(ROOT, 'src', 'rules');
const pageFile = (id: string) => path.join(RULES_DIR, ...id.split('/')) + '.md';
const metas: RuleMeta[] = [...allRules.map((r) => r.meta), ...loaderRules];

/**
 * The examples that do not run in memory, each saying why on its page: `<id>` for a whole page,
 * `<id>: Wrong` or `<id>: Right` for one section. Keep this short: an example belongs here only
 * when its rule reads something the in-memory review does not hold (a file on disk, git, bytes).
 */
const NOT_EXECUTABLE = [
  'anon/identity-hashed', 'anon/binary-file: Wrong', 'anon/unreadable-file: Wrong',
  'security/identities-committed', 'security/symlink', 'schema/config',
];

/** Languages of review files: a fence in one of them is an example and names its target. */
const REVIEW_LANGS = ['markdown', 'md', 'yaml', 'yml', 'csv', 'hex'];

/** The ids written as string literals where findings are made outside the rules (loader, engine). */
function literalRuleIds(): string[] {
  const ids = new Set<string>();
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')) {
        const text = readFileSync(p, 'utf8');
        for (const m of text.matchAll(/(?:ruleId: |\.add\()'([a-z]+\/[a-z-]+)'/g)) ids.add(m[1]);
      }
    }
  };
  for (const d of ['review', 'lint', 'rules']) walk(path.join(ROOT, 'src', d));
  return [...ids];
}

describe('rule pages', () => {
  it('every rule id a lint finding can carry is listed, and has its page where SARIF links', () => {
    const known = new Set(metas.map((m) => m.id));
    const literal = literalRuleIds();
    // the scan finds the loader's and the engine's own ids
    expect(literal).toEqual(expect.arrayContaining(['format/csv', 'format/markdown', 'security/symlink', 'lint/disable-without-reason']));
    for (const id of literal) expect(known.has(id), `${id} is reported but is neither a rule nor in loaderRules`).toBe(true);
    for (const m of metas) {
      expect(docsUrl(m.id).startsWith(DOCS_BASE)).toBe(true);
      const rel = docsUrl(m.id).slice(DOCS_BASE.length);
      expect(existsSync(path.join(RULES_DIR, rel)), `src/rules/${rel}`).toBe(true);
    }
  });

  it('every page beside the rules belongs to a rule id', () => {
    const known = new Set(metas.map((m) => pageFile(m.id)));
    const pages: string[] = [];
    for (const tag of readdirSync(RULES_DIR, { withFileTypes: true })) {
      if (!tag.isDirectory()) continue;
      for (const f of readdirSync(path.join(RULES_DIR, tag.name))) if (f.endsWith('.md')) pages.push(path.join(RULES_DIR, tag.name, f));
    }
    expect(pages.filter((p) => !known.has(p)).map((p) => path.relative(ROOT, p))).toEqual([]);
  });

  it('only the listed examples are marked not executable, each with a reason', () => {
    const marked: Array<[string, string]> = [];
    for (const m of metas) {
      if (!existsSync(pageFile(m.id))) continue;
      const p = parsePage(readFileSync(pageFile(m.id), 'utf8'));
      if (p.notExecutable !== undefined) marked.push([m.id, p.notExecutable]);
      for (const s of p.sections) if (s.notExecutable !== undefined) marked.push([`${m.id}: ${s.kind}`, s.notExecutable]);
    }
    expect(marked.map(([k]) => k).sort()).toEqual([...NOT_EXECUTABLE].sort());
    for (const [k, reason] of marked) expect(reason.length, `${k}: the reason`).toBeGreaterThan(30);
  });

  for (const meta of metas) {
    describe(meta.id, () => {
      const rule: Rule | undefined = allRules.find((r) => r.meta.id === meta.id);
      const page = (): RulePage => parsePage(readFileSync(pageFile(meta.id), 'utf8'));

      it('the header states the default severity and the tag', () => {
        const p = page();
        expect(p.title).toMatch(new RegExp(`^# ${meta.id}$`));
        const m = /^\*\*Default:\*\* (error|warning|info)\b.*· \*\*Tag:\*\* `?([a-z]+)`?/.exec(p.header);
        expect(m, `header line of ${meta.id}: **Default:** <severity> · **Tag:** <tag>`).not.toBeNull();
        expect(m![1]).toBe(meta.severity);
        expect(m![2]).toBe(meta.tag);
        // a rule that learning reviews skip says so in its header, and only such a rule says "not checked"
        const learning = /\*\*Learning reviews:\*\* (not checked|partly checked)/.exec(p.header)?.[1];
        expect(learning === 'not checked', `${meta.id}: "**Learning reviews:** not checked" in the header`).toBe(Boolean(meta.skipForLearningReview));
      });

      it('has one Wrong and one Right section, with complete examples', () => {
        const p = page();
        expect(p.sections.map((s) => s.heading)).toEqual(['Wrong example', 'Right example']);
        for (const s of p.sections) {
          expect(s.problems, s.heading).toEqual([]);
          // commands and output need no file; an example of a review file names it
          for (const o of s.others) expect(REVIEW_LANGS, `${s.heading} line ${o.line}: a ${o.lang} example names its file`).not.toContain(o.lang);
          for (const ex of s.examples) expect(ex.text, `${s.heading} line ${ex.line}: no elisions`).not.toMatch(/…|\.\.\./);
          if (p.notExecutable !== undefined || s.notExecutable !== undefined) continue;
          expect(s.examples.length, `${s.heading}: at least one example naming its file`).toBeGreaterThan(0);
        }
      });

      const p = existsSync(pageFile(meta.id)) ? page() : undefined;
      if (!p || p.notExecutable !== undefined) return;
      for (const s of p.sections) {
        if (s.notExecutable !== undefined) continue;
        it(`${s.kind} example ${s.kind === 'Wrong' ? 'is' : 'is not'} reported`, () => {
          const found = runCaseInMemory(caseOf(s), rule ? [rule] : []).filter((f) => f.ruleId === meta.id);
          const shown = found.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`);
          expect(shown.filter((m) => m.includes('internal error in rule')), 'the rule ran').toEqual([]);
          if (s.kind === 'Wrong') expect(found.length, 'at least one finding').toBeGreaterThan(0);
          else expect(shown).toEqual([]);
        });
      }
    });
  }
});
