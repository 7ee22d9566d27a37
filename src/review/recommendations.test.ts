import { describe, expect, it } from 'vitest';
import { parseMarkdown } from './markdown.js';
import { sourceFromText } from './source.js';
import { comparableText, findRecommendation, firstDifference, labelKey, readLabel, recommendationItems, type RecommendationItem } from './recommendations.js';

const doc = (text: string) => parseMarkdown(sourceFromText('/tmp/r.md', text)).doc;
const ids = (items: RecommendationItem[] | undefined) => items?.map((r) => r.id);

describe('recommendationItems', () => {
  it('reads bold ids, positions and whitespace-normalised text', () => {
    const md = '# Title\n\n## 19. Recommendations\n\nThe panel recommends:\n\n'
      + '1. **R1** (local) The police   should\n   act *now*.\n'
      + '2. **R2:** Second[^1] one.\n\n   - a sub-point\n'
      + '3. R3 without bold\n\n## Appendix\n\n- **R9** not a recommendation\n\n[^1]: A note.\n';
    const items = recommendationItems(doc(md))!;
    expect(ids(items)).toEqual(['R1', 'R2', 'R3']);
    expect(items[0]).toMatchObject({ number: 1, text: '(local) The police should act now.', idSpan: { line: 7, column: 4 }, span: { line: 7, column: 1 } });
    expect(items[1].text).toBe('Second one. a sub-point');
    expect(items[2].text).toBe('without bold');
  });

  it('is undefined without a Recommendations section, and empty without a list', () => {
    expect(recommendationItems(doc('## Conclusions\n\n- **R1** x\n'))).toBeUndefined();
    expect(recommendationItems(doc('## Recommendations\n\nNone.\n'))).toEqual([]);
    expect(recommendationItems(undefined)).toBeUndefined();
  });

  it('reads labelled paragraphs, one per line run, with their lines', () => {
    const md = '## Recommendations\n\nThe panel makes these recommendations.\n\n'
      + 'Recommendation 1: The police should do one thing\nover two lines.\n'
      + 'Recommendation 2 – Health should do another.\n\nR3. A third, written as R3.\n';
    const items = recommendationItems(doc(md))!;
    expect(items.map((r) => [r.id, r.key, r.text, r.span.line, r.form])).toEqual([
      ['1', '1', 'The police should do one thing over two lines.', 5, 'paragraph'],
      ['2', '2', 'Health should do another.', 7, 'paragraph'],
      ['R3', '3', 'A third, written as R3.', 9, 'paragraph'],
    ]);
  });

  it('reads decimal labels under agency sub-headings inside "Conclusions and Recommendations"', () => {
    const md = '## 21. Conclusions and Recommendations\n\n21.1 The panel concluded that the death could not have been predicted.\n\n'
      + '### Recommendations\n\n#### Gloucestershire Constabulary\n\n21.10.1 The force should audit its stalking screening.\n\n'
      + '#### Health\n\n21.10.2 The ICB should review GP letters.\n\n21.10.3 The trust should add a question.\n';
    const items = recommendationItems(doc(md))!;
    expect(items.map((r) => [r.id, r.group])).toEqual([
      ['21.10.1', 'Gloucestershire Constabulary'], ['21.10.2', 'Health'], ['21.10.3', 'Health'],
    ]);
    expect(items[0].idSpan).toMatchObject({ line: 9, column: 1 });
  });

  it('reads the combined section from the paragraph that introduces the recommendations when there is no sub-heading', () => {
    const md = '## Conclusions and recommendations\n\n1.1 A conclusion, numbered.\n\nThe panel makes the following recommendations:\n\n(a) First.\n\n(b) Second.\n';
    expect(ids(recommendationItems(doc(md)))).toEqual(['a', 'b']);
  });

  it('reads a recommendations table: label column, text column and agency column', () => {
    const md = '## Recommendations\n\n| No. | Recommendation | Agency |\n| --- | --- | --- |\n'
      + '| a) | The force should act. | Police |\n| (b) | The ICB should act. | Health |\n';
    const items = recommendationItems(doc(md))!;
    expect(items.map((r) => [r.id, r.key, r.text, r.group, r.span.line])).toEqual([
      ['a', 'a', 'The force should act.', 'Police', 5], ['b', 'b', 'The ICB should act.', 'Health', 6],
    ]);
  });

  it('numbers the rows of a table without a label column, and reads a label at the start of the text', () => {
    const plain = recommendationItems(doc('## Recommendations\n\n| Recommendation | Lead |\n| --- | --- |\n| Do one. | Police |\n| Do two. | ICB |\n'))!;
    expect(plain.map((r) => [r.id, r.implicit])).toEqual([['1', true], ['2', true]]);
    const inText = recommendationItems(doc('## Recommendations\n\n| Recommendation |\n| --- |\n| R1 Do one. |\n| R2 Do two. |\n'))!;
    expect(inText.map((r) => [r.id, r.text])).toEqual([['R1', 'Do one.'], ['R2', 'Do two.']]);
  });

  it('reads sub-headings that are labels, and qualifies numbers that restart under each agency', () => {
    const md = '## Recommendations\n\n### Recommendation 1\n\nThe force should act.\n\n### Recommendation 2\n\nThe ICB should act.\n';
    expect(recommendationItems(doc(md))!.map((r) => [r.id, r.text, r.form])).toEqual([['1', 'The force should act.', 'heading'], ['2', 'The ICB should act.', 'heading']]);
    const restart = '## Recommendations\n\n### Police\n\n1. One.\n2. Two.\n\n### Health\n\n1. Three.\n';
    expect(ids(recommendationItems(doc(restart)))).toEqual(['Police 1', '2', 'Health 1']);
  });

  it('reads "Single agency recommendations" and "Multi-agency recommendations" sections alike', () => {
    const md = '## Multi-agency recommendations\n\n1. One.\n\n## Single agency recommendations\n\n### Police\n\nP1. Two.\n';
    expect(ids(recommendationItems(doc(md)))).toEqual(['1', 'P1']);
  });
});

