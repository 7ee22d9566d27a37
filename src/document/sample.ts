/**
 * A document that uses every part of the model: the writers' tests render it, and it is a handy
 * preview of how the writers lay things out. Its content is invented and generic.
 */
import type { BarChartBlock, Block, Doc, DocOptions, TableRow } from './model.js';
import {
  badge,
  bulletList,
  cell,
  code,
  createDoc,
  emphasis,
  footnote,
  heading,
  lineBreak,
  link,
  orderedList,
  pageBreak,
  paragraph,
  row,
  section,
  strong,
  toned,
} from './model.js';

export const SAMPLE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 120" width="400" height="120">
  <rect x="0" y="0" width="400" height="120" fill="#f4f6fa" stroke="#1f3864"/>
  <line x1="20" y1="60" x2="380" y2="60" stroke="#1f3864" stroke-width="2"/>
  <circle cx="80" cy="60" r="8" fill="#1f3864"/>
  <circle cx="200" cy="60" r="12" fill="#c00000"/>
  <circle cx="320" cy="60" r="8" fill="#1f3864"/>
  <text x="200" y="100" font-family="DejaVu Sans, sans-serif" font-size="14" text-anchor="middle">Key event</text>
</svg>`;

/** A table of `count` rows, every seventh a key row. */
export function sampleTable(count: number): Block {
  const rows: TableRow[] = Array.from({ length: count }, (_, i) => {
    const n = i + 1;
    return row(
      [
        String(n),
        `2024-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 27) + 1).padStart(2, '0')}`,
        n % 3 === 0 ? 'Housing' : n % 2 === 0 ? 'Health' : 'Police',
        `Contact number ${n}: the service recorded the event and the action it took in reply.`,
      ],
      n % 7 === 0,
    );
  });
  return {
    type: 'table',
    columns: [{ width: 1, align: 'right' }, { width: 2 }, { width: 2 }, { width: 7 }],
    header: [row(['#', 'Date', 'Agency', 'Event'])],
    rows,
  };
}

/** A stacked bar chart of two series and a flag. */
export const SAMPLE_CHART: BarChartBlock = {
  type: 'barChart',
  title: 'Progress by team',
  series: [
    { key: 'done', label: 'Done', fill: '#1a7f5a', ink: '#ffffff' },
    { key: 'open', label: 'Open', fill: '#c5cfdb', ink: '#1d2733' },
  ],
  bars: [
    { label: 'North', values: [3, 1], flag: 1 },
    { label: 'South', sublabel: 'The southern team, with a name too long to print whole', values: [2, 4] },
    { label: 'West', values: [0, 0] },
  ],
  flag: { key: 'late', label: 'Late', fill: '#b42318', ink: '#ffffff' },
};

/** The parts of the model a dashboard uses: key figures, a chart, a section, tones, badges, blocks in a cell. */
export function sampleDashboardBlocks(): Block[] {
  return [
    { type: 'keyFigures', items: [{ value: '10', label: 'Tasks' }, { value: '5', label: 'Done', note: 'half of them', tone: 'good' }, { value: '1', label: 'Late', tone: 'alert' }] },
    section([paragraph(toned('warn', strong('Figures may be incomplete.')), ' One source was not read.')], { classes: ['warnings'] }, 'warn'),
    SAMPLE_CHART,
    {
      type: 'table',
      attr: { classes: ['tasks'] },
      header: [row(['Task', 'State', 'History'])],
      rows: [
        {
          cells: [cell('T1', lineBreak(), toned('muted', 'Owner: a team lead')), cell(badge('open', '#c5cfdb', '#1d2733')), {
            children: [],
            blocks: [{ type: 'list', ordered: true, attr: { classes: ['history'] }, items: [[paragraph('2024-01-02 opened')], [paragraph('2024-02-03 ', badge('late', '#b42318', '#ffffff'))]] }],
          }],
          tone: 'alert',
          attr: { data: { task: 'T1' } },
        },
        row(['T2', cell(badge('done', '#1a7f5a', '#ffffff')), cell(toned('muted', 'no history'))]),
      ],
    },
  ];
}

export function sampleDoc(options: Partial<DocOptions> = {}): Doc {
  return createDoc(
    { title: 'Sample Report', subtitle: 'A document using every feature of the model', language: 'en-GB' },
    [
      heading(1, 'Introduction'),
      paragraph(
        'This report has ',
        strong('bold'),
        ', ',
        emphasis('italic'),
        ' and ',
        strong(emphasis('bold italic')),
        ' text, a link to ',
        link('https://www.gov.uk/', 'GOV.UK'),
        ', some ',
        code('code'),
        ' and a footnote.',
        footnote('The footnote text, with ', emphasis('emphasis'), '.'),
      ),
      paragraph('A line', lineBreak(), 'broken in two.'),
      heading(2, 'Background'),
      bulletList([
        [paragraph('First point')],
        [paragraph('Second point'), bulletList([[paragraph('A nested point')]])],
        [paragraph('Third point')],
      ]),
      orderedList([[paragraph('Step one')], [paragraph('Step two')]]),
      heading(3, 'Detail'),
      { type: 'blockquote', children: [paragraph('A quotation, set apart from the text.')] },
      { type: 'image', svg: SAMPLE_SVG, width: 400, alt: 'A timeline with one key event' },
      { type: 'thematicBreak' },
      heading(1, 'Chronology'),
      paragraph('The table below runs over several pages; its header is repeated on each.'),
      sampleTable(40),
      pageBreak(),
      heading(1, 'Conclusions'),
      heading(2, 'Findings'),
      paragraph('Findings', footnote('A second footnote.'), ' follow the chronology.'),
      {
        type: 'table',
        header: [row(['Id', 'Recommendation'])],
        rows: [row([cell(strong('R1')), 'Share information earlier.']), row([cell(strong('R2')), { children: [{ type: 'text', text: 'Train staff.' }], emphasis: true }])],
      },
      ...sampleDashboardBlocks(),
    ],
    { toc: true, pageNumbers: true, marking: 'OFFICIAL-SENSITIVE — DRAFT', ...options },
  );
}
