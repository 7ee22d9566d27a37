/** What every formatter takes, and the helpers they share (apart from index.ts, which picks one). */
import type { Finding } from '../../review/model.js';

export interface FormatInput {
  findings: Finding[];
  files: number;
  reviews: number;
  showValues: boolean;
  color: boolean;
}

export interface Summary {
  errors: number;
  warnings: number;
  infos: number;
  files: number;
  reviews: number;
}

export function summarise(input: FormatInput): Summary {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of input.findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos, files: input.files, reviews: input.reviews };
}

/** The message as printed: with the found value appended only on request. */
export function messageOf(f: Finding, showValues: boolean): string {
  return showValues && f.value !== undefined ? `${f.message} [value: ${f.value}]` : f.message;
}
