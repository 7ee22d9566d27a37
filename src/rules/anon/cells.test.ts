import { describe, expect, it } from 'vitest';
import { cellSeams, csvCells, seamMatches } from './cells.js';
import { IdentityMatcher } from './matcher.js';

describe('CSV seams', () => {
  it('reads cells with quotes, escaped quotes, line breaks and CRLF', () => {
    const text = 'a,"b ""c"",\nd",e\r\nf,g\n';
    const cells = csvCells(text).map((r) => r.map((c) => text.slice(c.start, c.end)));
    expect(cells).toEqual([['a', 'b ""c"",\nd', 'e'], ['f', 'g']]);
  });

  it('joins the end of one cell and the start of the next, mapping back to file offsets', () => {
    const text = 'forename,surname\nMaureen,Tilley\n"spoke to Carol","Dunsford said"\n';
    const seams = cellSeams(text).filter((s) => /Maureen|Carol/.test(s.text));
    expect(seams.map((s) => s.text)).toEqual(['Maureen Tilley', 'spoke to Carol Dunsford said']);
    const s = seams[1];
    expect(text[s.fileOffset(s.text.indexOf('Carol'))]).toBe('C');
    expect(text[s.fileOffset(s.join)]).toBe('D');
  });

  it('gives the identity register the registered names split across cells, attributed to their person', () => {
    const matcher = new IdentityMatcher([{ pseudonym: 'Adult B', names: ['Darren Hollowell'], identifiers: [] }]);
    const text = 'id,forename,surname\n1,Darren,Hollowell\n2,Darren Hollowell,x\n';
    const found = seamMatches(text, ',', (s) => matcher.find(s));
    expect(found.map((f) => [text.slice(f.start, f.end), f.match.entry.pseudonym])).toEqual([['Darren,Hollowell', 'Adult B']]);
  });
});
