import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { prepareReview, runRules } from '../../../test/support/rule-tester.js';
import { identitiesCommitted } from './identities-committed.js';

const REGISTER = 'people:\n  - pseudonym: Adult A\n    names: [ "Joanna Whitby" ]\n    identifiers: [ "07700 900123" ]\n';

/** A review repository in a temporary folder (`<tmp>/reviews/DHR-2024-03`), with a git index. */
function repo(files: Record<string, string>, track: string[]): { root: string; dir: string } {
  const dir = prepareReview({});
  const root = path.dirname(path.dirname(dir));
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  }
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', '--', ...track], { cwd: root });
  return { root, dir };
}

const found = (dir: string) => runRules(dir, [identitiesCommitted]).filter((f) => f.ruleId === 'security/identities-committed')
  .map((f) => `${f.file}:${f.line}:${f.column}`);

describe('security/identities-committed', () => {
  it('valid: the example, in a repository where the register is ignored (doc right example)', () => {
    const { dir } = repo({ '.gitignore': '.dhr/identities*\n', '.dhr/identities.yml': REGISTER }, ['.gitignore', 'reviews']);
    expect(found(dir)).toEqual([]);
  });

  it('valid: outside a git repository there is nothing to check', () => {
    expect(found(prepareReview({}))).toEqual([]);
  });

  it('valid: a YAML file with a people: list that is not a register', () => {
    const { dir } = repo({ 'contacts.yml': 'people:\n  - { role: chair, phone: none }\n' }, ['.']);
    expect(found(dir)).toEqual([]);
  });

  it('invalid: .dhr/identities.yml tracked (doc wrong example)', () => {
    const { dir } = repo({ '.dhr/identities.yml': REGISTER }, ['.']);
    const f = runRules(dir, [identitiesCommitted]);
    expect(found(dir)).toEqual(['../../.dhr/identities.yml:1:1']);
    expect(f[0].message).toContain('tracked by git');
    expect(f[0].message).not.toContain('Joanna');
  });

  it('invalid: a register under another name, found by its people: list, and one named identities-old.yaml', () => {
    const { dir } = repo({ 'notes/people.yml': REGISTER, 'reviews/DHR-2024-03/identities-old.yaml': 'x: 1\n' }, ['.']);
    expect(found(dir).sort()).toEqual(['../../notes/people.yml:1:1', 'identities-old.yaml:1:1']);
  });

  it('invalid: a repository file is reported by the first review only', () => {
    const { root, dir } = repo({ '.dhr/identities.yml': REGISTER }, ['.']);
    const second = path.join(root, 'reviews', 'DHR-2025-01');
    execFileSync('cp', ['-r', dir, second]);
    execFileSync('git', ['add', '.'], { cwd: root });
    expect(found(dir)).toEqual(['../../.dhr/identities.yml:1:1']);
    expect(found(second)).toEqual([]);
  });
});
