/** Area data (profiles/*.yml): CSPs, districts, statutory agencies, funding rules, phrase lists. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from '../errors.js';
import { readSource } from '../review/source.js';
import { readYaml } from '../review/yaml.js';
import { shippedYamlValue } from '../review/shipped-data.js';
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
  /**
   * Protective marking (protocol §3.5): `draft` on draft builds, `final` on submission builds
   * (empty: "OFFICIAL"); published builds carry none.
   */
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
  advocacy: {
    provider: string;
    typical_cost: number;
    complex_cost_cap: number;
    /** The provider's name in full, and how families reach it (printed in the family letter). */
    full_name?: string;
    website?: string;
    telephone?: string;
    email?: string;
  };
  /** Acronyms the documents may use, with their expansion (a review adds its own in glossary.yml). */
  glossary?: Record<string, string>;
  /** How the documents are laid out (see README, "Submission documents"). */
  documents?: {
    /** Number sections (1., 1.1) and body paragraphs (1.1, 1.1.1); default true. */
    numbered?: boolean;
    /** Where the glossary goes when the report has no Glossary heading: `front` (after the contents) or `end` (default). */
    glossary?: 'front' | 'end';
    /** Print the marking on the family letter too (default false). */
    mark_family_letter?: boolean;
    /** The review's name on the cover (default: `document_title`). */
    review_name?: string;
  };
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
  // a profile shipped with dhr was parsed when dhr was built (review/shipped-data.ts)
  let data = shippedYamlValue(src.text) as Profile | undefined;
  if (data === undefined) {
    const res = readYaml<Profile>(src);
    if (res.problems.length) {
      const p = res.problems[0];
      throw new UsageError(`${src.rel}:${p.line}:${p.column}: ${p.message} (format/yaml)`);
    }
    data = res.doc!.data;
  }
  const base = idOrPath === 'gloucestershire' ? undefined : loadProfile('gloucestershire');
  const profile = { ...(base ?? {}), ...data } as Profile;
  cache.set(file, profile);
  return profile;
}
