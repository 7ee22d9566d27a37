/**
 * What the pattern rules share: the allowed terms of a review (profile and config), and a factory
 * that turns one kind of the shared scan (patterns.ts) into a rule reporting each match at its
 * exact position, with the found text as the finding's `value`, never in its message.
 */
import { defineRule, type Rule, type RuleContext, type RuleMeta } from '../../lint/rule.js';
import { anonData, dataList } from './data.js';
import type { PatternKind, PatternMatch } from './patterns.js';
import { patternMatches, reviewTexts, spanAt, type TextFile } from './text.js';

/** Terms that are never personal data here: profile `allowed_terms` plus config `allowed_terms`. */
export function allowedTerms(ctx: RuleContext): string[] {
  return [...(ctx.profile?.allowed_terms ?? []), ...(ctx.config?.allowed_terms ?? [])].filter((t) => typeof t === 'string' && t.trim() !== '');
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** True when the found text is an allowed term or a published national contact (compared loosely). */
export function isAllowedValue(ctx: RuleContext, kind: PatternKind, value: string): boolean {
  const terms = allowedTerms(ctx);
  if (kind === 'phone' || kind === 'nhs-number') {
    const d = digitsOf(value).replace(/^44/, '0');
    const listed = [...dataList('public-contacts'), ...terms].map((t) => digitsOf(t).replace(/^44/, '0')).filter((t) => t.length >= 6);
    return listed.includes(d);
  }
  const v = value.trim().toLowerCase();
  return terms.some((t) => t.trim().toLowerCase() === v) || dataList('public-contacts').some((t) => t.toLowerCase() === v);
}

/**
 * Each match of one kind in every text file of the review, with its file context. The scan reads
 * what a reader reads (normalise.ts); positions are in the file as written.
 */
export function* matchesOf(ctx: RuleContext, kind: PatternKind): Generator<{ tf: TextFile; m: PatternMatch }> {
  for (const tf of reviewTexts(ctx.review)) {
    for (const m of patternMatches(tf.file)) if (m.kind === kind) yield { tf, m };
  }
}

/** A rule that reports every match of one pattern kind, except allowed values. */
export function patternRule(meta: Omit<RuleMeta, 'tag'>, kind: PatternKind, message: string): Rule {
  return defineRule({ ...meta, tag: 'anon' }, (ctx) => {
    anonData();
    for (const { tf, m } of matchesOf(ctx, kind)) {
      const value = tf.file.text.slice(m.start, m.end);
      if (isAllowedValue(ctx, kind, value)) continue;
      ctx.report(tf.file, spanAt(tf.file, m.start, m.end), message, value);
    }
  });
}
