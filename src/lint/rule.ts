/**
 * What a rule is. Each rule is one module in `src/rules/<tag>/<name>.ts` exporting a `Rule`,
 * with its documentation beside it (`<name>.md`: what, why with the guidance it comes from, a
 * wrong and a right example) and its cases (`<name>.test.ts`, using `test/support/rule-tester.ts`).
 */
import type { Finding, Review, ReviewMeta, Severity, SourceFile, Span } from '../review/model.js';
import type { Config } from './config.js';
import type { Profile } from './profile.js';
import type { IdentityRegister } from './identities.js';
import type { PrintGuard } from '../review/safe.js';

export type Tag = 'anon' | 'smart' | 'process' | 'report' | 'chronology' | 'format' | 'schema' | 'security' | 'lint';

export const TAGS: readonly Tag[] = ['anon', 'smart', 'process', 'report', 'chronology', 'format', 'schema', 'security', 'lint'];

export interface RuleMeta {
  /** Fixed id, `<tag>/<name>`, e.g. `anon/nhs-number`. */
  id: string;
  tag: Tag;
  /** Default severity; config may change it or switch the rule off. */
  severity: Severity;
  /** One line: what the rule checks (SARIF short description, `--help` lists). */
  description: string;
  /** True when a `type: learning-review` does not need this rule (protocol §5). */
  skipForLearningReview?: boolean;
}

export interface RuleContext {
  review: Review;
  /** review.yml data when it loaded as a mapping (may still have schema errors). */
  meta?: ReviewMeta;
  config: Config;
  profile: Profile;
  /** The identity register, when one was given or found. */
  identities?: IdentityRegister;
  /** Today in Europe/London (ISO), or `--as-of`: for "future date" and "overdue" checks. */
  today: string;
  /**
   * What a message may quote (src/review/safe.ts): ids, references and pseudonyms are checked
   * against the register and common given names with it before they are printed.
   */
  guard: PrintGuard;
  /**
   * Reports a finding. `value` is the sensitive text found: it never goes into `message`
   * and is printed only with `--show-values`. `severity` overrides the rule's default for this
   * finding (a rule whose findings escalate, e.g. warning once submitted, error once published);
   * config severities still apply over it.
   */
  report(file: SourceFile | string, span: Span, message: string, value?: string, severity?: Severity): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
  /**
   * Work the rule can start before any rule runs, to be taken up by its `check` (the duplicate
   * search of a large chronology starts on another thread). It reports nothing.
   */
  prepare?(ctx: RuleContext): void;
}

export function defineRule(meta: RuleMeta, check: (ctx: RuleContext) => void, prepare?: (ctx: RuleContext) => void): Rule {
  return prepare ? { meta, check, prepare } : { meta, check };
}

/** Where rule documentation is published; SARIF helpUri and `dhr lint --help` point here. */
export const DOCS_BASE = 'https://github.com/dhr-reviews/dhr/blob/main/src/rules/';

export function docsUrl(ruleId: string): string {
  return `${DOCS_BASE}${ruleId}.md`;
}

export type { Finding };
