import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadReview } from './load.js';

const EXAMPLE = path.join(import.meta.dirname, '..', '..', 'fixtures', 'example', 'reviews', 'DHR-2024-03');

describe('loadReview', () => {
  it('reads only review.yml and the chronologies when asked (dhr chronology), the same tables as a full load', () => {
    const full = loadReview(EXAMPLE);
    const part = loadReview(EXAMPLE, { only: 'chronologies' });
    expect(full.imrs.size).toBeGreaterThan(0);
    expect(full.overviewReport).toBeDefined();
    expect(part.imrs.size).toBe(0);
    expect(part.overviewReport).toBeUndefined();
    expect(part.actionPlan).toBeUndefined();
    expect(part.files.map((f) => f.rel).filter((r) => /\.md$/.test(r))).toEqual([]);
    expect(part.id).toBe(full.id);
    expect(part.meta?.data).toEqual(full.meta?.data);
    expect([...part.chronologies.keys()]).toEqual([...full.chronologies.keys()]);
    for (const [agency, t] of full.chronologies) expect(part.chronologies.get(agency)!.rows).toEqual(t.rows);
  });
});
