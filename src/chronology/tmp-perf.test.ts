import { it } from 'vitest';
import { findDuplicates } from './duplicates.js';
import { parseChronologyDate } from './dates.js';
import type { MasterRow } from './merge.js';
it('perf', () => {
  const d = parseChronologyDate('2021-04-06');
  if (!d.ok) throw new Error();
  for (const mode of ['near', 'same']) {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ ref: `p#${i}`, agency: 'p', parsed: d.date, event: mode === 'near' ? `Officers attended the address (visit ${i}).` : 'Officers attended the address.', subjects: ['Adult A'], sourceIndex: i } as unknown as MasterRow));
    const t0 = performance.now();
    const r = findDuplicates(rows, 0.85);
    console.log(mode, r.length, Math.round(performance.now() - t0), 'ms');
  }
});
