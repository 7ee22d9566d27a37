import { it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { generatedReview } from './support/chronology-gen.js';
it('gen', () => {
  const { dir } = generatedReview(42, 5000, ['police', 'icb', 'ghft', 'gdass', 'housing']);
  writeFileSync('/tmp/gen-dir.txt', dir);
});
