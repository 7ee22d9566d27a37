import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFilesAtomically } from './atomic.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('writeFilesAtomically', () => {
  it('writes content given as chunks of text and bytes, in order, produced as the file is written', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'dhr-atomic-'));
    const out = path.join(dir, 'out');
    let produced = 0;
    function* chunks(): Generator<string | Uint8Array> {
      produced++;
      yield 'Zoë, ';
      yield Buffer.from('£5 — ', 'utf8');
      yield '';
      yield 'x'.repeat(3 << 20);
    }
    const files = new Map<string, string | Uint8Array | Iterable<string | Uint8Array>>([
      ['a.txt', 'plain'],
      ['sub/b.txt', chunks()],
    ]);
    expect(produced).toBe(0);
    writeFilesAtomically(out, files);
    expect(produced).toBe(1);
    expect(readFileSync(path.join(out, 'a.txt'), 'utf8')).toBe('plain');
    expect(readFileSync(path.join(out, 'sub', 'b.txt'), 'utf8')).toBe(`Zoë, £5 — ${'x'.repeat(3 << 20)}`);
  });
});
