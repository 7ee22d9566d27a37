import { ruleCases } from '../../../test/support/rule-tester.js';
import { unreadableFile } from './unreadable-file.js';

ruleCases(unreadableFile, {
  valid: [
    { name: 'the example is clean' },
    { name: 'text files of any extension are read, not reported', files: { 'notes/a.txt': 'x\n', 'notes/b': 'y\n', '.c.html': '<p>z</p>\n' } },
  ],
  invalid: [
    { name: 'doc wrong example: a document dhr cannot read', files: { 'notes/letter.docx': 'this is not a Word file' }, errors: [
      { file: 'notes/letter.docx', line: 1, column: 1, message: 'not checked' },
    ] },
    { name: 'a zip archive', files: { 'notes/bundle.zip': 'PK\u0003\u0004' + '\u0000'.repeat(40) }, errors: [
      { file: 'notes/bundle.zip', line: 1, column: 1, message: 'not checked' },
    ] },
    { name: 'a PDF that is damaged', files: { 'notes/scan.pdf': '%PDF-1.4\nbroken' }, errors: [
      { file: 'notes/scan.pdf', line: 1, column: 1, message: 'not checked' },
    ] },
  ],
});
