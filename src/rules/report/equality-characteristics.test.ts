import { ruleCases } from '../../../test/support/rule-tester.js';
import { equalityCharacteristics } from './equality-characteristics.js';

const OVERVIEW = 'overview-report.md';
// the example's equality section: its heading is line 129, its text lines 131–136
const section = (body: string) => (t: string) => t.replace(/(## Equality and diversity\n\n)[^]*?(\n## Dissemination)/, `$1${body}\n$2`);

ruleCases(equalityCharacteristics, {
  valid: [
    { name: 'the example review (all nine considered)' },
    {
      name: 'doc right example',
      files: {
        [OVERVIEW]: section('The panel considered each of the nine protected characteristics under the Equality Act 2010. Sex\n'
          + 'is the most relevant: Adult A was a woman killed by a former partner. Her depression was\n'
          + 'considered as a possible disability. There was no evidence that age, race, religion or belief,\n'
          + 'sexual orientation, gender reassignment, marriage or civil partnership, or pregnancy and\n'
          + 'maternity affected the services she received.\n'),
      },
    },
    { name: 'no equality section: left to report/required-section', files: { [OVERVIEW]: (t) => t.replace('## Equality and diversity', '## Other matters') } },
  ],
  invalid: [
    {
      name: 'doc wrong example: only sex considered',
      files: { [OVERVIEW]: section('Sex is the most relevant characteristic: Adult A was a woman killed by a former partner.\n') },
      errors: [{ file: OVERVIEW, line: 129, column: 1, message: '1 of the 9 protected characteristics' }],
    },
    {
      name: 'a heading worded "Equalities" is recognised; the missing ones are named',
      files: {
        [OVERVIEW]: (t) => section('Age, disability, race, religion, sex and sexuality were considered.\n')(t).replace('## Equality and diversity', '## 9. Equalities'),
      },
      errors: [{ file: OVERVIEW, line: 129, column: 1, message: 'gender reassignment, marriage and civil partnership and pregnancy and maternity were considered' }],
    },
  ],
});
