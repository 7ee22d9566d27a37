/** `anon/unknown-subject` — see unknown-subject.md. */
import { defineRule } from '../../lint/rule.js';
import { isSafePseudonym } from '../../review/safe.js';
import { offsetAt, reviewTexts, spanAt } from './text.js';

export const unknownSubject = defineRule({
  id: 'anon/unknown-subject',
  tag: 'anon',
  severity: 'error',
  description: 'a `subject` that is not a pseudonym in `review.yml`',
}, (ctx) => {
  if (!ctx.meta) return; // review.yml missing or unusable: schema/review says why
  const subjects = Array.isArray(ctx.meta.subjects) ? ctx.meta.subjects : [];
  const names = subjects.map((s) => (s && typeof s.pseudonym === 'string' ? s.pseudonym.trim() : '')).filter(Boolean);
  const known = new Set(names.map((n) => n.toLowerCase()));
  // a pseudonym that is really a registered name is not echoed
  const shown = names.filter((n) => isSafePseudonym(n, ctx.guard));
  const hint = shown.length ? `one of: ${shown.join(', ')}` : names.length ? 'a pseudonym listed under subjects' : 'a pseudonym';
  // the same subject lists repeat row after row: check each distinct cell text once
  const seen = new Map<string, Array<{ at: number; length: number; value: string }>>();
  for (const tf of reviewTexts(ctx.review)) {
    if (tf.tableKind !== 'chronology' || !tf.table) continue;
    if (!tf.table.header.some((h) => h.column_name === 'subject')) continue;
    const text = tf.file.text;
    for (const row of tf.table.rows) {
      const cell = row.cells.subject;
      if (!cell || cell.value.trim() === '') continue;
      const ref = { start: offsetAt(tf.file, cell.line, cell.column), end: offsetAt(tf.file, cell.endLine, cell.endColumn) };
      // the raw text of the cell, without its quotes, so positions stay exact
      let a = ref.start;
      let b = ref.end;
      if (text[a] === '"') {
        a++;
        if (b > a && text[b - 1] === '"') b--;
      }
      let bad = seen.get(text.slice(a, b));
      if (!bad) {
        bad = [];
        const raw = text.slice(a, b);
        const re = /[^;]+/g;
        for (let m = re.exec(raw); m; m = re.exec(raw)) {
          const lead = m[0].length - m[0].trimStart().length;
          const entry = m[0].trim();
          if (!entry) continue;
          const value = entry.replace(/""/g, '"');
          if (!known.has(value.toLowerCase())) bad.push({ at: m.index + lead, length: entry.length, value });
        }
        seen.set(raw, bad);
      }
      for (const x of bad) {
        ctx.report(tf.file, spanAt(tf.file, a + x.at, a + x.at + x.length),
          `subject is not a pseudonym listed in review.yml subjects: use ${hint}, or add the person to subjects with a pseudonym`, x.value);
      }
    }
  }
});
