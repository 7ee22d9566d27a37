import { describe, expect, it } from 'vitest';
import { ageBand, formFields, homeOfficeFormData } from './home-office-form.js';
import { loadReview } from '../review/load.js';
import { loadProfile, withLegalBasis } from '../lint/profile.js';
import { loadSchema } from '../review/schemas.js';
import { EXAMPLE, prepareReview } from '../../test/support/rule-tester.js';

const profile = loadProfile('gloucestershire');

describe('home office data form', () => {
  it('reads the Library fields from review.yml and the profile', () => {
    const d = homeOfficeFormData(loadReview(EXAMPLE), profile);
    expect(d).toMatchObject({
      legal_basis: 'dhr', region: 'South West', police_force_area: 'Gloucestershire', month_of_death: '2024-01',
      date_commissioner_sent: '2024-11-29', cause_of_death: 'sharp-instrument', location_of_death: 'residential',
      case_types: ['intimate-partner', 'children-present'], victim_age_band: '25-34', perpetrator_age_band: '35-44',
      victim_sex: 'female', perpetrator_sex: 'male', verdict: 'murder', victim_previous_offending: false,
      perpetrator_previous_offending: true, victim_death_by_suicide: false, number_of_victims: 1,
    });
    expect(d.abuse_types).toContain('coercive-control');
  });

  it('leaves unknown facts empty, never guessed', () => {
    const dir = prepareReview({ review: { death: null, case_types: null, abuse_types: null, area: null, 'subjects.0.sex': null, 'subjects.1.previous_offending': null, 'subjects.1.verdict': null, 'subjects.0.age': null } });
    const d = homeOfficeFormData(loadReview(dir), { ...profile, region: undefined, police_force_area: undefined });
    for (const k of ['cause_of_death', 'location_of_death', 'case_types', 'abuse_types', 'region', 'police_force_area', 'victim_sex',
      'perpetrator_previous_offending', 'verdict', 'victim_death_by_suicide', 'number_of_victims', 'victim_age_band']) {
      expect(d[k], k).toBeNull();
    }
  });

  it('review.yml area wins over the profile; the legal basis follows the profile as configured', () => {
    const dir = prepareReview({ review: { area: { region: 'West Midlands', police_force_area: 'West Mercia' } } });
    const d = homeOfficeFormData(loadReview(dir), withLegalBasis(profile, 'dardr'));
    expect(d.region).toBe('West Midlands');
    expect(d.police_force_area).toBe('West Mercia');
    expect(d.legal_basis).toBe('dardr');
    expect(d.review_type_label).toBe('Domestic Abuse Related Death Review');
  });

  it('age bands follow the Library: 16-19, 20-24, then decades to 65+', () => {
    expect([15, 16, 19, 20, 24, 25, 34, 35, 44, 45, 54, 55, 64, 65, 90].map(ageBand))
      .toEqual([null, '16-19', '16-19', '20-24', '20-24', '25-34', '25-34', '35-44', '35-44', '45-54', '45-54', '55-64', '55-64', '65+', '65+']);
    expect(ageBand(null)).toBeNull();
  });

  it('the coded lists in the field data are exactly the schema enums', () => {
    const s = loadSchema('review') as { properties: Record<string, { properties?: Record<string, unknown>; items?: unknown }> };
    const en = (x: unknown): string[] => {
      const o = x as { enum?: string[]; anyOf?: Array<{ enum?: string[] }>; items?: { enum?: string[] } };
      return o.enum ?? o.items?.enum ?? o.anyOf?.find((a) => a.enum)?.enum ?? [];
    };
    const subj = (s.properties.subjects.items as { properties: Record<string, unknown> }).properties;
    const expected: Record<string, string[]> = {
      cause_of_death: en(s.properties.death.properties!.cause),
      location_of_death: en(s.properties.death.properties!.location),
      case_types: en(s.properties.case_types),
      abuse_types: en(s.properties.abuse_types),
      victim_sex: en(subj.sex),
      perpetrator_sex: en(subj.sex),
      verdict: en(subj.verdict),
      qa_outcome: en((s.properties.qa.properties as Record<string, unknown>).outcome),
    };
    for (const [key, codes] of Object.entries(expected)) {
      expect(codes.length, key).toBeGreaterThan(1);
      expect(formFields().find((f) => f.key === key)?.codes, key).toEqual(codes);
    }
  });
});
