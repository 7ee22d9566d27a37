/**
 * The Home Office data form: `home-office-form.json` and a fillable PDF whose AcroForm fields are
 * named exactly as the JSON keys. The field list is data (home-office-form.fields.yml).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { parse as parseYaml } from 'yaml';
import type { PDFFont } from 'pdf-lib';
import type { Review } from '../review/model.js';
import type { Profile } from '../lint/profile.js';
import { overviewRecommendations } from '../review/recommendations.js';

export interface FormField {
  key: string;
  label: string;
  type: 'string' | 'date' | 'integer' | 'boolean';
  from: string;
}

export type FormValue = string | number | boolean | null;
export type FormData = Record<string, FormValue>;

const here = path.dirname(fileURLToPath(import.meta.url));

export function formFields(): FormField[] {
  // works from src/reports (vitest) and dist/src/reports (compiled): the YAML sits in src/reports
  const candidates = [path.join(here, 'home-office-form.fields.yml'), path.join(here, '..', '..', '..', 'src', 'reports', 'home-office-form.fields.yml')];
  for (const c of candidates) {
    try {
      return (parseYaml(readFileSync(c, 'utf8')) as { fields: FormField[] }).fields;
    } catch {
      // try the next location
    }
  }
  throw new Error('home-office-form.fields.yml not found');
}

/** The value of each `from` source, computed from the review. */
function sources(review: Review, profile: Profile): Record<string, FormValue> {
  const m = review.meta?.data;
  const subjects = m?.subjects ?? [];
  const victim = subjects.find((s) => /victim/i.test(s.role));
  const perpetrator = subjects.find((s) => /perpetrator/i.test(s.role));
  const csp = profile.csps.find((c) => c.id === m?.csp);
  const district = profile.districts.find((d) => d.id === m?.lead_district);
  const recs = overviewRecommendations(review);
  const scopeOf = new Map<string, string>();
  for (const row of review.actionPlan?.rows ?? []) {
    const r = row.cells.recommendation?.value.trim();
    const s = row.cells.scope?.value.trim().toLowerCase();
    if (r && s && !scopeOf.has(r)) scopeOf.set(r, s);
  }
  const recIds = recs.length ? recs.map((r) => r.id) : [...scopeOf.keys()];
  const byScope = (s: string) => recIds.filter((id) => scopeOf.get(id) === s).length;
  const dates = (m?.dates ?? {}) as Record<string, string | null | undefined>;
  const out: Record<string, FormValue> = {
    'review.id': review.id,
    'review.type_label': m?.type === 'learning-review' ? 'Domestic Abuse Learning Review' : profile.document_title,
    'review.csp_name': csp?.name ?? m?.csp ?? null,
    'review.lead_district_name': district?.name ?? m?.lead_district ?? null,
    'review.joint_with': m?.joint_with?.length ? m.joint_with.join(', ') : null,
    'count.agencies_contributing': (m?.agencies ?? []).filter((a) => a.involvement !== 'none').length,
    'count.imrs': review.imrs.size,
    'count.recommendations_total': recIds.length,
    'count.recommendations_local': byScope('local'),
    'count.recommendations_regional': byScope('regional'),
    'count.recommendations_national': byScope('national'),
    'count.extensions': (m?.extensions ?? []).length,
    'family.involved': (m?.family?.contacts ?? []).length > 0,
    'criminal_proceedings.status': m?.criminal_proceedings?.status ?? null,
    'chair.home_office_training': m?.chair?.home_office_training ?? null,
  };
  for (const [k, v] of Object.entries(dates)) out[`dates.${k}`] = v ?? null;
  for (const [who, s] of [['victim', victim], ['perpetrator', perpetrator]] as const) {
    out[`${who}.age`] = s?.age ?? null;
    out[`${who}.gender`] = s?.gender ?? null;
    out[`${who}.ethnicity`] = s?.ethnicity ?? null;
    out[`${who}.relationship_to_victim`] = s?.relationship_to_victim ?? null;
  }
  return out;
}

