/** chronology/date: every chronology date can be read, is a real date and is not in the future. */
import { defineRule } from '../../lint/rule.js';
import { parseChronologyDate } from '../../dates/index.js';

export const dateRule = defineRule(
  {
    id: 'chronology/date',
    tag: 'chronology',
    severity: 'error',
    description: 'unparseable, impossible or future date in a chronology',
  },
  (ctx) => {
    for (const table of ctx.review.chronologies.values()) {
      for (const row of table.rows) {
        const cell = row.cells.date;
        // An empty or missing date is a schema/chronology error already.
        if (!cell || cell.value.trim() === '') continue;
        const res = parseChronologyDate(cell.value);
        if (!res.ok) {
          ctx.report(table.file, cell, `The date cannot be used: ${res.error}. Dates are never guessed: check the agency's record.`, cell.value);
        } else if (res.date.start > ctx.today) {
          ctx.report(table.file, cell,
            `The date ${res.date.iso} is in the future (today is ${ctx.today}): check for a typing error, usually in the year.`);
        }
      }
    }
  },
);
