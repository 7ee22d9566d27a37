/** `dhr pack <review> --agency ID | --all [--out DIR]`: the files an agency fills in and sends back. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from './command.js';
import { parseFlags, print, setupFor } from './common.js';
import { UsageError } from './errors.js';
import { loadReview } from '../review/load.js';
import { composePack, packAgencies } from '../exchange/pack.js';
import { writeFilesAtomically } from '../document/atomic.js';
import { relPath } from '../review/source.js';

export const packCommand: Command = {
  name: 'pack',
  summary: 'write the agency pack: chronology workbook, IMR form and covering letter',
  usage: `Usage: dhr pack <review-dir> --agency ID [--out DIR]
       dhr pack <review-dir> --all [--out DIR]

Writes what an agency fills in and sends back (protocol Appendices 12 and 13):
  chronology-<ID>.xlsx  the chronology workbook: plain headings, the review's reference and period,
                        data validation (dates within the period, key event Yes/No, required cells),
                        frozen headings, an Instructions sheet, and a hidden sheet identifying the
                        review and agency, checked by dhr import
  imr-<ID>.docx         the IMR form (agencies writing an IMR): the review's details, the IMR sections,
                        the author-independence and quality-assurance questions, guidance in its own
                        style (left out on import)
  letter-<ID>.docx      the covering letter
--all writes a pack for every agency whose involvement is imr or chronology, each in its own folder.
  --agency ID   an agency id from review.yml
  --all         every agency that writes an IMR or a chronology
  --out DIR     output folder (default packs/<review-id>/)
Send the files by secure e-mail; import the returns with dhr import.
`,
  async run(args) {
    const { values, positionals } = parseFlags(args, { agency: { type: 'string', short: 'a' }, all: { type: 'boolean' }, out: { type: 'string', short: 'o' } }, 'pack');
    if (values.help) {
      print(packCommand.usage);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('pack: give exactly one review folder (see dhr pack --help)');
    const dir = positionals[0];
    if (!existsSync(path.join(dir, 'review.yml'))) throw new UsageError(`${dir}: no review.yml here (give a review folder)`);
    const agency = values.agency as string | undefined;
    if (!agency && !values.all) throw new UsageError('pack: give --agency ID or --all');
    if (agency && values.all) throw new UsageError('pack: give either --agency ID or --all, not both');
    const review = loadReview(path.resolve(dir));
    const meta = review.meta?.data;
    if (!meta || !Array.isArray(meta.agencies)) throw new UsageError(`${dir}/review.yml cannot be read: run dhr validate ${dir}`);
    const declared = meta.agencies.map((a) => a.id).filter((id) => typeof id === 'string' && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(id));
    if (agency && !declared.includes(agency)) {
      // the id typed is not echoed: only the ids review.yml declares (checked against the id pattern)
      throw new UsageError(`pack: --agency is not an agency of this review (agencies: ${declared.join(', ')})`);
    }
    const agencies = agency ? [agency] : packAgencies(review);
    if (!agencies.length) throw new UsageError('pack: no agency in review.yml writes an IMR or a chronology');
    const { profile } = setupFor(dir, {}, false);
    const out = path.resolve((values.out as string | undefined) ?? path.join('packs', review.id));
    if (existsSync(out) && !statSync(out).isDirectory()) throw new UsageError(`${values.out ?? out}: exists and is not a folder`);
    const files = new Map<string, Uint8Array>();
    for (const id of agencies) {
      for (const f of await composePack(review, profile, id)) files.set(agency ? f.name : `${id}/${f.name}`, f.bytes);
    }
    writeFilesAtomically(out, files);
    const lines = [...files.keys()].map((n) => `  ${n}`);
    print(`Wrote ${files.size} file${files.size === 1 ? '' : 's'} for ${agencies.length} agenc${agencies.length === 1 ? 'y' : 'ies'} into ${relPath(out)}\n${lines.join('\n')}\n`);
    return 0;
  },
};
