import { readFileSync } from 'node:fs';
import path from 'node:path';
import { prepareReview, ruleCases } from '../../../test/support/rule-tester.js';
import { gapRule } from './gap.js';

const HEADER = 'id,date,time,agency,subject,source,event,action,practitioner,key_event,comment\n';
const chron = (agency: string, ...dates: string[]) =>
  HEADER + dates.map((d, i) => `${i + 1},${d},,${agency},Adult A,Case note,Contact with Adult A.,,Worker,no,\n`).join('');
const period = (from: string, to: string) => ({ 'terms_of_reference.period.from': from, 'terms_of_reference.period.to': to });

ruleCases(gapRule, {
  valid: [
    { name: 'the example review' },
    // The doc's right example: contacts never more than 180 days apart, counting every agency.
    {
      name: 'contact at least every 180 days across agencies',
      review: period('2020-01-01', '2021-06-30'),
      files: {
        chronologies: null,
        'chronologies/police.csv': chron('police', '2020-01-10', '2020-12-01'),
        'chronologies/icb.csv': chron('icb', '2020-06-20', '2021-05-01'),
      },
    },
    {
      name: 'an approximate month covers its whole month',
      review: period('2020-01-01', '2020-12-31'),
      files: { chronologies: null, 'chronologies/icb.csv': chron('icb', '2020-01-05', '2020-06', '2020-12-20') },
    },
    {
      name: 'a longer threshold in config',
      config: { chronology: { gap_days: 400, duplicate_similarity: 0.85 } },
      review: period('2020-01-01', '2021-06-30'),
      files: { chronologies: null, 'chronologies/icb.csv': chron('icb', '2020-01-05', '2021-01-20', '2021-06-01') },
    },
  ],
  invalid: [
    // The doc's wrong example.
    {
      name: 'nine months with no contact in the middle of the period',
      review: period('2020-01-01', '2021-06-30'),
      files: {
        chronologies: null,
        'chronologies/police.csv': chron('police', '2020-01-10', '2021-03-01'),
        'chronologies/icb.csv': chron('icb', '2020-06-01', '2021-06-20'),
      },
      errors: [{ file: 'chronologies/police.csv', line: 3, column: 3, message: 'No agency had contact for 273 days' }],
    },
    {
      name: 'silence at the start and at the end of the period',
      review: period('2019-01-01', '2021-12-31'),
      files: { chronologies: null, 'chronologies/icb.csv': chron('icb', '2020-01-10', '2020-05-01') },
      errors: [
        { file: 'chronologies/icb.csv', line: 2, column: 3, message: 'from the start of the review period (2019-01-01)' },
        { file: 'review.yml', line: periodToLine(period('2019-01-01', '2021-12-31')), message: 'to the end of the review period (2021-12-31)' },
      ],
    },
    {
      name: 'rows outside the period do not close a gap',
      review: period('2020-01-01', '2020-12-31'),
      files: { chronologies: null, 'chronologies/icb.csv': chron('icb', '2018-05-01', '2020-01-02', '2020-11-01', '2021-03-01') },
      errors: [{ file: 'chronologies/icb.csv', line: 4, column: 3, message: '304 days' }],
    },
  ],
});

/** The line of terms_of_reference.period.to in review.yml as the case rewrites it. */
function periodToLine(edits: Record<string, unknown>): number {
  const dir = prepareReview({ review: edits });
  const lines = readFileSync(path.join(dir, 'review.yml'), 'utf8').split('\n');
  const i = lines.findIndex((l) => /\bto: ['"]?2021-12-31/.test(l));
  if (i < 0) throw new Error('period.to not found in review.yml');
  return i + 1;
}