/** The form's data: every field key with its value (ISO dates, counts, booleans; unknown = null). */
export function homeOfficeFormData(review: Review, profile: Profile): FormData {
  const src = sources(review, profile);
  const data: FormData = {};
  for (const f of formFields()) {
    const v = src[f.from] ?? null;
    data[f.key] = v === null ? null
      : f.type === 'integer' ? (typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : null)
        : f.type === 'boolean' ? Boolean(v)
          : String(v);
  }
  return data;
}

const require = createRequire(import.meta.url);
function fontBytes(name: string): Uint8Array {
  return readFileSync(path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf', name));
}

/** Fixed metadata date so rebuilds are byte-identical; SOURCE_DATE_EPOCH overrides it. */
function metadataDate(): Date {
  const e = process.env.SOURCE_DATE_EPOCH;
  return e && /^\d+$/.test(e) ? new Date(Number(e) * 1000) : new Date(Date.UTC(1980, 0, 1));
}

/** A one-page fillable PDF; each field named exactly as its JSON key and filled with its value. */
export async function homeOfficeFormPdf(data: FormData, opts: { title: string; marking?: string }): Promise<Uint8Array> {
  // pdf-lib and fontkit take a while to load: only when the PDF is drawn (a build may draw it on a worker)
  const { PDFDocument, PDFName, PDFString, rgb } = await import('pdf-lib');
  const fontkit = (await import('@pdf-lib/fontkit')).default;
  const pdf = await PDFDocument.create({ updateMetadata: false });
  pdf.registerFontkit(fontkit);
  const regular = await pdf.embedFont(fontBytes('DejaVuSans.ttf'), { subset: false });
  const bold = await pdf.embedFont(fontBytes('DejaVuSans-Bold.ttf'), { subset: false });
  const d = metadataDate();
  pdf.setTitle(`${opts.title}: Home Office data form`);
  pdf.setSubject('Home Office data form');
  pdf.setCreator('dhr');
  pdf.setProducer('dhr (pdf-lib)');
  pdf.setLanguage('en-GB');
  pdf.setCreationDate(d);
  pdf.setModificationDate(d);
  const page = pdf.addPage([595.28, 841.89]);
  const form = pdf.getForm();
  const fields = formFields();
  const left = 50;
  let y = 790;
  const write = (t: string, x: number, yy: number, size: number, font: PDFFont, color = rgb(0, 0, 0)) => page.drawText(t, { x, y: yy, size, font, color });
  if (opts.marking) write(opts.marking, left, 815, 8, bold, rgb(0.6, 0, 0));
  write('Home Office data form', left, y, 18, bold);
  y -= 20;
  write(opts.title, left, y, 10, regular, rgb(0.3, 0.3, 0.3));
  y -= 24;
  const rowH = 25;
  for (const f of fields) {
    const v = data[f.key];
    write(f.label, left, y + 6, 9, regular);
    if (f.type === 'boolean') {
      const cb = form.createCheckBox(f.key);
      cb.addToPage(page, { x: 330, y: y + 2, width: 14, height: 14, borderWidth: 1, borderColor: rgb(0.4, 0.4, 0.4) });
      if (v === true) cb.check();
      else cb.uncheck();
    } else {
      const tf = form.createTextField(f.key);
      tf.addToPage(page, { x: 330, y, width: 215, height: 20, font: regular, borderWidth: 1, borderColor: rgb(0.4, 0.4, 0.4) });
      tf.setFontSize(9);
      tf.setText(v === null || v === undefined ? '' : String(v));
    }
    y -= rowH;
  }
  form.updateFieldAppearances(regular);
  if (opts.marking) write(opts.marking, left, 25, 8, bold, rgb(0.6, 0, 0));
  write('Field names match the keys of home-office-form.json. Dates are ISO (YYYY-MM-DD); empty = not known.', left, 40, 7, regular, rgb(0.35, 0.35, 0.35));
  // a fixed document ID keeps rebuilds byte-identical
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFString.of('dhr-home-office-form'), PDFString.of('dhr-home-office-form')]);
  void PDFName;
  return pdf.save({ useObjectStreams: false });
}
