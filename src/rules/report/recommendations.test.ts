import { describe, expect, it } from 'vitest';
import { parseMarkdown } from '../../review/markdown.js';
import { sourceFromText } from '../../review/source.js';
import { recommendationItems } from './recommendations.js';

const doc = (text: string) => parseMarkdown(sourceFromText('/tmp/r.md', text)).doc;

describe('recommendationItems', () => {
  it('reads bold ids, positions and whitespace-normalised text', () => {
    const md = '# Title\n\n## 19. Recommendations\n\nThe panel recommends:\n\n'
      + '1. **R1** (local) The police   should\n   act *now*.\n'
      + '2. **R2:** Second[^1] one.\n\n   - a sub-point\n'
      + '3. R3 without bold\n\n## Appendix\n\n- **R9** not a recommendation\n\n[^1]: A note.\n';
    const items = recommendationItems(doc(md))!;
    expect(items.map((r) => r.id)).toEqual(['R1', 'R2', undefined]);
    expect(items[0]).toMatchObject({ number: 1, text: '(local) The police should act now.', idSpan: { line: 7, column: 4 }, span: { line: 7, column: 1 } });
    expect(items[1].text).toBe('Second one. a sub-point');
    expect(items[2].text).toBe('R3 without bold');
  });

  it('is undefined without a Recommendations section, and empty without a list', () => {
    expect(recommendationItems(doc('## Conclusions\n\n- **R1** x\n'))).toBeUndefined();
    expect(recommendationItems(doc('## Recommendations\n\nNone.\n'))).toEqual([]);
    expect(recommendationItems(undefined)).toBeUndefined();
  });
});
