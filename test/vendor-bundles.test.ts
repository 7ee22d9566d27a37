/**
 * The parsers bundled after tsc (src/vendor/, scripts/after-tsc.mjs): each compiled file is one
 * bundle that imports nothing but Node's own modules, and parses as the packages it was made from.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parseDocument } from 'yaml';
import { ROOT } from './support/rule-tester.js';

const file = (name: string) => path.join(ROOT, 'dist', 'src', 'vendor', `${name}.js`);

/**
 * Every file Node loads to import `target`, ES modules and CommonJS alike (a loader hook that logs
 * each load, in a process of its own).
 */
function spawnLoads(target: string): string[] {
  const hook = "export async function load(url, context, next) { process.stderr.write('LOADED ' + url + '\\n'); return next(url, context); }";
  const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hook)}`)});`;
  const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`,
    '--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(target).href)});`], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return [...r.stderr.matchAll(/^LOADED (\S+)$/gm)].map((m) => m[1]!);
}

describe('the bundled parsers in dist/src/vendor', () => {
  it.each(['markdown', 'yaml'])('%s.js is one bundle: importing it loads no other file', (name) => {
    const loaded = spawnLoads(file(name));
    expect(loaded.filter((u) => !u.startsWith('node:') && u !== pathToFileURL(file(name)).href), `dist/src/vendor/${name}.js was not bundled (scripts/after-tsc.mjs)`).toEqual([]);
    expect(loaded).toContain(pathToFileURL(file(name)).href);
  });

  it('THIRD-PARTY-NOTICES.txt beside them names each bundled package with its licence', () => {
    const text = readFileSync(path.join(ROOT, 'dist', 'src', 'vendor', 'THIRD-PARTY-NOTICES.txt'), 'utf8');
    for (const pkg of ['unified', 'remark-parse', 'remark-gfm', 'remark-frontmatter', 'micromark', 'mdast-util-from-markdown', 'yaml']) {
      expect(text).toMatch(new RegExp(`^${pkg} \\d+\\.\\d+\\.\\d+ \\((MIT|ISC)\\)$`, 'm'));
    }
  });

  it('markdown.js parses a report as the packages do: headings, a table, front matter, footnotes, links', async () => {
    const vendor = await import(pathToFileURL(file('markdown')).href);
    const text = readFileSync(path.join(ROOT, 'fixtures/example/reviews/DHR-2024-03/overview-report.md'), 'utf8')
      + '\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\nSee www.gov.uk and a note.[^1]\n\n[^1]: The note.\n\n- [x] done\n';
    const bundled = vendor.unified().use(vendor.remarkParse).use(vendor.remarkGfm).use(vendor.remarkFrontmatter, ['yaml']).parse(`---\nagency: police\n---\n${text}`);
    const packages = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']).parse(`---\nagency: police\n---\n${text}`);
    expect(bundled).toEqual(packages);
    expect(bundled.children.map((c: { type: string }) => c.type)).toEqual(expect.arrayContaining(['yaml', 'heading', 'table', 'footnoteDefinition', 'list']));
  });

  it('yaml.js reads YAML as the package does, errors and ranges included', async () => {
    const vendor = await import(pathToFileURL(file('yaml')).href);
    const text = readFileSync(path.join(ROOT, 'fixtures/example/reviews/DHR-2024-03/review.yml'), 'utf8');
    const opts = { schema: 'core', prettyErrors: false, uniqueKeys: true } as const;
    expect(vendor.parseDocument(text, opts).toJS()).toEqual(parseDocument(text, opts).toJS());
    const bad = 'a: 1\na: 2\nb: [1, 2\n';
    expect(vendor.parseDocument(bad, opts).errors.map((e: { code: string; pos: number[] }) => [e.code, e.pos]))
      .toEqual(parseDocument(bad, opts).errors.map((e) => [e.code, e.pos]));
  });
});
