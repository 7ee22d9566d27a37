import { ruleCases } from '../../../test/support/rule-tester.js';
import { duplicateRule } from './duplicate.js';

const HEADER = 'id,date,time,agency,subject,source,event,action,practitioner,key_event,comment\n';
const MARAC = '"MARAC meeting heard the case. Actions: police warning marker, sanctuary scheme and referral to the IDVA service."';

ruleCases(duplicateRule, {
  valid: [
    { name: 'the example review' },
    // The doc's right example: same day, different people or different events.
    {
      name: 'same day but different people, different text or times far apart',
      files: {
        'chronologies/probation.csv': HEADER
          + `1,2022-03-17,,probation,Adult B,MARAC minutes,${MARAC},,Probation officer,no,\n`
          + '2,2022-03-17,09:00,probation,Adult B,Case note,Adult B reported to the office as required.,,Probation officer,no,\n'
          + '3,2022-03-17,16:30,probation,Adult B,Case note,Adult B reported to the office as required.,,Probation officer,no,\n',
        'chronologies/ambulance.csv': HEADER
          + `1,2022-03-17,,ambulance,Adult A,MARAC minutes,${MARAC},,Paramedic,no,\n`
          + '2,2022-03-17,,ambulance,Adult B,Call record,A call about chest pain was handed to the GP out-of-hours service.,,Call handler,no,\n',
      },
    },
    {
      name: 'a lower threshold in config still needs the same date',
      config: { chronology: { gap_days: 180, duplicate_similarity: 0.5 } },
      files: {
        chronologies: null,
        'chronologies/probation.csv': HEADER + `1,2022-03-16,,probation,Adult A,MARAC minutes,${MARAC},,Probation officer,no,\n`,
        'chronologies/ambulance.csv': HEADER + `1,2022-03-17,,ambulance,Adult A,MARAC minutes,${MARAC},,Paramedic,no,\n`,
      },
    },
  ],
  invalid: [
    // The doc's wrong example.
    {
      name: 'the same MARAC meeting copied by two agencies, slightly reworded',
      files: {
        'chronologies/probation.csv': HEADER
          + `1,2022-03-17,,probation,Adult A;Adult B,MARAC minutes,${MARAC},,Probation officer,no,\n`,
        'chronologies/ambulance.csv': HEADER
          + '1,17/03/2022,,ambulance,Adult A,MARAC minutes,"MARAC meeting heard the case; actions: police warning marker, sanctuary scheme, and a referral to the IDVA service.",,Paramedic,no,\n',
      },
      errors: [{ file: 'chronologies/probation.csv', line: 2, column: 55, message: 'same event as ambulance#1' }],
    },
    {
      name: 'the same row twice in one file (untimed rows, both without subjects)',
      files: {
        'chronologies/probation.csv': HEADER
          + '1,2022-04,,probation,,Case note,Home visit made; nobody was in.,,Probation officer,no,\n'
          + '2,2022-04-02,,probation,,Case note,Home visit made; nobody was in.,,Probation officer,no,\n'
          + '3,2022-04,,probation,,Case note,\"Home visit made, nobody was in\",,Probation officer,no,\n'
          + '4,2022-04,,probation,,Case note,Home visit made: nobody was in!,,Probation officer,no,\n',
      },
      errors: [
        { file: 'chronologies/probation.csv', line: 4, column: 33, message: 'same event as probation#1 earlier in this chronology' },
        { file: 'chronologies/probation.csv', line: 5, column: 33, message: 'same event as probation#1' },
      ],
    },
    {
      name: 'times within the hour are the same event (the later time is reported)',
      files: {
        'chronologies/probation.csv': HEADER + '1,2022-05-01,22:35,probation,Adult A,Call,Adult A called to say Adult B was outside.,,Officer,no,\n',
        'chronologies/ambulance.csv': HEADER + '1,2022-05-01,22:50,ambulance,Adult A,Call,Adult A called to say Adult B was outside.,,Call handler,no,\n',
      },
      errors: [{ file: 'chronologies/ambulance.csv', line: 2, column: 43, message: 'same event as probation#1' }],
    },
  ],
});
