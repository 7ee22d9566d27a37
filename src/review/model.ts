/**
 * The typed model of one review folder, as every rule, document and command sees it.
 *
 * Every value that came from a file keeps where it came from (a `Span`), so a rule can point at
 * the exact line and column. Types of the YAML data mirror the JSON Schemas in `schemas/`;
 * `test/schemas-types.test.ts` checks that they do not drift apart.
 */
import type { Root as MdRoot } from 'mdast';

/** 1-based line and column; `end*` is exclusive of the last character + 1, like unist. */
export interface Span {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Finding extends Span {
  ruleId: string;
  severity: Severity;
  /** Relative to the current directory, `/` separators. */
  file: string;
  /**
   * The path as printed, when `file` holds a registered name or identifier (a folder or file name
   * replaced by `name-withheld-<hash>`): see `shownFile()` in src/lint/formatters.
   */
  shownFile?: string;
  message: string;
  review?: string;
  /** The sensitive text found; printed only with `--show-values`, never in CI. */
  value?: string;
}

/** One file read from disk. `text` is decoded (UTF-8, BOM removed, or Windows-1252 decoded). */
export interface SourceFile {
  /** Absolute path. */
  path: string;
  /** Path relative to the current directory, `/` separators: what findings print. */
  rel: string;
  text: string;
  /** `utf-8`, `utf-8-bom`, `utf-16le`/`utf-16be` (with `-bom` when it had one) or the name of the encoding it was decoded from. */
  encoding: string;
}

/** A parsed YAML document with a way back to the position of any key or value. */
export interface YamlDoc<T = unknown> {
  file: SourceFile;
  data: T;
  /** Position of the value at `path` (or of its key with `key: true`); falls back to the nearest parent. */
  spanOf(path: ReadonlyArray<string | number>, opts?: { key?: boolean }): Span;
  /** Line offset when the YAML is embedded (front matter); already applied by spanOf. */
  lineOffset: number;
}

export interface CsvCell extends Span {
  value: string;
  /** Column name from the header (lower-cased, trimmed). */
  column_name: string;
}

export interface CsvRow {
  /** 1-based index among data rows (header excluded). */
  index: number;
  /** Line where the record starts. */
  line: number;
  endLine: number;
  cells: Record<string, CsvCell>;
  /** Cells in file order, including any beyond the header. */
  raw: CsvCell[];
  /** The row has the wrong number of cells (a `format/csv` finding); its cells may be shifted. */
  malformed?: boolean;
}

export interface CsvTable {
  file: SourceFile;
  header: CsvCell[];
  rows: CsvRow[];
}

export interface MarkdownDoc {
  file: SourceFile;
  /** mdast with positions (remark-parse + gfm + frontmatter). Front matter node removed. */
  tree: MdRoot;
  frontMatter?: YamlDoc<Record<string, unknown>>;
}

// ---- review.yml (mirrors schemas/review.schema.json) ----

export type ReviewType = 'dhr' | 'learning-review';
export type ReviewStatus =
  | 'considering' | 'not-proceeding' | 'in-progress' | 'submitted'
  | 'qa-feedback' | 'cleared' | 'published' | 'concluded';
export type AgencyKind =
  | 'police' | 'local-authority' | 'health' | 'probation' | 'specialist-domestic-abuse'
  | 'housing' | 'education' | 'csp' | 'other';
export type Involvement = 'imr' | 'chronology' | 'summary' | 'none';

/** ISO date string `YYYY-MM-DD` (YAML dates are read as strings, never as JS Dates). */
export type IsoDate = string;

export interface ReviewDates {
  death?: IsoDate | null;
  notification?: IsoDate | null;
  decision?: IsoDate | null;
  home_office_notified?: IsoDate | null;
  chair_appointed?: IsoDate | null;
  family_informed?: IsoDate | null;
  first_panel?: IsoDate | null;
  submitted?: IsoDate | null;
  qa_feedback?: IsoDate | null;
  qa_cleared?: IsoDate | null;
  published?: IsoDate | null;
  concluded?: IsoDate | null;
  /** Copy of the report sent to the Domestic Abuse Commissioner (2004 Act s.9(3B)–(3C)). */
  commissioner_sent?: IsoDate | null;
  /** Scoping review held (optional; proposed in the 2024 draft guidance). */
  scoping_review?: IsoDate | null;
}

export interface Extension {
  agreed_on: IsoDate;
  new_deadline: IsoDate;
  reason: string;
  home_office_informed?: IsoDate | null;
}

export interface Chair {
  name: string;
  organisation?: string | null;
  independence_statement?: string | null;
  csp_member?: boolean | null;
  home_office_training?: boolean | null;
}

export interface PanelMember {
  name: string;
  role: string;
  agency?: string | null;
  senior?: boolean;
  manages_involved_staff?: boolean;
  political_member?: boolean;
}

export interface Subject {
  pseudonym: string;
  role: string;
  age?: number | null;
  gender?: string | null;
  ethnicity?: string | null;
  relationship_to_victim?: string | null;
  care_and_support_needs?: boolean;
  sex?: 'female' | 'male' | 'not-known' | null;
  sexual_orientation?: string | null;
  religion?: string | null;
  previous_offending?: boolean | null;
  verdict?: 'murder' | 'manslaughter' | 'manslaughter-diminished-responsibility' | 'not-guilty' | 'no-trial' | 'other' | 'not-known' | null;
}

/** One point the Home Office QA panel raised, in the chair's words, and how it was answered. */
export interface QaPoint {
  id: string;
  summary: string;
  response?: string | null;
  resolved?: boolean;
}

/** The Home Office Quality Assurance panel's outcome. */
export interface QaOutcome {
  panel_date?: IsoDate | null;
  letter_date?: IsoDate | null;
  outcome?: 'cleared' | 'cleared-with-changes' | 'resubmit' | null;
  points?: QaPoint[] | null;
}

/** Facts of the death recorded on the Home Office data form. */
export interface DeathFacts {
  cause?: string | null;
  location?: 'public-place' | 'residential' | 'other' | 'not-known' | null;
  suicide?: boolean | null;
  victims?: number | null;
}

export interface FamilyContact {
  date: IsoDate;
  kind: string;
  with: string;
}

export interface Agency {
  id: string;
  name: string;
  statutory?: boolean;
  kind: AgencyKind;
  involvement: Involvement;
  represented_by?: string | null;
}

export interface ReviewMeta {
  id: string;
  type: ReviewType;
  title?: string;
  csp: string;
  lead_district: string;
  status: ReviewStatus;
  joint_with?: Array<'sar' | 'cspr' | 'mental-health'>;
  joint_review_considered?: boolean;
  dates: ReviewDates;
  extensions?: Extension[];
  criminal_proceedings?: { status: 'none' | 'ongoing' | 'concluded'; concluded_on?: IsoDate | null };
  chair?: Chair | null;
  panel?: PanelMember[];
  subjects: Subject[];
  family?: {
    advocacy_offered?: IsoDate | null;
    advocate?: string | null;
    contacts?: FamilyContact[];
  };
  terms_of_reference?: { period?: { from: IsoDate; to: IsoDate } | null } | null;
  agencies: Agency[];
  costs?: Record<string, number>;
  qa?: QaOutcome | null;
  area?: { region?: string | null; police_force_area?: string | null } | null;
  death?: DeathFacts | null;
  case_types?: string[] | null;
  abuse_types?: string[] | null;
}

/** Everything loaded from one review folder. Missing optional files are `undefined`. */
export interface Review {
  /** Absolute path of the review folder. */
  dir: string;
  /** Folder relative to cwd. */
  rel: string;
  /** `review.yml` id, or the folder name when review.yml is unusable. */
  id: string;
  /** Undefined when review.yml is missing or not a mapping (a finding says why). */
  meta?: YamlDoc<ReviewMeta>;
  termsOfReference?: MarkdownDoc;
  /** Keyed by agency id (the file name without `.csv`). */
  chronologies: Map<string, CsvTable>;
  /** Keyed by agency id (the file name without `.md`). */
  imrs: Map<string, MarkdownDoc>;
  actionPlan?: CsvTable;
  overviewReport?: MarkdownDoc;
  executiveSummary?: MarkdownDoc;
  /** `scoping-review.md`: optional (a scoping review is proposed in the 2024 draft guidance). */
  scopingReview?: MarkdownDoc;
  /** `qa/letter.md`: the Home Office QA panel's letter, kept with the review (optional). */
  qaLetter?: MarkdownDoc;
  /** `glossary.yml`: the review's own acronyms (a mapping `ACRONYM: expansion`), optional. */
  glossary?: YamlDoc<Record<string, unknown>>;
  family: MarkdownDoc[];
  /** Every file read, for rules that scan all text (anonymisation). */
  files: SourceFile[];
  /** Findings raised while loading: format/*, schema/*. */
  findings: Finding[];
}
