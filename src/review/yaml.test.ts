import { describe, expect, it } from 'vitest';
import { readYaml } from './yaml.js';
import { sourceFromText } from './source.js';

const y = (text: string) => readYaml<Record<string, unknown>>(sourceFromText('/tmp/r.yml', text));

describe('YAML with positions', () => {
  it('points at values and keys of nested paths', () => {
    const { doc } = y('id: DHR-1\npanel:\n  - name: Pat\n    role: chair\n  - { name: Sam, agency: police }\n');
    expect(doc!.spanOf(['panel', 1, 'agency'])).toMatchObject({ line: 5, column: 26 });
    expect(doc!.spanOf(['panel', 0, 'role'], { key: true })).toMatchObject({ line: 4, column: 5 });
    expect(doc!.spanOf(['panel', 0, 'missing'])).toMatchObject({ line: 3, column: 5 });
  });

  it('keeps dates as strings', () => {
    expect(y('d: 2025-01-14\n').doc!.data.d).toBe('2025-01-14');
  });

  it('reports syntax errors at their line and column', () => {
    const { problems } = y('a: 1\nb: "unclosed\nc: 3\n');
    expect(problems).toHaveLength(1);
    expect(problems[0].line).toBeGreaterThanOrEqual(2);
  });

  it('refuses alias bombs', () => {
    const bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n';
    const { problems, doc } = y(bomb);
    expect(doc).toBeUndefined();
    expect(problems[0].message).toMatch(/could not be expanded|alias/i);
  });

  it('applies a line offset for front matter', () => {
    const { doc } = readYaml(sourceFromText('/tmp/x.md', ''), 'a: 1\nb: 2\n', 1);
    expect(doc!.spanOf(['b'])).toMatchObject({ line: 3, column: 4 });
  });
});
