import { describe, expect, it } from 'vitest';
import { palette, visibleWidth } from './ansi.js';

describe('the ANSI palette', () => {
  it('paints nothing without colour', () => {
    const c = palette(false);
    expect(c.red('x') + c.bold('y') + c.underline('z')).toBe('xyz');
  });

  it('ends each style with its own reset, so styles nest', () => {
    const c = palette(true);
    // a red part inside a bold line: the colour ends, the bold goes on to the end of the line
    expect(c.bold(`a ${c.red('b')} c`)).toBe('\u001b[1ma \u001b[31mb\u001b[39m c\u001b[22m');
    expect(c.underline('f')).toBe('\u001b[4mf\u001b[24m');
  });

  it('measures text as the terminal shows it', () => {
    const c = palette(true);
    expect(visibleWidth(c.dim(c.red('12 days')))).toBe(7);
    expect(visibleWidth('plain')).toBe(5);
  });
});
