/**
 * The duplicate search of a large chronology on a worker thread (src/chronology/duplicates-offload.ts),
 * with the compiled modules, as the CLI runs it: the worker is used, and its answer is the one the
 * search gives on this thread.
 */
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/rule-tester.js';

const dist = (m: string) => import(pathToFileURL(path.join(ROOT, 'dist', 'src', m)).href);

describe('duplicate search on a worker thread', () => {
  it('is used for a large chronology with two CPUs, and finds what the search on this thread finds', async () => {
    const { startDuplicates, OFFLOAD_ROWS } = await dist('chronology/duplicates-offload.js');
    const { findDuplicates } = await dist('chronology/duplicates.js');
    const { parseChronologyDate } = await dist('dates/index.js');
    const words = ['officers', 'attended', 'the', 'address', 'visit', 'home', 'Zoë', 'called', 'referral', 'made'];
    const rows = Array.from({ length: OFFLOAD_ROWS + 5000 }, (_, i) => {
      const date = `2021-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
      // every 50th row repeats the row before it word for word; the others differ
      const n = i % 50 === 0 && i > 0 ? i - 1 : i;
      const event = Array.from({ length: 8 }, (_, k) => words[(n * 7 + k * 3) % words.length]).join(' ') + ` ${n % 97}`;
      return {
        ref: `a#${i + 1}`, agency: 'a', id: String(i + 1), date, parsed: parseChronologyDate(date).date, time: '',
        ...(i % 3 ? { minutes: (i * 13) % 1440 } : {}), subject: 'Adult A', source: '', event, action: '', practitioner: '',
        key_event: '', comment: '', key: false, subjects: i % 5 ? ['Adult A'] : [], sourceIndex: i,
      };
    });
    const take = startDuplicates(rows, 0.85);
    expect(take.offloaded).toBe((os.availableParallelism?.() ?? os.cpus().length) >= 2 && process.env.DHR_WORKERS !== '0');
    // a subject holding the columns' separator (a NUL, possible in decoded UTF-16) keeps the search here
    const withNul = rows.map((r, i) => (i === 7 ? { ...r, subjects: ['Adult\0A'] } : r));
    expect(startDuplicates(withNul, 0.85).offloaded).toBe(false);
    const got = take();
    const want = findDuplicates(rows, 0.85);
    expect(want.length).toBeGreaterThan(100);
    expect(got.map((d: { row: { ref: string }; first: { ref: string }; similarity: number }) => [d.row.ref, d.first.ref, d.similarity]))
      .toEqual(want.map((d: { row: { ref: string }; first: { ref: string }; similarity: number }) => [d.row.ref, d.first.ref, d.similarity]));
  });
});
