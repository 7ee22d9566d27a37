import { ruleCases } from '../../../test/support/rule-tester.js';
import { at, replaced } from '../../../test/support/anon.js';
import { practitionerName } from './practitioner-name.js';

const ICB = 'chronologies/icb.csv';
const POLICE = 'chronologies/police.csv';
// icb row 1: "...No routine enquiry about domestic abuse.,GP,yes,..." — the practitioner cell is "GP"
const edit = (to: string) => replaced(ICB, 'about domestic abuse.,GP,yes', `about domestic abuse.,${to},yes`);
const wrong = edit('Dr Okafor');
const right = edit('GP');
const given = edit('Practice nurse Sarah');
const surname = edit('Hughes');
const initial = edit('"J. Smith, GP"');
const police = replaced(POLICE, 'Response officer', 'PC Hughes');

ruleCases(practitionerName, {
  valid: [
    { name: 'the example is clean' },
    { name: 'doc right example', files: { [ICB]: right } },
    { name: 'roles with capitalised words, acronyms and places', files: {
      [ICB]: edit('"Senior practitioner, Stroud team; MASH social worker"'),
    } },
    { name: 'a sentence-case role not in the list', files: { [ICB]: edit('Sanctuary scheme coordinator') } },
    { name: 'a rank alone', files: { [ICB]: edit('DS') } },
  ],
  invalid: [
    { name: 'doc wrong example: title + surname', files: { [ICB]: wrong }, errors: [at(ICB, wrong, 'Dr Okafor', 0, 'give the role instead')] },
    { name: 'a given name after a role', files: { [ICB]: given }, errors: [at(ICB, given, 'Sarah')] },
    { name: 'a surname alone', files: { [ICB]: surname }, errors: [at(ICB, surname, 'Hughes')] },
    { name: 'an initial and surname in a quoted cell', files: { [ICB]: initial }, errors: [at(ICB, initial, 'J. Smith')] },
    { name: 'a rank and surname in a CRLF file', files: { [POLICE]: police }, errors: [at(POLICE, police, 'PC Hughes')] },
  ],
});
