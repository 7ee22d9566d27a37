/**
 * Dates, in one place: reading the forms people write (`parse.ts`), calendar arithmetic on ISO
 * days (`calendar.ts`), and the UK and ISO forms the tool writes. Every module that reads or
 * writes a date imports it from here.
 */
export * from './parse.js';
export * from './calendar.js';
