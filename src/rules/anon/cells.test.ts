import { describe, expect, it } from 'vitest';
import { cellSeams, csvCells, fileSeams, seamMatches, seamsWhere } from './cells.js';
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

  it('passes over only seams no registered name can cross: every split of a name is still found', () => {
    const names = ['Darren Hollowell', "Zoë O'Brien-Smith", 'Mary-Jane Ockwell', 'Jo Tranter'];
    const matcher = new IdentityMatcher(names.map((n, i) => ({ pseudonym: `Adult ${i}`, names: [n], identifiers: [] })));
    let rows = 'id,note,more\n';
    const expected: string[] = [];
    for (const name of names) {
      // split before every letter that could start the next cell's text (an upper-case letter is needed there)
      for (let k = 1; k < name.length; k++) {
        const left = name.slice(0, k);
        const right = name.slice(k).trimStart();
        if (!/^\p{L}/u.test(right) || !/\p{L}$/u.test(left)) continue;
        const upper = right[0].toUpperCase() + right.slice(1);
        rows += `1,seen with ${left},${upper} later\n`;
        expected.push(`${left},${upper}`);
      }
    }
    const file = { path: 'x.csv', rel: 'x.csv', text: rows, encoding: 'utf-8' };
    const seams = seamsWhere(fileSeams(file), (a, b, c) => matcher.mayCrossJoin(rows, a, b, c));
    const found = seamMatches(seams, ',', (t) => matcher.find(t)).map((f) => rows.slice(f.start, f.end));
    expect(found).toEqual(expected);
    // and most seams of ordinary text are passed over
    const plain = 'id,a,b\n' + 'x,the officer made a record,Adult B was seen\n'.repeat(50);
    const pf = { path: 'p.csv', rel: 'p.csv', text: plain, encoding: 'utf-8' };
    expect(fileSeams(pf).count).toBe(50);
    expect(seamsWhere(fileSeams(pf), (a, b, c) => matcher.mayCrossJoin(plain, a, b, c))).toHaveLength(0);
  });
});
