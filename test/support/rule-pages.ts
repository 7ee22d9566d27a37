/**
 * Rule pages as executable examples (after remark-lint's docs): each rule's page
 * `src/rules/<tag>/<name>.md` has a "Wrong" and a "Right" section, and every fenced example in
 * them names the file of the example review it stands for, in its info string:
 *
 *   ```<lang> <target> [<edit>]
 *
 * `<target>` is a path relative to the review folder (`review.yml`, `imrs/police.md`,
 * `chronologies/police.csv`, `action-plan.csv`, `overview-report.md`, …), or `.dhr/identities.yml`
 * for the private identity register the example is linted with (a small register, fictional).
 * `<edit>` says how the example goes into that file:
 *
 *   (none)            the example is the whole file (created, or replacing the example's)
 *   append            added at the end of the file, after a blank line
 *   merge             YAML: each key set in the file (mappings merged key by key; lists, values and null replaced)
 *   rows              CSV: the header must be the file's; each row replaces the file's row with the same id, or is added
 *   front-matter      Markdown: the example (`---` … `---`) replaces the file's front matter
 *   section           Markdown: the example replaces the section of its first heading (up to the next heading
 *   section="Title"   of the same or a higher level); with a title, the section of that heading (a rename)
 *   lines             the file's lines from the example's first line to its last are replaced by the example
 *
 * A `hex` example is the file's bytes, written in hexadecimal (a binary file). A fence with no target is output or prose (allowed only as `text` or with no language). In a
 * section, `<!-- example: delete <path> -->` removes a file or folder of the example; all the
 * examples and deletions of one section make one case. An example that cannot run in memory
 * says `<!-- example: not executable: <reason> -->` (one line) in its section; before the Wrong
 * section, the comment covers the whole page.
 */
import { parseDocument, parse as parseYaml, isMap } from 'yaml';
import type { Case, Edit } from './rule-tester.js';
import type { IdentityRegister } from '../../src/lint/identities.js';

export const REGISTER_TARGET = '.dhr/identities.yml';
const EDITS = ['append', 'merge', 'rows', 'front-matter', 'section', 'lines'] as const;
type EditKind = (typeof EDITS)[number] | 'file';

export interface Example {
  lang: string;
  target: string;
  edit: EditKind;
  /** `section="Title"`: the heading whose section is replaced. */
  arg?: string;
  text: string;
  /** 1-based line of the opening fence in the page. */
  line: number;
}

export interface ExampleSection {
  /** `Wrong` or `Right`. */
  kind: 'Wrong' | 'Right';
  heading: string;
  examples: Example[];
  deletes: string[];
  /** Fences without a target (output, file listings). */
  others: Array<{ lang: string; text: string; line: number }>;
  /** Problems with the section's examples themselves (a bad info string, an unknown edit). */
  problems: string[];
  /** `<!-- example: not executable: reason -->` inside this section: this example only. */
  notExecutable?: string;
}

export interface RulePage {
  title: string;
  /** The first line after the title (`**Default:** error · **Tag:** anon`). */
  header: string;
  sections: ExampleSection[];
  /** `<!-- example: not executable: reason -->` before the Wrong section: the whole page. */
  notExecutable?: string;
}

