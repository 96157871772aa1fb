/**
 * The lab report of a run or of a comparison: one self-contained HTML file — inline CSS
 * and inline SVG, no script, no link to anything — that opens offline in any browser and
 * prints to PDF cleanly (`@media print`: no background bars, sections kept whole). It is
 * written in the UI's language, numbers that language's way, and holds what the course's
 * reports hold: the network's summary table, the data, the settings, the curves, the
 * final results, the confusion matrix, and the student's notes.
 *
 * Pure: the same runs and options give the same text. Everything a user typed (run names,
 * notes, class names) is escaped, so a run named `<script>` shows as text.
 */
import { differingSettings, type SettingDiff } from '../compare/settingsDiff';
import type { Lang } from '../messages';
import { escapeHtml as esc } from './html';
import { date, RUN_COLORS, settingValue, whole, word } from './reportFormat';
import {
  confusionSection, curvesSection, dataName, datasetSection, networkSection, notesSection, resultsSection, settingName, settingsSection, type ReportRun,
} from './reportSections';

export type { ReportRun } from './reportSections';

export interface LabReportOptions {
  lang: Lang;
  /** The app's version, written in the footer. */
  version: string;
  /** When the report was made (ISO 8601). */
  madeAt: string;
}

/** How a run is named in a report: its name, or its data and start date. */
export function reportRunLabel(run: ReportRun, lang: Lang): string {
  return run.name ?? `${dataName(run, lang)}, ${date(run.startedAt, lang)}`;
}

/** A file name for the report: letters, digits and dashes from its title. */
export function reportFileName(runs: readonly ReportRun[], lang: Lang): string {
  const base = runs.length === 1 ? reportRunLabel(runs[0]!, lang) : `comparison-${runs.length}`;
  const safe = base.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `${safe || 'run'}-report.html`;
}

export function labReport(runs: readonly ReportRun[], opts: LabReportOptions): string {
  if (runs.length === 0) throw new RangeError('a report needs at least one run');
  const { lang } = opts;
  const labels = runs.length === 1 ? [reportRunLabel(runs[0]!, lang)] : comparedLabels(runs, lang);
  const title = runs.length === 1 ? word(lang, 'report.title', { name: labels[0]! }) : word(lang, 'report.comparisonTitle', { count: runs.length });
  const body: string[] = [`<header><h1>${esc(title)}</h1><p class="meta">${esc(word(lang, 'report.generated', { version: opts.version, date: date(opts.madeAt, lang) }))}</p></header>`];
  if (runs.length === 1) {
    const run = runs[0]!;
    body.push(`<p class="meta">${esc(started(run, lang))}</p>`);
    body.push(networkSection(run, lang), datasetSection(run, lang), settingsSection(run, lang));
    body.push(curvesSection(runs, labels, lang), resultsSection(runs, labels, lang), confusionSection(run, lang), notesSection(run, lang));
  } else {
    body.push(differsSection(runs, labels, lang), curvesSection(runs, labels, lang), resultsSection(runs, labels, lang));
    runs.forEach((run, i) => {
      body.push(`<article class="run"><h2>${esc(labels[i]!)}</h2><p class="meta">${esc(started(run, lang))}</p>`
        + networkSection(run, lang) + datasetSection(run, lang) + settingsSection(run, lang) + confusionSection(run, lang) + notesSection(run, lang) + '</article>');
    });
  }
  return [
    '<!DOCTYPE html>',
    `<html lang="${lang}"><head><meta charset="utf-8">`,
    // No script and nothing fetched: the policy says so to any browser that opens the file.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title><style>${STYLE}</style></head>`,
    `<body><main>${body.join('\n')}</main></body></html>`,
    '',
  ].join('\n');
}

/**
 * How a comparison names its runs: by number, then the student's name, else what differs
 * ("2 · batch size 32") — unnamed runs of one sweep share their data and nearly their date.
 */
function comparedLabels(runs: readonly ReportRun[], lang: Lang): string[] {
  const diffs = differingSettings(runs.map(comparedOf));
  return runs.map((r, i) => {
    const differs = diffs.map((d) => `${diffName(d, lang)} ${settingValue(d.values[i], lang)}`).join(' · ');
    return `${i + 1} · ${r.name ?? (differs || reportRunLabel(r, lang))}`;
  });
}

const comparedOf = (r: ReportRun) => ({ hyperparams: r.hyperparams, learningRateSet: r.learningRateSet ?? null, spec: r.spec, dataset: r.dataset });

