/**
 * This installation of dhr: its package name, version and folder. The name is scoped so that
 * `npx dhr` in a review repository can only ever run the package that repository pins.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE_NAME = '@dhr-reviews/dhr';

/** The folder holding this installation's package.json (the clone, or node_modules/@dhr-reviews/dhr). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      if (pkg.name === PACKAGE_NAME) return dir;
    } catch {
      // keep looking upwards
    }
    dir = path.dirname(dir);
  }
  throw new Error(`the package.json of ${PACKAGE_NAME} was not found above ${fileURLToPath(import.meta.url)}`);
}

export function version(): string {
  try {
    return JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')).version;
  } catch {
    return 'unknown';
  }
}