const FENCE = /^(`{3,}|~{3,})(.*)$/;

export function parsePage(text: string): RulePage {
  const lines = text.split('\n');
  const title = lines.find((l) => l.startsWith('# ')) ?? '';
  const header = lines.slice(lines.indexOf(title) + 1).find((l) => l.trim() !== '') ?? '';
  let notExecutable: string | undefined;
  const sections: ExampleSection[] = [];
  let cur: ExampleSection | undefined;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    const fence = FENCE.exec(l);
    if (fence) {
      const close = fence[1];
      const body: string[] = [];
      let j = i + 1;
      while (j < lines.length && !(lines[j].startsWith(close) && lines[j].slice(close.length).trim() === '')) body.push(lines[j++]);
      const info = fence[2].trim();
      if (cur) addBlock(cur, info, body.join('\n') + '\n', i + 1);
      i = j;
      continue;
    }
    const h = /^## (.*)$/.exec(l);
    if (h) {
      const kind = /^(Wrong|Right)\b/.exec(h[1])?.[1] as 'Wrong' | 'Right' | undefined;
      cur = kind ? { kind, heading: h[1], examples: [], deletes: [], others: [], problems: [] } : undefined;
      if (cur) sections.push(cur);
      continue;
    }
    const del = /<!--\s*example:\s*delete\s+(\S+)\s*-->/.exec(l);
    if (del && cur) cur.deletes.push(del[1]);
    const ne = /<!--\s*example:\s*not executable:\s*(.*?)\s*-->/.exec(l);
    if (ne && cur) cur.notExecutable = ne[1];
    else if (ne && sections.length === 0) notExecutable = ne[1];
  }
  return { title, header, sections, ...(notExecutable !== undefined ? { notExecutable } : {}) };
}

function addBlock(s: ExampleSection, info: string, text: string, line: number): void {
  const words = info.match(/[^\s"=]+="[^"]*"|"[^"]*"|\S+/g) ?? [];
  const [lang = '', target, edit0, ...rest] = words;
  if (!target) {
    s.others.push({ lang, text, line });
    return;
  }
  if (rest.length) s.problems.push(`line ${line}: too many words in the info string "${info}"`);
  let edit: EditKind = 'file';
  let arg: string | undefined;
  if (edit0) {
    const m = /^([a-z-]+)(?:="([^"]*)")?$/.exec(edit0);
    if (!m || !(EDITS as readonly string[]).includes(m[1])) s.problems.push(`line ${line}: unknown edit "${edit0}" (one of ${EDITS.join(', ')})`);
    else {
      edit = m[1] as EditKind;
      arg = m[2];
    }
  }
  s.examples.push({ lang, target, edit, ...(arg !== undefined ? { arg } : {}), text, line });
}

/** Folds one example into a text of the example review. */
export function applyExample(ex: Example, old: string | undefined): string {
  const need = (): string => {
    if (old === undefined) throw new Error(`${ex.target}: the example review has no such file for "${ex.edit}"`);
    return old;
  };
  switch (ex.edit) {
    case 'file':
      return ex.text;
    case 'append':
      return `${need().replace(/\s*$/, '')}\n\n${ex.text}`;
    case 'merge':
      return mergeYaml(need(), ex.text);
    case 'rows':
      return mergeRows(need(), ex.text, ex.target);
    case 'front-matter': {
      const t = need();
      const fm = /^---\r?\n[\s\S]*?\r?\n---\r?\n/.exec(t);
      if (!fm) throw new Error(`${ex.target} has no front matter`);
      if (!/^---\n[\s\S]*\n---\n$/.test(ex.text)) throw new Error(`${ex.target}: a front-matter example is --- … --- and nothing else`);
      return ex.text + t.slice(fm[0].length);
    }
    case 'section':
      return replaceSection(need(), ex);
    case 'lines': {
      const t = need().split('\n');
      const body = ex.text.replace(/\n$/, '').split('\n');
      const start = t.indexOf(body[0]);
      const end = start < 0 ? -1 : t.indexOf(body[body.length - 1], start + 1);
      if (start < 0 || end < 0) throw new Error(`${ex.target}: the example's first and last lines are not both in the file`);
      return [...t.slice(0, start), ...body, ...t.slice(end + 1)].join('\n');
    }
  }
}

/** A `hex` example is the file's bytes, e.g. an image's signature or text in another encoding. */
function fromHex(text: string): Uint8Array {
  const bytes = text.trim().split(/\s+/).map((h) => Number.parseInt(h, 16));
  if (bytes.some((b) => !(b >= 0 && b <= 0xff))) throw new Error('a hex example is bytes 00 to ff');
  return Uint8Array.from(bytes);
}

