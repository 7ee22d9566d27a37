/** Area data (profiles/*.yml): CSPs, districts, statutory agencies, funding rules, phrase lists. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';
import { readSource } from '../review/source.js';
import { readYaml } from '../review/yaml.js';
import type { ReportSectionsSettings } from '../review/sections.js';

export interface FundingRule {
  rule: string;
  kind: 'capped-share-then-equal' | 'equal-up-to-cap-then-lead' | 'equal';
  first_party?: string;
  share?: number;
  cap?: number;
  rest?: string;
  parties?: string | string[];
}

export interface Profile {
  id: string;
  name: string;
  /** The review's name in documents and messages: set from `review_names` by the legal basis. */
  document_title: string;
  recipients: string[];
  /** `dhr` (2004 Act s.9) or `dardr` (Victims and Prisoners Act 2024 s.19); config may override. */
  legal_basis?: LegalBasis;
  review_names?: Partial<Record<LegalBasis, string>>;
  /** The definition text documents quote, by legal basis. */
  definitions?: Partial<Record<LegalBasis, string>>;
  /** Home Office DHR Library: region and police force area (review.yml `area` overrides). */
  region?: string;
  police_force_area?: string;
  marking: { draft: string; final: string };
  timescales: { decision_months: number; home_office_notified_months: number; completion_months: number };
  csps: Array<{ id: string; name: string; districts: string[]; media?: string }>;
  districts: Array<{ id: string; name: string }>;
  statutory_agencies: string[];
  specialist_services: string[];
  advocacy: { provider: string; typical_cost: number; complex_cost_cap: number };
  funding: {
    parties: Array<{ id: string; name: string; district?: boolean }>;
    rules: Record<string, FundingRule>;
  };
  vague_phrases: string[];
  vague_measures: string[];
  allowed_terms: string[];
  /** How the area adapts the report section lists (profiles/report-sections.yml): severity, variants, lists. */
  report_sections?: ReportSectionsSettings;
}

export type LegalBasis = 'dhr' | 'dardr';

export const REVIEW_NAMES: Record<LegalBasis, string> = {
  dhr: 'Domestic Homicide Review',
  dardr: 'Domestic Abuse Related Death Review',
};

/**
 * The profile as a review sees it under a legal basis (config `legal_basis`, else the profile's,
 * else `dhr`): `document_title` becomes the name of that kind of review, so every document, letter
 * and message that uses it says "Domestic Abuse Related Death Review" under `dardr`.
 */
export function withLegalBasis(profile: Profile, basis?: LegalBasis): Profile {
  const b: LegalBasis = basis ?? profile.legal_basis ?? 'dhr';
  const name = profile.review_names?.[b] ?? (b === 'dhr' ? profile.document_title : undefined) ?? REVIEW_NAMES[b];
  if (b === profile.legal_basis && name === profile.document_title) return profile;
  return { ...profile, legal_basis: b, document_title: name };
}

/** The definition of the kind of review under the profile's legal basis. */
export function reviewDefinition(profile: Profile): string | undefined {
  return profile.definitions?.[profile.legal_basis ?? 'dhr'];
}

export function profilesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const c = path.join(dir, 'profiles');
    if (existsSync(path.join(c, 'gloucestershire.yml'))) return c;
    dir = path.dirname(dir);
  }
  throw new Error('profiles/ folder not found next to the dhr installation');
}

const cache = new Map<string, Profile>();

/** Loads a profile by id (`profiles/<id>.yml`) or by path, relative to the config's folder. */
export function loadProfile(idOrPath: string, relativeTo = process.cwd()): Profile {
  const file = /[\\/]|\.ya?ml$/.test(idOrPath) ? path.resolve(relativeTo, idOrPath) : path.join(profilesDir(), `${idOrPath}.yml`);
  const hit = cache.get(file);
  if (hit) return hit;
  if (!existsSync(file)) throw new UsageError(`profile "${idOrPath}" not found (looked for ${file})`);
  const src = readSource(file);
  const res = readYaml<Profile>(src);
  if (res.problems.length) {
    const p = res.problems[0];
    throw new UsageError(`${src.rel}:${p.line}:${p.column}: ${p.message} (format/yaml)`);
  }
  const base = idOrPath === 'gloucestershire' ? undefined : loadProfile('gloucestershire');
  const profile = { ...(base ?? {}), ...(res.doc!.data as Profile) } as Profile;
  cache.set(file, profile);
  return profile;
}
