/**
 * The Home Office data form: `home-office-form.json` and a fillable PDF whose AcroForm fields are
 * named exactly as the JSON keys. The field list is data (home-office-form.fields.yml).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';
import { parseShippedYaml } from '../review/shipped-data.js';
import type { PDFContext, PDFFont } from 'pdf-lib';
import type { Review } from '../review/model.js';
import type { Profile } from '../lint/profile.js';
import { overviewRecommendations } from '../review/recommendations.js';

export interface FormField {
  key: string;
  label: string;
  /** The heading the field is printed under (`groups` of the YAML). */
  group?: string;
  /**
   * `boolean` is a checkbox (always known); `yes-no` is true, false or unknown (a text field holding
   * "Yes", "No" or nothing); `list` is codes, printed "a, b" on the form and an array in the JSON.
   */
  type: 'string' | 'date' | 'month' | 'integer' | 'boolean' | 'yes-no' | 'list';
  from: string;
  /** For coded values: the codes allowed. */
  codes?: string[];
}

export interface FormGroup {
  id: string;
  label: string;
}

export type FormValue = string | number | boolean | string[] | null;
export type FormData = Record<string, FormValue>;

const here = path.dirname(fileURLToPath(import.meta.url));

let spec: { groups: FormGroup[]; fields: FormField[] } | undefined;

function formSpec(): { groups: FormGroup[]; fields: FormField[] } {
  if (spec) return spec;
  // works from src/reports (vitest) and dist/src/reports (compiled): the YAML sits in src/reports
  const candidates = [path.join(here, 'home-office-form.fields.yml'), path.join(here, '..', '..', '..', 'src', 'reports', 'home-office-form.fields.yml')];
  for (const c of candidates) {
    try {
      const text = readFileSync(c, 'utf8');
      const data = parseShippedYaml(text) as { groups?: FormGroup[]; fields: FormField[] };
      spec = { groups: data.groups ?? [], fields: data.fields };
      return spec;
    } catch {
      // try the next location
    }
  }
  throw new Error('home-office-form.fields.yml not found');
}

export function formFields(): FormField[] {
  return formSpec().fields;
}

export function formGroups(): FormGroup[] {
  return formSpec().groups;
}

/** The Home Office DHR Library's age bands (HOME-OFFICE.md); under 16 has no band. */
export function ageBand(age: unknown): string | null {
  if (typeof age !== 'number' || !Number.isInteger(age) || age < 16) return null;
  if (age <= 19) return '16-19';
  if (age <= 24) return '20-24';
  if (age >= 65) return '65+';
  const lo = Math.floor((age - 25) / 10) * 10 + 25;
  return `${lo}-${lo + 9}`;
}

/** How a value is written in the form's text field (checkboxes aside). */
export function formText(f: FormField, v: FormValue): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.join(', ');
  if (f.type === 'yes-no') return v === true ? 'Yes' : v === false ? 'No' : '';
  return String(v);
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
  const death = m?.death && typeof m.death === 'object' ? m.death : undefined;
  const area = m?.area && typeof m.area === 'object' ? m.area : undefined;
  const list = (v: unknown): string[] | null => (Array.isArray(v) && v.length ? v.map(String) : null);
  const out: Record<string, FormValue> = {
    'review.id': review.id,
    'review.legal_basis': m?.type === 'learning-review' ? null : profile.legal_basis ?? 'dhr',
    'area.region': area?.region ?? profile.region ?? null,
    'area.police_force_area': area?.police_force_area ?? profile.police_force_area ?? null,
    'death.month': typeof dates.death === 'string' && /^\d{4}-\d{2}/.test(dates.death) ? dates.death.slice(0, 7) : null,
    'death.victims': death?.victims ?? null,
    'death.cause': death?.cause ?? null,
    'death.location': death?.location ?? null,
    'death.suicide': typeof death?.suicide === 'boolean' ? death.suicide : null,
    'case.types': list(m?.case_types),
    'case.abuse_types': list(m?.abuse_types),
    'qa.outcome': m?.qa && typeof m.qa === 'object' ? m.qa.outcome ?? null : null,
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
    out[`${who}.age_band`] = ageBand(s?.age);
    out[`${who}.sex`] = s?.sex ?? null;
    out[`${who}.sexual_orientation`] = s?.sexual_orientation ?? null;
    out[`${who}.religion`] = s?.religion ?? null;
    out[`${who}.previous_offending`] = typeof s?.previous_offending === 'boolean' ? s.previous_offending : null;
    out[`${who}.verdict`] = s?.verdict ?? null;
  }
  return out;
}

