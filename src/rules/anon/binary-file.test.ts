import { ruleCases } from '../../../test/support/rule-tester.js';
import { binaryFile } from './binary-file.js';

/** A GIF's first bytes (ASCII, so the tester's text edit writes them as they are). */
const GIF = 'GIF89a\u0001\u0000\u0001\u0000\u0000\u0000\u0000';

ruleCases(binaryFile, {
  valid: [
    { name: 'the example is clean' },
    { name: 'operating-system litter is left out', files: { '.DS_Store': '\u0000\u0000\u0000\u0001Bud1' } },
    { name: 'documents are not binary files (unreadable ones are anon/unreadable-file)', files: { 'notes/a.docx': 'not a docx' } },
  ],
  invalid: [
    { name: 'doc wrong example: an image', files: { 'genogram.gif': GIF }, errors: [{ file: 'genogram.gif', line: 1, column: 1, message: 'an image' }] },
    { name: 'another binary file, hidden and deep', files: { 'a/b/c/.blob': 'x\u0000y' }, errors: [{ file: 'a/b/c/.blob', line: 1, column: 1, message: 'a binary file' }] },
  ],
});