function mergeYaml(old: string, text: string): string {
  const doc = parseDocument(old);
  const add = parseYaml(text) as unknown;
  if (add === null || typeof add !== 'object' || Array.isArray(add)) throw new Error('a merge example is a YAML mapping');
  const walk = (at: Array<string | number>, v: unknown) => {
    const here = doc.getIn(at);
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && isMap(here)) {
      for (const [k, w] of Object.entries(v)) walk([...at, k], w);
    } else doc.setIn(at, v);
  };
  for (const [k, v] of Object.entries(add)) walk([k], v);
  return doc.toString();
}

/** Splits CSV text into records (a newline inside quotes stays in its record). */
function records(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      out.push(text.slice(start, i).replace(/\r$/, ''));
      start = i + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

function mergeRows(old: string, text: string, target: string): string {
  const have = records(old);
  const add = records(text).filter((r) => r !== '');
  if (add[0] !== have[0]) throw new Error(`${target}: a rows example starts with the file's own header:\n${have[0]}`);
  const idOf = (r: string) => r.split(',')[0];
  for (const row of add.slice(1)) {
    const at = have.findIndex((r, i) => i > 0 && r !== '' && idOf(r) === idOf(row));
    if (at >= 0) have[at] = row;
    else {
      while (have.length > 1 && have[have.length - 1] === '') have.pop();
      have.push(row);
    }
  }
  return have.join('\n').replace(/\n*$/, '\n');
}

function replaceSection(old: string, ex: Example): string {
  const body = ex.text.replace(/\n*$/, '\n');
  const first = /^(#{1,6}) (.+)$/m.exec(body);
  const title = (ex.arg ?? first?.[2] ?? '').trim().toLowerCase();
  if (!title) throw new Error(`${ex.target}: a section example starts with a heading`);
  const lines = old.split('\n');
  let fenced = false;
  const headings: Array<{ i: number; level: number; text: string }> = [];
  lines.forEach((l, i) => {
    if (/^(`{3,}|~{3,})/.test(l)) fenced = !fenced;
    const h = fenced ? null : /^(#{1,6}) (.+?)\s*#*\s*$/.exec(l);
    if (h) headings.push({ i, level: h[1].length, text: h[2].trim().toLowerCase() });
  });
  const k = headings.findIndex((h) => h.text === title);
  if (k < 0) throw new Error(`${ex.target} has no heading "${title}"`);
  const h = headings[k];
  const next = headings.slice(k + 1).find((n) => n.level <= h.level);
  const end = next ? next.i : lines.length;
  return [...lines.slice(0, h.i), ...body.split('\n').slice(0, -1), ...(next ? [''] : []), ...lines.slice(end)].join('\n');
}

/** The case one Wrong or Right section stands for: its edits, deletions and register. */
export function caseOf(s: ExampleSection): Omit<Case, 'name' | 'errors'> {
  const files: Record<string, Edit> = {};
  // deletions first: an example may put a file back into a folder the section empties, or put a
  // file where a folder was (the key then takes a trailing "/", which the tester reads as the same path)
  const targets = new Set(s.examples.map((ex) => ex.target));
  for (const d of s.deletes) files[targets.has(d) ? `${d}/` : d] = null;
  let identities: IdentityRegister['people'] | undefined;
  const byTarget = new Map<string, Example[]>();
  for (const ex of s.examples) {
    if (ex.target === REGISTER_TARGET) {
      identities = (parseYaml(ex.text) as { people: IdentityRegister['people'] }).people;
      continue;
    }
    byTarget.set(ex.target, [...(byTarget.get(ex.target) ?? []), ex]);
  }
  for (const [target, exs] of byTarget) {
    const fold = (old: string | undefined) => exs.reduce<string>((t: string | undefined, ex) => applyExample(ex, t), old as string);
    if (exs[0].lang === 'hex') {
      if (exs.length > 1 || exs[0].edit !== 'file') throw new Error(`${target}: a hex example is a whole file, alone`);
      files[target] = fromHex(exs[0].text);
    } else {
      // a whole-file example may add a file the example review does not have
      files[target] = exs[0].edit === 'file' ? fold(undefined) : (old: string) => fold(old);
    }
  }
  return { files, ...(identities ? { identities } : {}) };
}