/** The form's data: every field key with its value (ISO dates, counts, booleans; unknown = null). */
export function homeOfficeFormData(review: Review, profile: Profile): FormData {
  const src = sources(review, profile);
  const data: FormData = {};
  for (const f of formFields()) {
    const v = src[f.from] ?? null;
    data[f.key] = v === null ? (f.type === 'boolean' ? false : null)
      : f.type === 'integer' ? (typeof v === 'number' ? v : Number.isFinite(Number(v)) ? Number(v) : null)
        : f.type === 'boolean' ? Boolean(v)
          : f.type === 'yes-no' ? (typeof v === 'boolean' ? v : null)
            : f.type === 'list' ? (Array.isArray(v) ? v.map(String) : [String(v)])
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

/**
 * The form embeds both DejaVu faces whole (a fillable field must draw whatever is typed into it), 1.4 MB
 * that pdf-lib deflates in JavaScript (pako) in about a quarter of a second: Node's own zlib does it in a
 * tenth of that, at the same level. The streams are as valid, and the same bytes for the same input.
 */
function nativeDeflate(context: PDFContext): void {
  context.flateStream = (contents, dict = {}) =>
    context.stream(deflateSync(typeof contents === 'string' ? Buffer.from(contents, 'latin1') : contents), { ...dict, Filter: 'FlateDecode' });
}

/** A one-page fillable PDF; each field named exactly as its JSON key and filled with its value. */
export async function homeOfficeFormPdf(data: FormData, opts: { title: string; marking?: string }): Promise<Uint8Array> {
  // pdf-lib and fontkit take a while to load: only when the PDF is drawn (a build may draw it on a worker)
  // CommonJS builds, required: pdf-lib's ES build is some two hundred modules for the ES loader
  const { PDFDocument, PDFName, PDFString, rgb } = require('pdf-lib') as typeof import('pdf-lib');
  const fontkit = require('@pdf-lib/fontkit') as typeof import('@pdf-lib/fontkit');
  const pdf = await PDFDocument.create({ updateMetadata: false });
  nativeDeflate(pdf.context);
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
  const form = pdf.getForm();
  const fields = formFields();
  const groups = formGroups();
  const left = 50;
  const rowH = 22;
  const bottom = 60;
  let page = pdf.addPage([595.28, 841.89]);
  let y = 790;
  let pageNo = 1;
  const write = (t: string, x: number, yy: number, size: number, font: PDFFont, color = rgb(0, 0, 0)) => page.drawText(t, { x, y: yy, size, font, color });
  const furniture = () => {
    if (opts.marking) {
      write(opts.marking, left, 815, 8, bold, rgb(0.6, 0, 0));
      write(opts.marking, left, 25, 8, bold, rgb(0.6, 0, 0));
    }
    write('Field names match the keys of home-office-form.json. Dates are ISO (YYYY-MM-DD); empty = not known.', left, 40, 7, regular, rgb(0.35, 0.35, 0.35));
    write(`Page ${pageNo}`, 510, 40, 7, regular, rgb(0.35, 0.35, 0.35));
  };
  const room = (h: number) => {
    if (y - h >= bottom) return;
    page = pdf.addPage([595.28, 841.89]);
    pageNo += 1;
    y = 790;
    furniture();
  };
  furniture();
  write('Home Office data form', left, y, 18, bold);
  y -= 20;
  write(opts.title, left, y, 10, regular, rgb(0.3, 0.3, 0.3));
  y -= 16;
  // fields grouped as the YAML lists them; a group's heading is printed before its first field
  let lastGroup: string | undefined;
  for (const f of fields) {
    if (f.group && f.group !== lastGroup) {
      room(rowH + 24);
      y -= 8;
      write(groups.find((g) => g.id === f.group)?.label ?? f.group, left, y, 11, bold, rgb(0.1, 0.2, 0.45));
      y -= 20;
      lastGroup = f.group;
    }
    room(rowH);
    const v = data[f.key];
    write(f.label, left, y + 6, 9, regular);
    if (f.type === 'boolean') {
      const cb = form.createCheckBox(f.key);
      cb.addToPage(page, { x: 330, y: y + 2, width: 14, height: 14, borderWidth: 1, borderColor: rgb(0.4, 0.4, 0.4) });
      if (v === true) cb.check();
      else cb.uncheck();
    } else {
      const tf = form.createTextField(f.key);
      tf.addToPage(page, { x: 330, y, width: 215, height: 18, font: regular, borderWidth: 1, borderColor: rgb(0.4, 0.4, 0.4) });
      tf.setFontSize(f.type === 'list' ? 7 : 9);
      tf.setText(formText(f, v));
    }
    y -= rowH;
  }
  form.updateFieldAppearances(regular);
  // a fixed document ID keeps rebuilds byte-identical
  pdf.context.trailerInfo.ID = pdf.context.obj([PDFString.of('dhr-home-office-form'), PDFString.of('dhr-home-office-form')]);
  void PDFName;
  return pdf.save({ useObjectStreams: false });
}
