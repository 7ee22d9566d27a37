/**
 * report/undefined-acronym: an all-capital abbreviation used twice or more in the overview report
 * or the executive summary that neither the profile's glossary nor the review's glossary.yml
 * defines — the built documents' glossary would leave it out.
 */
import { defineRule } from '../../lint/rule.js';
import { lineStarts, positionAt } from '../../review/source.js';
import { acronymsIn, glossaryFor } from '../../review/glossary.js';

/** Text the reader never sees: front matter, HTML comments, link targets, chronology citations. */
const HIDDEN = /^---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)|<!--[\s\S]*?-->|\]\([^)]*\)|\[\[[^\]]*\]\]|`[^`\n]*`/g;

/** The text with hidden parts blanked (same length, so offsets stay those of the file). */
function visibleText(text: string): string {
  return text.replace(HIDDEN, (m) => m.replace(/[^\n]/g, ' '));
}

export const undefinedAcronym = defineRule(
  {
    id: 'report/undefined-acronym',
    tag: 'report',
    severity: 'warning',
    description: 'an acronym used twice or more that no glossary defines',
  },
  (ctx) => {
    const r = ctx.review;
    const defined = glossaryFor(r, ctx.profile.glossary);
    for (const doc of [r.overviewReport, r.executiveSummary]) {
      if (!doc) continue;
      const file = doc.file;
      const uses = acronymsIn(visibleText(file.text));
      let starts: number[] | undefined;
      for (const use of uses.values()) {
        if (use.offsets.length < 2 || defined.has(use.acronym)) continue;
        starts ??= lineStarts(file.text);
        const at = use.offsets[0]!;
        const a = positionAt(starts, at);
        const b = positionAt(starts, at + use.acronym.length);
        ctx.report(file, { line: a.line, column: a.column, endLine: b.line, endColumn: b.column },
          `an acronym used ${use.offsets.length} times is not in the glossary: define it in glossary.yml (ACRONYM: meaning) beside review.yml`,
          use.acronym);
      }
    }
  },
);
