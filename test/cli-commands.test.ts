/**
 * The command list loads each command lazily (src/cli/commands.ts), so `dhr --help` repeats every
 * command's summary: they must stay the same as the modules' own, and each entry must load the
 * command of its name.
 */
import { describe, expect, it } from 'vitest';
import { commands } from '../src/cli/commands.js';
import { helpText } from '../src/cli/main.js';

describe('the lazy command list', () => {
  for (const entry of commands) {
    it(`"${entry.name}" loads its command, with the same summary`, async () => {
      const cmd = await entry.load();
      expect(cmd.name).toBe(entry.name);
      expect(cmd.summary).toBe(entry.summary);
      expect(typeof cmd.run).toBe('function');
    });
  }

  it('lists every command once in --help', () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of commands) expect(helpText()).toContain(`  ${c.name}`);
  });
});