function diffName(d: SettingDiff, lang: Lang): string {
  return d.key === 'layer' ? word(lang, 'report.layerSetting', { layer: whole((d.layer ?? 0) + 1, lang), field: d.field ?? '' }) : settingName(d.key, lang);
}

function started(run: ReportRun, lang: Lang): string {
  return word(lang, 'report.started', {
    date: date(run.startedAt, lang), seconds: Number(run.seconds.toFixed(run.seconds < 10 ? 1 : 0)), ending: word(lang, `report.ending.${run.ending}`),
  });
}

/** The comparison's side table: only the settings that differ, one column per run. */
function differsSection(runs: readonly ReportRun[], labels: readonly string[], lang: Lang): string {
  const diffs = differingSettings(runs.map(comparedOf));
  const head = `<tr><th>${esc(word(lang, 'report.setting'))}</th>${labels.map((l, i) => `<th><span class="dot" style="background:${colorOf(i)}"></span>${esc(l)}</th>`).join('')}</tr>`;
  if (diffs.length === 0) return `<section><h3>${esc(word(lang, 'report.differs'))}</h3><p>${esc(word(lang, 'report.sameSettings'))}</p></section>`;
  const rows = diffs.map((d) => {
    return `<tr><th>${esc(diffName(d, lang))}</th>${d.values.map((v) => `<td>${esc(settingValue(v, lang))}</td>`).join('')}</tr>`;
  }).join('');
  return `<section><h3>${esc(word(lang, 'report.differs'))}</h3><table class="differs"><thead>${head}</thead><tbody>${rows}</tbody></table></section>`;
}

const colorOf = (i: number) => RUN_COLORS[i % RUN_COLORS.length]!;

const STYLE = `
:root{color-scheme:light}
body{margin:0;background:#f4f5f7;color:#1b1f24;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:60rem;margin:0 auto;padding:1.5rem 2rem 3rem;background:#fff}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.3rem;border-top:2px solid #d0d4da;padding-top:1rem;margin-top:2rem}
h3{font-size:1.1rem;margin:1.4rem 0 .5rem;color:#24405e}
.meta{color:#555;margin:.2rem 0}
table{border-collapse:collapse;margin:.3rem 0;font-variant-numeric:tabular-nums}
th,td{border:1px solid #c9ced6;padding:.25rem .55rem;text-align:left}
thead th{background:#eef1f5}
table.summary td:nth-child(3),table.results td,table.confusion td{text-align:right}
table.results td{text-align:left}table.results td:nth-last-child(-n+2){text-align:right}
table.confusion td{min-width:2.2rem}table.confusion td.dark{color:#fff}
th.corner{font-weight:normal;font-size:.8rem;color:#555}
.total{font-weight:600}
.charts{display:flex;flex-wrap:wrap;gap:1rem}
.chart-box{margin:0;max-width:440px}.chart{max-width:100%;height:auto;font-size:11px;fill:#333}
.chart .grid{stroke:#e3e6ea}.chart .frame{fill:none;stroke:#9aa2ad}.chart .chart-title{font-size:13px;font-weight:600}
figcaption{font-size:.85rem;color:#333}
.key{margin-right:.8rem;white-space:nowrap}
.swatch{display:inline-block;width:1.4rem;border-top:3px solid;vertical-align:middle;margin-right:.3rem}
.swatch.dashed{border-top-style:dashed}
.dot{display:inline-block;width:.7rem;height:.7rem;border-radius:50%;margin-right:.35rem}
.notes{white-space:pre-wrap;border:1px solid #c9ced6;border-radius:4px;padding:.6rem .8rem;min-height:3rem;background:#fffdf3}
.notes.empty{color:#777;font-style:italic}
.aside{color:#555;font-size:.85rem}
h4{font-size:.95rem;margin:1rem 0 .4rem}.mistakes{display:flex;flex-wrap:wrap;gap:.8rem}
.mistake{margin:0;width:7rem;font-size:.8rem;text-align:center}.mistake svg{border:1px solid #c9ced6;image-rendering:pixelated}
@media print{
  body{background:#fff;font-size:11pt}main{max-width:none;padding:0}
  section,figure,table{break-inside:avoid}article.run{break-before:page}
  thead th,table.confusion td,.dot,.notes{print-color-adjust:exact;-webkit-print-color-adjust:exact}
}
`.trim();
