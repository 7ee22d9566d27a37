/** `anon/practitioner-name` — see practitioner-name.md. */
import { defineRule } from '../../lint/rule.js';
import { anonData } from './data.js';
import { isAllowedWord, isOrdinaryWord, nameContext } from './names.js';
import { offsetAt, reviewTexts, spanAt } from './text.js';

const WORD = /[A-Za-z][A-Za-z'’]*(?:-[A-Za-z][A-Za-z'’]*)*\.?/g;

let TITLES: Set<string> | undefined;

interface Word {
  text: string;
  start: number;
  end: number;
}

/**
 * The words of a practitioner cell that make it a name rather than a role, grouped into spans:
 * a title or rank with a surname ("PC Hughes", "Dr. Okafor"), an initial with a surname ("J. Smith"),
 * a given name ("Sarah"), or a capitalised word that is neither a role word, an ordinary word nor an
 * allowed term ("Hughes").
 */
function nameSpans(words: Word[], isAllowed: (w: string[]) => boolean): Array<[number, number]> {
  const d = anonData();
  const titles = TITLES ??= new Set(d.titles);
  const out: Array<[number, number]> = [];
  const nameLike = (w: string) => {
    const bare = w.replace(/\.$/, '').replace(/['’]s$/, '');
    if (bare.length < 2 || isAllowed([bare])) return false;
    if (/^[A-Z]/.test(bare)) {
      if (bare === bare.toUpperCase()) return false; // an acronym: GP, PCSO, MASH
      if (d.givenNames.has(bare) && !d.roleWords.has(bare.toLowerCase())) return true;
      return !isOrdinaryWord(bare) && !d.roleWords.has(bare.toLowerCase());
    }
    // lower case: only an unmistakable given name ("sarah", not "mark")
    const cap = bare[0].toUpperCase() + bare.slice(1);
    return d.givenNames.has(cap) && !d.commonWords.has(bare) && !d.roleWords.has(bare);
  };
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const bare = w.text.replace(/\.$/, '');
    const next = words[i + 1];
    if ((titles.has(bare) || /^[A-Z]$/.test(bare)) && next && /^[A-Z]/.test(next.text) && nameLike(next.text)) {
      out.push([w.start, next.end]);
      i++;
      continue;
    }
    // a capitalised word followed by lower-case words is a sentence-case role ("Sanctuary scheme coordinator")
    const modifier = next && /^[a-z]/.test(next.text) && !d.givenNames.has(bare);
    if (!modifier && nameLike(w.text)) {
      let end = w.end;
      while (words[i + 1] && /^[A-Z]/.test(words[i + 1].text) && nameLike(words[i + 1].text)) end = words[++i].end;
      out.push([w.start, end]);
    }
  }
  return out;
}

export const practitionerName = defineRule({
  id: 'anon/practitioner-name',
  tag: 'anon',
  severity: 'error',
  description: 'a personal name in the chronology `practitioner` column',
}, (ctx) => {
  let nc: ReturnType<typeof nameContext> | undefined;
  // chronologies repeat the same few roles: decide each distinct cell text once
  const seen = new Map<string, Array<[number, number]>>();
  for (const tf of reviewTexts(ctx.review)) {
    if (tf.tableKind !== 'chronology' || !tf.table) continue;
    if (!tf.table.header.some((h) => h.column_name === 'practitioner')) continue;
    const text = tf.file.text;
    for (const row of tf.table.rows) {
      const cell = row.cells.practitioner;
      if (!cell || cell.value.trim() === '') continue;
      const ref = { start: offsetAt(tf.file, cell.line, cell.column), end: offsetAt(tf.file, cell.endLine, cell.endColumn) };
      const raw = text.slice(ref.start, ref.end);
      let spans = seen.get(raw);
      if (!spans) {
        nc ??= nameContext(ctx);
        const ctxNames = nc;
        const words: Word[] = [];
        WORD.lastIndex = 0;
        for (let m = WORD.exec(raw); m; m = WORD.exec(raw)) {
          let t = m[0];
          // a full stop ends the word unless it marks an abbreviation or initial ("Dr.", "J.")
          if (t.endsWith('.') && t.length > 3 && !anonData().titles.includes(t.slice(0, -1))) t = t.slice(0, -1);
          words.push({ text: t, start: m.index, end: m.index + t.length });
        }
        spans = nameSpans(words, (w) => w.every((x) => isAllowedWord(ctxNames, x)));
        seen.set(raw, spans);
      }
      for (const [a, b] of spans) {
        ctx.report(tf.file, spanAt(tf.file, ref.start + a, ref.start + b),
          'the practitioner column names a person: give the role instead (for example "GP", "Police constable", "Social worker")',
          raw.slice(a, b));
      }
    }
  }
});
