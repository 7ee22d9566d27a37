/**
 * The import graph of src/ (tests aside) follows the layer order written in ARCHITECTURE.md:
 * a module imports only from its own layer or a lower one, and no chain of imports comes back
 * to where it started.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = path.dirname(fileURLToPath(import.meta.url));

/**
 * Lowest first. A file belongs to the first entry whose prefix its path (relative to src/,
 * `/` separators) starts with. Keep in step with the table in ARCHITECTURE.md.
 */
export const LAYERS: Array<{ name: string; prefixes: string[] }> = [
  { name: 'base', prefixes: ['errors.ts', 'package.ts', 'sync-worker.ts', 'dates/', 'vendor/'] },
  { name: 'review', prefixes: ['review/'] },
  { name: 'document', prefixes: ['document/'] },
  { name: 'chronology', prefixes: ['chronology/'] },
  { name: 'lint', prefixes: ['lint/rule.ts', 'lint/config.ts', 'lint/profile.ts', 'lint/identities.ts', 'lint/setup.ts', 'lint/engine.ts', 'lint/safe-paths.ts'] },
  { name: 'rules', prefixes: ['rules/'] },
  { name: 'lint-run', prefixes: ['lint/'] },
  { name: 'reports', prefixes: ['reports/'] },
  { name: 'exchange', prefixes: ['exchange/'] },
  { name: 'audit', prefixes: ['audit/'] },
  { name: 'hooks', prefixes: ['hooks/'] },
  { name: 'cli', prefixes: ['cli/'] },
];

export function layerOf(rel: string): number {
  const i = LAYERS.findIndex((l) => l.prefixes.some((p) => rel === p || rel.startsWith(p)));
  return i;
}

function sourceFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...sourceFiles(path.join(dir, e.name), r));
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')) out.push(r);
  }
  return out;
}

/** The relative imports of a file (static, re-exports, dynamic with a literal), as src/-relative .ts paths. */
export function importsOf(rel: string, text: string): string[] {
  const specs = new Set<string>();
  const re = /(?:^|[\s;])(?:import|export)\s[^'";]*?\sfrom\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  for (const m of code.matchAll(re)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec.startsWith('.')) specs.add(spec);
  }
  return [...specs].map((s) => path.posix.normalize(path.posix.join(path.posix.dirname(rel), s)).replace(/\.js$/, '.ts'));
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f, readFileSync(path.join(SRC, f), 'utf8')).filter((t) => !t.startsWith('../'))]));

/** Strongly connected components with more than one file (or a file importing itself). */
function cycles(g: Map<string, string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of g.get(v) ?? []) {
      if (!g.has(w)) continue;
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        comp.push(w);
      } while (w !== v);
      if (comp.length > 1 || (g.get(v) ?? []).includes(v)) out.push(comp.sort());
    }
  };
  for (const v of g.keys()) if (!idx.has(v)) visit(v);
  return out;
}

describe('the import graph of src/', () => {
  it('reads imports of every kind', () => {
    expect(importsOf('a/b.ts', "import { x } from '../c/d.js';\nexport * from './e.js';\nimport type { T } from './f.js';\nconst m = await import('./g.js');\nimport './h.js';\nimport fs from 'node:fs';").sort())
      .toEqual(['a/e.ts', 'a/f.ts', 'a/g.ts', 'a/h.ts', 'c/d.ts']);
  });

  it('places every file of src/ in a layer', () => {
    expect(files.filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it('every import resolves to a file of src/', () => {
    const missing = [...graph].flatMap(([f, ts]) => ts.filter((t) => !graph.has(t)).map((t) => `${f} → ${t}`));
    expect(missing).toEqual([]);
  });

  it('no module imports from a higher layer', () => {
    const up = [...graph].flatMap(([f, ts]) => ts.filter((t) => graph.has(t) && layerOf(t) > layerOf(f))
      .map((t) => `${f} (${LAYERS[layerOf(f)].name}) → ${t} (${LAYERS[layerOf(t)].name})`));
    expect(up).toEqual([]);
  });

  it('no import cycle', () => {
    expect(cycles(graph)).toEqual([]);
  });

  it('the cycle finder finds a cycle', () => {
    expect(cycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });
});
