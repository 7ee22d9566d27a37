/** `dhr new <dir>`: scaffolds a review folder from templates/review, valid but full of TODO markers. */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from './command.js';
import { parseFlags, print, setupFor } from './common.js';
import { UsageError } from './errors.js';

function templatesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const c = path.join(dir, 'templates', 'review');
    if (existsSync(c)) return c;
    dir = path.dirname(dir);
  }
  throw new Error('templates/review not found next to the dhr installation');
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

export const newCommand: Command = {
  name: 'new',
  summary: 'scaffold a review folder from the templates (valid, full of TODO markers)',
  usage: `Usage: dhr new <dir> [--type dhr|learning-review] [--id ID]

Creates <dir> with review.yml, terms of reference, overview report, executive summary, action plan,
and chronologies/, imrs/, family/ folders. Every place to fill in says TODO; dhr lint lists them.
  --type dhr|learning-review   the kind of review (default dhr)
  --id ID                      review id, e.g. DHR-2025-01 (default: the folder name in capitals)
`,
  async run(args) {
    const { values, positionals } = parseFlags(args, { type: { type: 'string' }, id: { type: 'string' } }, 'new');
    if (values.help) {
      print(this.usage);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('new: give exactly one folder to create (dhr new reviews/DHR-2025-01)');
    const dir = path.resolve(positionals[0]);
    const type = (values.type as string | undefined) ?? 'dhr';
    if (type !== 'dhr' && type !== 'learning-review') throw new UsageError(`--type must be dhr or learning-review (got "${type}")`);
    const id = (values.id as string | undefined) ?? path.basename(dir).toUpperCase().replace(/[^A-Z0-9-]/g, '-');
    if (!/^[A-Z][A-Z0-9-]{2,40}$/.test(id)) throw new UsageError(`review id "${id}" must match ^[A-Z][A-Z0-9-]{2,40}$ (e.g. DHR-2025-01); give one with --id`);
    if (existsSync(dir) && readdirSync(dir).length > 0) throw new UsageError(`${positionals[0]}: folder exists and is not empty; nothing was written`);
    const src = templatesDir();
    // the review's name follows the legal basis of the repository's config (dhr or dardr)
    const title = type === 'dhr' ? `${setupFor(dir, {}, false).profile.document_title} ${id}` : `Domestic Abuse Learning Review ${id}`;
    cpSync(src, dir, { recursive: true });
    for (const f of walk(dir)) {
      if (!/\.(ya?ml|md|csv)$/.test(f)) continue;
      const text = readFileSync(f, 'utf8').replace(/\{\{id\}\}/g, id).replace(/\{\{type\}\}/g, type).replace(/\{\{title\}\}/g, title);
      writeFileSync(f, text);
    }
    // the modeline's schema path is relative to the scaffolded file; point it at this installation
    const yml = path.join(dir, 'review.yml');
    // in a repository made by `dhr init`, the schemas are copied into .dhr/schemas/: prefer them
    let schemaFile = path.join(src, '..', '..', 'schemas', 'review.schema.json');
    for (let d = path.dirname(dir); ; d = path.dirname(d)) {
      const local = path.join(d, '.dhr', 'schemas', 'review.schema.json');
      if (existsSync(local)) {
        schemaFile = local;
        break;
      }
      if (existsSync(path.join(d, '.git')) || path.dirname(d) === d) break;
    }
    const schema = path.relative(dir, schemaFile).split(path.sep).join('/');
    writeFileSync(yml, readFileSync(yml, 'utf8').replace('../../schemas/review.schema.json', schema));
    if (!values.quiet) print(`Created ${positionals[0]} (${type}, id ${id}). Fill in the TODO markers; "dhr lint ${positionals[0]}" lists them.\n`);
    return 0;
  },
};
