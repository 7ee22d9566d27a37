import { describe, expect, it } from 'vitest';
import { runCaseInMemory } from '../../test/support/rule-tester.js';

const yamlFindings = (text: string) => runCaseInMemory({ files: { 'glossary.yml': text } }, [])
  .filter((f) => f.file === 'glossary.yml').map((f) => `${f.ruleId} ${f.line}:${f.column}`);

describe("the review's glossary.yml", () => {
  it('a syntax error (a quote never closed) is reported where the parser stops, not ignored', () => {
    expect(yamlFindings('IDVA: Independent Domestic Violence Adviser\nMARAC: "Multi-Agency Risk\n')).toEqual(['format/yaml 3:1']);
  });
  it('a list instead of a mapping is reported', () => {
    expect(yamlFindings('- IDVA\n- MARAC\n')).toEqual(['format/yaml 1:1']);
  });
  it('a good glossary gives no finding', () => {
    expect(yamlFindings('IDVA: Independent Domestic Violence Adviser\n')).toEqual([]);
  });
});
