/** Output formats for findings. None of them prints `Finding.value` unless `showValues` is set. */
import type { FormatInput } from './shared.js';
import { formatStylish } from './stylish.js';
import { formatJson } from './json.js';
import { formatGithub } from './github.js';
import { formatSarif } from './sarif.js';

export type FormatName = 'stylish' | 'json' | 'github' | 'sarif';
export const FORMATS: readonly FormatName[] = ['stylish', 'json', 'github', 'sarif'];

export { messageOf, printable, shownFile, summarise, type FormatInput, type RuleEntry, type Summary } from './shared.js';
export { findingsJson } from './json.js';
export { palette, visibleWidth, type Palette } from './ansi.js';

export function format(name: FormatName, input: FormatInput): string {
  switch (name) {
    case 'stylish': return formatStylish(input);
    case 'json': return formatJson(input);
    case 'github': return formatGithub(input);
    case 'sarif': return formatSarif(input);
  }
}
