/**
 * scripts/licences.mjs: lists the runtime dependencies with their licences and fails on any that
 * is not permissive. Checked on made-up lock files (each verdict) and on this repository.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, tmpRoot } from './support.js';

const SCRIPT = path.join(ROOT, 'scripts', 'licences.mjs');
const parent = tmpRoot('licences');
afterAll(() => rmSync(parent, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A project with a lock file holding these packages (name → lock entry). */
function project(name: string, packages: Record<string, Record<string, unknown>>, files: Record<string, string> = {}): string {
  const root = path.join(parent, name);
  const lock = { name, lockfileVersion: 3, packages: { '': { name, dependencies: {} }, ...Object.fromEntries(Object.entries(packages).map(([k, v]) => [`node_modules/${k}`, { version: '1.0.0', ...v }])) } };
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(root, 'package-lock.json'), JSON.stringify(lock));
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, f)), { recursive: true });
    writeFileSync(path.join(root, f), text);
  }
  return root;
}

describe('scripts/licences.mjs', () => {
  it('passes permissive licences and expressions with a permissive side, and skips dev dependencies', () => {
    const root = project('ok', {
      a: { license: 'MIT' }, b: { license: 'ISC' }, c: { license: 'BSD-3-Clause' }, d: { license: 'Apache-2.0' },
      e: { license: '(MIT OR GPL-3.0-or-later)' }, f: { license: '(MIT AND Zlib)' }, g: { license: 'MIT/X11' },
      h: { license: 'BlueOak-1.0.0' }, i: { license: '0BSD' }, j: { license: 'Unlicense' }, k: { license: 'CC0-1.0' },
      l: { license: 'Python-2.0' }, m: { licenses: [{ type: 'MIT', url: 'x' }] },
      n: {}, 'dev-only': { license: 'GPL-3.0-only', dev: true },
    }, { 'node_modules/n/LICENSE': 'MIT License\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\nof this software … WITHOUT WARRANTY OF ANY KIND' });
    const r = run(['--root', root, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { dependencies: { name: string; licence: string }[]; notPermissive: string[] };
    expect(out.notPermissive).toEqual([]);
    expect(out.dependencies.map((d) => d.name)).not.toContain('dev-only');
    expect(out.dependencies).toHaveLength(14);
    expect(out.dependencies.find((d) => d.name === 'n')?.licence).toBe('MIT');
  });

  it('fails (exit 1) on copyleft, unknown and AND-with-copyleft licences, naming them on stderr', () => {
    const root = project('bad', {
      a: { license: 'MIT' }, gpl: { license: 'GPL-3.0-only' }, mpl: { license: 'MPL-2.0' },
      both: { license: 'MIT AND GPL-2.0' }, none: {}, custom: { license: 'SEE LICENSE IN LICENSE.txt' },
      opt: { license: 'LGPL-3.0', optional: true },
    });
    const r = run(['--root', root]);
    expect(r.code).toBe(1);
    for (const n of ['gpl', 'mpl', 'both', 'none', 'custom', 'opt']) expect(r.stderr).toContain(`${n}@1.0.0`);
    expect(r.stderr).not.toContain('a@1.0.0');
    expect(r.stdout).toMatch(/7 runtime packages; 6 not permissive/);
  });

  it('exits 2 with one line when there is no usable lock file', () => {
    const r = run(['--root', path.join(parent, 'nowhere')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('is `npm run licences` in package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.licences).toBe('node scripts/licences.mjs');
  });

  it('lists every runtime dependency of this repository, each with a licence', () => {
    const r = run(['--json']);
    const out = JSON.parse(r.stdout) as { dependencies: { name: string; licence: string; permissive: boolean }[]; notPermissive: string[] };
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    const names = new Set(out.dependencies.map((d) => d.name));
    for (const dep of Object.keys(pkg.dependencies)) expect(names, dep).toContain(dep);
    // tools only used to build and test (some @types are also reached by runtime packages)
    for (const dep of ['vitest', 'typescript', 'fast-check', 'playwright-core']) expect(names, dep).not.toContain(dep);
    expect(out.dependencies.every((d) => d.licence !== 'UNKNOWN' || !d.permissive || d.name === 'buffers')).toBe(true);
    expect(r.code).toBe(out.notPermissive.length ? 1 : 0);
  });

  it('finds every runtime dependency of this repository permissive', () => {
    const r = run(['--json']);
    const out = JSON.parse(r.stdout) as { notPermissive: string[] };
    expect(out.notPermissive, 'a runtime dependency is not permissive: replace it, or review it with the lead').toEqual([]);
    expect(r.code).toBe(0);
  });
});
