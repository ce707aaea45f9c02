/**
 * The structured parts of an evidence row in the HTML report: a data table, and a bar chart of counts
 * over time drawn with plain HTML (no script, prints well). Bars carry their numbers as text and a
 * hatched pattern, so they read without colour.
 */
import type { ReportCheck } from '../../shared/report-model.js';
import type { Lang } from '../../shared/text.js';

type Row = ReportCheck['evidence'][number];

const esc = (v: unknown): string =>
  String(v).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function renderEvidenceTable(row: Row): string {
  if (!row.table || row.table.rows.length === 0) return '';
  const head = row.table.columns.map((c) => `<th scope="col">${esc(c)}</th>`).join('');
  const body = row.table.rows.map((r) => `<tr>${r.map((c, i) => (i === 0 ? `<th scope="row">${esc(c)}</th>` : `<td>${esc(c)}</td>`)).join('')}</tr>`).join('');
  return `<table class="ev-data"><caption>${esc(row.label)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function renderEvidenceSeries(row: Row, lang: Lang): string {
  const s = row.series;
  if (!s || s.points.length === 0) return '';
  const max = Math.max(1, ...s.points.map((p) => Math.max(p.value, p.total ?? 0)));
  const pct = (v: number) => `${Math.round((v / max) * 1000) / 10}%`;
  const of = lang === 'ja' ? ' / ' : ' of ';
  const rows = s.points
    .map(
      (p) =>
        `<tr><th scope="row">${esc(p.label)}</th><td><span class="bar-total" style="width:${pct(p.total ?? p.value)}"><span class="bar-value" style="width:${p.total ? `${Math.round((p.value / p.total) * 1000) / 10}%` : '100%'}"></span></span></td><td class="num">${p.value}${p.total !== undefined ? `${of}${p.total}` : ''}</td></tr>`,
    )
    .join('');
  const legend = `${esc(s.unit)}${s.totalUnit ? ` (${lang === 'ja' ? '斜線' : 'hatched'}) · ${esc(s.totalUnit)} (${lang === 'ja' ? '枠' : 'outline'})` : ''}`;
  return `<table class="ev-chart"><caption>${esc(row.label)} — ${legend}</caption><tbody>${rows}</tbody></table>`;
}

export const EVIDENCE_EXTRAS_CSS = `.ev-data,.ev-chart{margin:.4rem 0;font-size:.85rem;width:100%}
.ev-data th,.ev-data td{vertical-align:top;text-align:left}
.ev-chart th{width:9rem;font-weight:normal;white-space:nowrap}
.ev-chart td.num{width:8rem;white-space:nowrap;font-variant-numeric:tabular-nums}
.bar-total{display:inline-block;height:.8rem;border:1px solid currentColor;vertical-align:middle;min-width:1px}
.bar-value{display:block;height:100%;background:repeating-linear-gradient(45deg,currentColor 0 2px,transparent 2px 5px)}`;