describe('labels', () => {
  it('reads the styles of published reports', () => {
    expect(readLabel('R1 The police')).toMatchObject({ id: 'R1', key: '1' });
    expect(readLabel('R03: The police')).toMatchObject({ id: 'R3', key: '3' });
    expect(readLabel('Recommendation 12 – The police')).toMatchObject({ id: '12', key: '12', label: 'Recommendation 12' });
    expect(readLabel('4.1.12 The police')).toMatchObject({ id: '4.1.12' });
    expect(readLabel('(a) The police')).toMatchObject({ id: 'a', label: '(a)' });
    expect(readLabel('b) The police')).toMatchObject({ id: 'b' });
    expect(readLabel('(iv) The police')).toMatchObject({ id: 'iv' });
    expect(readLabel('Recommendations for the police')).toBeUndefined();
    expect(readLabel('A GP should')).toBeUndefined();
    expect(readLabel('The police should')).toBeUndefined();
  });
  it('gives the key a label written anywhere stands for', () => {
    expect(['R3', 'R03', '3', 'Recommendation 3', 'Rec. 3', '3.'].map(labelKey)).toEqual(['3', '3', '3', '3', '3', '3']);
    expect(labelKey('(c)')).toBe('c');
    expect(labelKey('see R6')).toBeUndefined();
  });
  it('finds the recommendation an action plan cell names', () => {
    const recs = recommendationItems(doc('## Recommendations\n\n21.10.1 One.\n\n21.10.2 Two.\n'))!;
    expect(findRecommendation(recs, '21.10.2')?.text).toBe('Two.');
    expect(findRecommendation(recs, 'Recommendation 21.10.1')?.text).toBe('One.');
    expect(findRecommendation(recs, '21.10.3')).toBeUndefined();
  });
});

describe('word for word', () => {
  it('evens out quotes, dashes, spaces and trailing punctuation', () => {
    expect(comparableText('The “police” — should  act; ')).toBe('The "police" - should act');
    expect(firstDifference('The police’s plan – now.', "The police's plan - now")).toBeUndefined();
    expect(firstDifference('one two three', 'one two four')).toBe(3);
    expect(firstDifference('one two', 'one two three')).toBe(3);
  });
});

describe('more published layouts', () => {
  it('reads a "Recommendation" column of numbers beside a column of text', () => {
    const md = '## Recommendations\n\n| Recommendation | Detail | Agency |\n| --- | --- | --- |\n| 1 | The force should act. | Police |\n| 2 | The ICB should act. | Health |\n';
    expect(recommendationItems(doc(md))!.map((r) => [r.id, r.text])).toEqual([['1', 'The force should act.'], ['2', 'The ICB should act.']]);
  });
  it('reads multi-agency and single-agency sub-headings whose numbering restarts', () => {
    const md = '## Recommendations\n\n### Multi-agency recommendations\n\n1. One.\n2. Two.\n\n### Single agency recommendations\n\n1. Three.\n';
    expect(ids(recommendationItems(doc(md)))).toEqual(['Multi-agency recommendations 1', '2', 'Single agency recommendations 1']);
  });
  it('reads recommendations nested under an agency list item', () => {
    const md = '## Recommendations\n\n1. Police\n\n   a) The force should act.\n   b) The force should audit.\n\n2. Health\n\n   - The ICB should act.\n';
    const items = recommendationItems(doc(md))!;
    expect(items.map((r) => [r.id, r.group, r.text])).toEqual([
      ['a', 'Police', 'The force should act.'], ['b', 'Police', 'The force should audit.'], [undefined, 'Health', 'The ICB should act.'],
    ]);
  });
});

describe('a labelled title with its text after it', () => {
  it('takes the paragraphs after a short labelled title as its text', () => {
    const md = '## Recommendations\n\n**Recommendation 1 – Police**\n\nThe force should audit its screening.\n\n**Recommendation 2 – Health**\n\nThe ICB should act.\n\n- on letters\n';
    expect(recommendationItems(doc(md))!.map((r) => [r.id, r.text])).toEqual([
      ['1', 'Police The force should audit its screening.'], ['2', 'Health The ICB should act. on letters'],
    ]);
  });
  it('leaves the paragraphs after a full recommendation alone', () => {
    const md = '## Recommendations\n\nR1 The force should audit its stalking screening every month.\n\nThis follows from the analysis.\n';
    expect(recommendationItems(doc(md))!.map((r) => r.text)).toEqual(['The force should audit its stalking screening every month.']);
  });
});
