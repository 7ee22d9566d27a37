#!/usr/bin/env node
/**
 * Lists every runtime dependency (the production tree of package-lock.json: every package npm
 * does not mark `dev`, optional platform binaries included) with its licence, and exits 1 when
 * any is not permissive. Dev dependencies (test runner, compiler) are not shipped and not listed.
 *
 *   node scripts/licences.mjs [--json] [--root DIR]
 *
 * A licence comes from the lock file, else the installed package.json (`license`, or the old
 * `licenses` array), else a recognised LICENSE file (MIT, ISC). SPDX expressions are evaluated: `A OR B` is permissive when either side is,
 * `A AND B` when both are; `MIT/X11` (old style) is read as `MIT OR X11`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Permissive licences (SPDX ids). */
export const PERMISSIVE = new Set([
  'MIT', 'MIT-0', 'X11', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', '0BSD', 'BlueOak-1.0.0',
  'Unlicense', 'CC0-1.0', 'Python-2.0',
  // zlib/libpng licence: permissive (pako, the zlib port, is "MIT AND Zlib")
  'Zlib',
]);

/**
 * Packages whose licence cannot be read from their metadata, checked by hand. Each entry says
 * why it is permissive; an entry applies only to the version named.
 */
export const REVIEWED = {
  // DejaVu fonts: the Bitstream Vera Fonts licence and the Arev Fonts licence (both permissive
  // font licences: use, copy, modify, redistribute; only the font names are reserved). The package
  // says "SEE LICENSE IN README.md AND LICENSE".
  'dejavu-fonts-ttf@2.37.3': 'Bitstream-Vera',
  // buffers 0.1.1 (exceljs → unzipper → binary → buffers) has no licence field and no LICENSE file;
  // its author publishes these packages under MIT/X11 (binary and chainsaw, from the same author
  // in this same tree, declare "MIT" and "MIT/X11").
  'buffers@0.1.1': 'MIT',
  // duck 0.1.12 (mammoth → lop → duck) declares the bare word "BSD"; its LICENSE file is the
  // two-clause BSD licence word for word (copyright notice, two conditions, disclaimer).
  'duck@0.1.12': 'BSD-2-Clause',
};

function normalise(l) {
  if (l == null) return undefined;
  if (typeof l === 'object') return l.type;
  return String(l);
}

/** True when an SPDX-like expression is permissive. */
export function isPermissive(expr) {
  if (!expr) return false;
  const tokens = String(expr).replace(/\//g, ' OR ').replace(/[()]/g, ' $& ').trim().split(/\s+/);
  let i = 0;
  const primary = () => {
    const t = tokens[i++];
    if (t === '(') {
      const v = or();
      i++; // ')'
      return v;
    }
    return PERMISSIVE.has(t?.replace(/\+$/, ''));
  };
  const and = () => {
    let v = primary();
    while (tokens[i] === 'AND') {
      i++;
      v = primary() && v;
    }
    return v;
  };
  const or = () => {
    let v = and();
    while (tokens[i] === 'OR') {
      i++;
      v = and() || v;
    }
    return v;
  };
  return or();
}

/** A licence recognised from an installed package's LICENSE file (when its metadata names none). */
function licenceFromFile(dir) {
  if (!existsSync(dir)) return undefined;
  const f = readdirSync(dir).find((n) => /^(licen[cs]e|copying)(\.(md|txt))?$/i.test(n));
  if (!f) return undefined;
  const text = readFileSync(path.join(dir, f), 'utf8');
  if (/Permission is hereby granted, free of charge, to any person obtaining a copy/.test(text) && /WITHOUT WARRANTY OF ANY KIND/.test(text)) return 'MIT';
  if (/Permission to use, copy, modify, and\/or distribute this software for any purpose/.test(text)) return 'ISC';
  return undefined;
}

/** The production packages of a lock file, with their licences. */
export function runtimeDependencies(root) {
  const lockFile = path.join(root, 'package-lock.json');
  const lock = JSON.parse(readFileSync(lockFile, 'utf8'));
  if (!lock.packages) throw new Error('package-lock.json has no "packages" (lockfileVersion 2 or 3 needed)');
  const out = [];
  for (const [key, info] of Object.entries(lock.packages)) {
    if (key === '' || info.dev || info.link) continue;
    const name = info.name ?? key.slice(key.lastIndexOf('node_modules/') + 'node_modules/'.length);
    let licence = normalise(info.license) ?? (Array.isArray(info.licenses) ? info.licenses.map(normalise).join(' OR ') : undefined);
    const pkgJson = path.join(root, key, 'package.json');
    if (!licence && existsSync(pkgJson)) {
      const pkg = JSON.parse(readFileSync(pkgJson, 'utf8'));
      licence = normalise(pkg.license) ?? (Array.isArray(pkg.licenses) ? pkg.licenses.map(normalise).join(' OR ') : undefined);
    }
    if (!licence) licence = licenceFromFile(path.join(root, key));
    const id = `${name}@${info.version}`;
    const reviewed = REVIEWED[id];
    const ok = isPermissive(licence) || reviewed !== undefined;
    out.push({ name, version: info.version, licence: licence ?? 'UNKNOWN', ...(reviewed ? { reviewed } : {}), optional: Boolean(info.optional), permissive: ok });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name) || String(a.version).localeCompare(String(b.version)));
}

function main(argv) {
  const json = argv.includes('--json');
  const r = argv.indexOf('--root');
  const root = path.resolve(r >= 0 ? argv[r + 1] : path.join(path.dirname(new URL(import.meta.url).pathname), '..'));
  let deps;
  try {
    deps = runtimeDependencies(root);
  } catch (e) {
    process.stderr.write(`licences: ${e.message}\n`);
    return 2;
  }
  const bad = deps.filter((d) => !d.permissive);
  if (json) {
    process.stdout.write(JSON.stringify({ dependencies: deps, notPermissive: bad.map((d) => `${d.name}@${d.version}`) }, null, 2) + '\n');
  } else {
    const w = Math.max(...deps.map((d) => `${d.name}@${d.version}`.length));
    for (const d of deps) {
      const note = d.reviewed ? ` (reviewed: ${d.reviewed})` : '';
      process.stdout.write(`${`${d.name}@${d.version}`.padEnd(w)}  ${d.licence}${note}${d.optional ? ' [optional]' : ''}${d.permissive ? '' : '  <-- NOT PERMISSIVE'}\n`);
    }
    process.stdout.write(`\n${deps.length} runtime packages; ${bad.length} not permissive\n`);
  }
  if (bad.length) process.stderr.write(`licences: not permissive: ${bad.map((d) => `${d.name}@${d.version} (${d.licence})`).join(', ')}\n`);
  return bad.length ? 1 : 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  process.exitCode = main(process.argv.slice(2));
}
