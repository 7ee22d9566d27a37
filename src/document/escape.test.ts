import { describe, expect, it } from 'vitest';
import { escapeMarkdownCell, escapeXml, escapeXmlText } from './escape.js';

describe('markup escaping', () => {
  it('escapes element text, and quotes too for attributes', () => {
    expect(escapeXmlText('<b>"T" & \'u\'</b>')).toBe('&lt;b&gt;"T" &amp; \'u\'&lt;/b&gt;');
    expect(escapeXml('<b>"T" & \'u\'</b>')).toBe('&lt;b&gt;&quot;T&quot; &amp; &apos;u&apos;&lt;/b&gt;');
  });

  it('drops what XML cannot hold, keeping tabs, line breaks and whole surrogate pairs', () => {
    expect(escapeXmlText('a\u0000b\u001bc\td\ne\uFFFF')).toBe('abc\td\ne');
    expect(escapeXml('x\uD83D\uDE00y\uD83Dz\uDE00')).toBe('x\uD83D\uDE00yz');
  });
});

describe('Markdown table cells', () => {
  it('keep a pipe, markup and a line break inside the cell', () => {
    expect(escapeMarkdownCell('a | *b* <i>\\ c\nd')).toBe('a \\| \\*b\\* &lt;i&gt;\\\\ c<br>d');
  });
});
