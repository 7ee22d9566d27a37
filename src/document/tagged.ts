/**
 * Tagged (accessible) PDFs, through LibreOffice: the DOCX written by docx.ts, exported by
 * `soffice --headless --convert-to pdf` with the writer's PDF export filter set to tag the PDF
 * (headings, paragraphs, tables, figures with their alt text) and to follow PDF/UA. pdfmake
 * cannot tag, so published builds use this path; it needs LibreOffice (`soffice` on the PATH, or
 * the program named by `$DHR_SOFFICE`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const FILTER = 'pdf:writer_pdf_Export:' + JSON.stringify({
  UseTaggedPDF: { type: 'boolean', value: 'true' },
  PDFUACompliance: { type: 'boolean', value: 'true' },
  ExportBookmarks: { type: 'boolean', value: 'true' },
});

export function sofficeProgram(env: NodeJS.ProcessEnv = process.env): string {
  return env.DHR_SOFFICE || 'soffice';
}

/** Whether LibreOffice can be run. */
export function sofficeAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  try {
    execFileSync(sofficeProgram(env), ['--version'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
}

/** Converts DOCX files (name → bytes) to tagged PDFs (name → bytes), in one LibreOffice run. */
export async function taggedPdfs(docx: ReadonlyMap<string, Uint8Array>): Promise<Map<string, Uint8Array>> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'dhr-tagged-'));
  try {
    const files = [...docx].map(([name, bytes]) => {
      const f = path.join(dir, `${name}.docx`);
      writeFileSync(f, bytes);
      return f;
    });
    // a profile of its own, so a LibreOffice the user has open does not take the job
    execFileSync(sofficeProgram(), [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--norestore',
      '--convert-to', FILTER, '--outdir', path.join(dir, 'out'), ...files], { stdio: 'ignore', timeout: 600_000 });
    const out = new Map<string, Uint8Array>();
    for (const name of docx.keys()) {
      try {
        out.set(name, readFileSync(path.join(dir, 'out', `${name}.pdf`)));
      } catch {
        throw new Error(`LibreOffice did not convert ${name}.docx to PDF`);
      }
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
