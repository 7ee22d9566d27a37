/**
 * The word lists behind the anonymisation rules (`src/rules/anon/data/*.txt`): plain text, one entry a
 * line, `#` comments. Read once, on first use. They are data so a CSP can extend them without code.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The data folder: beside this module in the source tree, or found upwards from the compiled file. */
function dataDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  const near = path.join(dir, 'data');
  if (existsSync(path.join(near, 'given-names.txt'))) return near;
  for (let i = 0; i < 6; i++) {
    const c = path.join(dir, 'src', 'rules', 'anon', 'data');
    if (existsSync(path.join(c, 'given-names.txt'))) return c;
    dir = path.dirname(dir);
  }
  throw new Error('src/rules/anon/data not found next to the dhr installation');
}

const cache = new Map<string, string[]>();

/** The entries of one list, trimmed, comments (`# …`) and blank lines dropped, in file order. */
export function dataList(name: string): string[] {
  let list = cache.get(name);
  if (!list) {
    const text = readFileSync(path.join(dataDir(), `${name}.txt`), 'utf8');
    list = text.split(/\r?\n/).map((l) => l.replace(/\s+#\s.*$/, '').trim()).filter((l) => l !== '' && !l.startsWith('#'));
    cache.set(name, list);
  }
  return list;
}

let sets: AnonData | undefined;

export interface AnonData {
  /** Given names, exactly as capitalised ("Sarah"). */
  givenNames: Set<string>;
  /** Common English words, lower case. */
  commonWords: Set<string>;
  /** Common words that are also common surnames, lower case. */
  surnameWords: Set<string>;
  /** Titles and ranks, as written ("Mrs", "PC"). */
  titles: string[];
  /** Street types, as written ("Close", "Rd"). */
  streetTypes: string[];
  /** Practitioner roles, as written. */
  roles: string[];
  /** Every word of every role, lower case. */
  roleWords: Set<string>;
}

export function anonData(): AnonData {
  if (!sets) {
    const roles = dataList('roles');
    const roleWords = new Set<string>();
    for (const r of roles) for (const w of r.toLowerCase().split(/[^a-z&]+/)) if (w) roleWords.add(w);
    sets = {
      givenNames: new Set(dataList('given-names')),
      commonWords: new Set(dataList('common-words')),
      surnameWords: new Set(dataList('surname-words')),
      titles: dataList('titles'),
      streetTypes: dataList('street-types'),
      roles,
      roleWords,
    };
  }
  return sets;
}
