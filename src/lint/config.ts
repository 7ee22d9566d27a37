/** `dhr.config.yml`: profile, severities by rule id or tag, allowed terms and names, vague phrases, waivers. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import type { Severity } from '../review/model.js';
import { readSource } from '../review/source.js';
import { readYaml } from '../review/yaml.js';
import { validateData } from '../review/schemas.js';

export type SeveritySetting = 'off' | 'info' | 'warn' | 'warning' | 'error';

export interface Waiver {
  /** `<file name or path>#<row id>`, e.g. `chronologies/police.csv#12`. */
  row: string;
  rules?: string[];
  reason?: string;
}

export interface Config {
  /** Folder holding the config file (or cwd when none). */
  root: string;
  file?: string;
  profile: string;
  rules: Record<string, SeveritySetting>;
  allowed_terms: string[];
  /** People who may be named (cited researchers, officials signing an appended letter): never anon/person-name findings. */
  allowed_names: string[];
  vague_phrases: string[];
  waivers: Waiver[];
  chronology: { gap_days: number; duplicate_similarity: number };
  audit: { stale_days: number };
  identities?: string;
  /** `dhr` | `dardr`: the review's name in every document and message (profile default otherwise). */
  legal_basis?: 'dhr' | 'dardr';
}

export const DEFAULT_CONFIG: Omit<Config, 'root'> = {
  profile: 'gloucestershire',
  rules: {},
  allowed_terms: [],
  allowed_names: [],
  vague_phrases: [],
  waivers: [],
  chronology: { gap_days: 180, duplicate_similarity: 0.85 },
  audit: { stale_days: 90 },
};

/** Looks for dhr.config.yml from `start` upwards, stopping at a git repository root. */
export function findConfigFile(start: string): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    const f = path.join(dir, 'dhr.config.yml');
    if (existsSync(f)) return f;
    if (existsSync(path.join(dir, '.git'))) return undefined;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

const cache = new Map<string, Config>();

/** Loads a config file; bad config is a usage error (exit 2) naming file, line and column. */
export function loadConfig(file: string | undefined, fallbackRoot = process.cwd()): Config {
  if (!file) return { ...DEFAULT_CONFIG, root: fallbackRoot };
  const abs = path.resolve(file);
  const hit = cache.get(abs);
  if (hit) return hit;
  if (!existsSync(abs)) throw new UsageError(`${file}: config file not found`);
  let src;
  try {
    src = readSource(abs);
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
  const res = readYaml<Record<string, unknown>>(src);
  if (res.problems.length) {
    const p = res.problems[0];
    throw new UsageError(`${src.rel}:${p.line}:${p.column}: ${p.message} (format/yaml)`);
  }
  const data = (res.doc!.data ?? {}) as Record<string, unknown>;
  if (typeof data !== 'object' || Array.isArray(data)) throw new UsageError(`${src.rel}:1:1: config must be a mapping (schema/config)`);
  const issues = validateData('config', data);
  if (issues.length) {
    const s = res.doc!.spanOf(issues[0].path, { key: issues[0].key });
    throw new UsageError(`${src.rel}:${s.line}:${s.column}: ${issues[0].message} (schema/config)`);
  }
  const d = data as Partial<Config> & { waivers?: Array<string | Waiver> };
  const cfg: Config = {
    root: path.dirname(abs),
    file: abs,
    profile: d.profile ?? DEFAULT_CONFIG.profile,
    rules: d.rules ?? {},
    allowed_terms: d.allowed_terms ?? [],
    allowed_names: d.allowed_names ?? [],
    vague_phrases: d.vague_phrases ?? [],
    waivers: (d.waivers ?? []).map((w) => (typeof w === 'string' ? { row: w } : w)),
    chronology: { ...DEFAULT_CONFIG.chronology, ...(d.chronology ?? {}) },
    audit: { ...DEFAULT_CONFIG.audit, ...(d.audit ?? {}) },
    identities: d.identities,
    legal_basis: d.legal_basis,
  };
  cache.set(abs, cfg);
  return cfg;
}

/** The effective severity of a rule: by id, else by tag, else its default. */
export function severityFor(cfg: Config, ruleId: string, fallback: Severity): Severity | 'off' {
  const tag = ruleId.split('/')[0];
  const s = cfg.rules[ruleId] ?? cfg.rules[tag];
  if (!s) return fallback;
  if (s === 'warn') return 'warning';
  return s;
}
