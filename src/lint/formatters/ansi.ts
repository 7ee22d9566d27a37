/**
 * The one ANSI palette of the command line: every coloured or emphasised piece of terminal output
 * (lint findings, the audit tables) is painted here. Each style ends with its own reset (`39`
 * colour, `22` bold/dim, `24` underline), so styles nest: a red count inside a bold line stays bold.
 */
const STYLES = {
  red: ['\u001b[31m', '\u001b[39m'],
  yellow: ['\u001b[33m', '\u001b[39m'],
  blue: ['\u001b[34m', '\u001b[39m'],
  bold: ['\u001b[1m', '\u001b[22m'],
  dim: ['\u001b[2m', '\u001b[22m'],
  underline: ['\u001b[4m', '\u001b[24m'],
} as const;

export type Style = keyof typeof STYLES;
export type Palette = Record<Style, (s: string) => string>;

/** The palette when `color` is true; otherwise every style returns the text unchanged. */
export function palette(color: boolean): Palette {
  const out = {} as Palette;
  for (const [name, [open, close]] of Object.entries(STYLES) as Array<[Style, readonly [string, string]]>) {
    out[name] = color ? (s: string) => open + s + close : (s: string) => s;
  }
  return out;
}

/** Erases the terminal line the cursor is on (a progress line rewritten in place). */
export const CLEAR_LINE = '\r\u001b[K';

/** The width of text as a terminal shows it: colour and style codes take no room. */
export function visibleWidth(s: string): number {
  return s.replace(/\u001b\[[0-9;]*m/g, '').length;
}
