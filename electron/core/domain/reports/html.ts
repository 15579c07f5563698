import type { Report } from '../../model/report';
import type { PartyDocumentMeta } from './party-document';
import { DOTS, placeDateLine } from './party-document';
import { reportTables } from './report-tables';
import { reportSubject, summarySentences } from './summary-text';
import type { ReportTable } from './table-model';
import { formatCell, forPaper } from './table-model';
import { DRILL_DOWN_NOTE, hasDrillDown, unitRows } from './unit-tables';

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];

/**
 * Printed through Chromium's printToPDF: A4 with HD 36 margins, a landscape page for the per-unit appendix, and the
 * page number centred in the top margin from the second page on, as the DOCX has it (margin boxes: Chromium 131+).
 */
const CSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; @top-center { content: counter(page); font-family: "Times New Roman", "Liberation Serif", serif; font-size: 14pt; } }
@page :first { @top-center { content: none; } }
@page wide { size: A4 landscape; margin: 15mm; }
* { box-sizing: border-box; }
body { font-family: "Times New Roman", "Liberation Serif", "Noto Serif", "Noto Sans", serif; font-size: 14pt; line-height: 1.35; color: #000; margin: 0; }
.page { max-width: 165mm; margin: 0 auto; }
.head, .foot { display: grid; grid-template-columns: 45% 55%; text-align: center; }
.foot { grid-template-columns: 50% 50%; margin-top: 12pt; break-inside: avoid; }
.head p, .foot p { margin: 0; }
.party { font-weight: bold; text-decoration: underline; font-size: 15pt; margin-bottom: 12pt !important; }
.date { font-style: italic; }
h1 { text-align: center; font-size: 16pt; margin: 18pt 0 0; }
.subject { text-align: center; font-weight: bold; margin: 0; }
.rule { text-align: center; margin: 0 0 12pt; }
.text { text-align: justify; text-indent: 10mm; margin: 0 0 4pt; }
h2 { font-size: 14pt; margin: 12pt 0 4pt; break-after: avoid; }
table.data { border-collapse: collapse; width: 100%; font-size: 11pt; table-layout: fixed; }
table.data th, table.data td { border: 1px solid #000; padding: 1pt 3pt; }
table.data th { background: #dde6f0; }
table.data td.n { text-align: right; white-space: nowrap; }
table.data td.empty { text-align: center; font-style: italic; }
table.data td { overflow-wrap: break-word; }
table.data tr.total td, table.data tr.group td { font-weight: bold; }
table.data tr.sub td:nth-child(2) { padding-left: 14pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
.recipients { text-align: left; font-size: 12pt; }
.recipients .label { text-decoration: underline; }
.sign { padding-bottom: 20mm; }
.appendix { page: wide; break-before: page; }
.note { font-size: 12pt; font-style: italic; margin: 0 0 6pt; }
`;

/** Escapes text for HTML content and attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Finding codes (INTRODUCER_NOT_FULL_MEMBER) may break after an underscore rather than in mid-word. */
function breakable(text: string): string {
  return escapeHtml(text).replace(/_/g, '_<wbr>');
}

function tableHtml(table: ReportTable): string {
  const sum = table.columns.reduce((a, c) => a + c.width, 0);
  // The model's widths, as the DOCX uses them; left to the browser, short numbers would crowd out unit names.
  const cols = table.columns.map((c) => `<col style="width:${((c.width / sum) * 100).toFixed(1)}%">`).join('');
  const head = table.columns.map((c) => `<th>${escapeHtml(c.header)}</th>`).join('');
  const row = (cells: ReportTable['rows'][number], attrs: string) =>
    `<tr${attrs}>${table.columns.map((c, i) => (c.kind === 'text' ? `<td>${breakable(formatCell(cells[i] ?? null, c.kind))}</td>` : `<td class="n">${escapeHtml(formatCell(cells[i] ?? null, c.kind))}</td>`)).join('')}</tr>`;
  const rows = table.rows.map((r, i) => row(r, treeAttributes(table, i)));
  if (table.totalRow) {
    rows.push(row(table.totalRow, ' class="total"'));
  }
  if (rows.length === 0 && table.emptyText) {
    rows.push(`<tr><td class="empty" colspan="${table.columns.length}">${escapeHtml(table.emptyText)}</td></tr>`);
  }
  return `<table class="data" data-table="${table.id}"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/**
 * A row with rows under it is a group (bold), a row under one is `sub` (indented) and names its group's row, so the
 * app's preview can fold the drill-down away; printed, every row shows.
 */
function treeAttributes(table: ReportTable, i: number): string {
  const levels = table.rowLevels;
  if (!levels) {
    return '';
  }
  if (levels[i] === 1) {
    return ` class="sub" data-parent="${levels.lastIndexOf(0, i)}"`;
  }
  return levels[i + 1] === 1 ? ` class="group" data-row="${i}"` : ` data-row="${i}"`;
}

function header(meta: PartyDocumentMeta): string {
  return `<div class="head">
<div><p>${escapeHtml(meta.superiorBody.toUpperCase())}</p><p><b>${escapeHtml(meta.issuingBody.toUpperCase())}</b></p><p>*</p><p>Số ${escapeHtml(meta.number || DOTS)}</p></div>
<div><p class="party">ĐẢNG CỘNG SẢN VIỆT NAM</p><p class="date">${escapeHtml(placeDateLine(meta.place, meta.date))}</p></div>
</div>`;
}

function footer(meta: PartyDocumentMeta): string {
  const list = meta.recipients.map((r, i) => `<p>- ${escapeHtml(r)}${i === meta.recipients.length - 1 ? '.' : ','}</p>`).join('');
  return `<div class="foot">
<div class="recipients"><p class="label">Nơi nhận:</p>${list}</div>
<div><p><b>${escapeHtml(meta.signer.onBehalfOf.toUpperCase())}</b></p><p class="sign">${escapeHtml(meta.signer.position.toUpperCase())}</p><p><b>${escapeHtml(meta.signer.name || DOTS)}</b></p></div>
</div>`;
}

/**
 * The report as one self-contained printable HTML page (inline CSS, no external resources), laid out like the
 * DOCX: Party header, title, figures, body tables, recipients and signature, and a landscape per-unit appendix.
 */
export function reportToHtml(report: Report, meta: PartyDocumentMeta): string {
  const tables = reportTables(report).map(forPaper);
  const body = tables
    .filter((t) => t.placement === 'body')
    .map((t, i) => `<h2>${ROMAN[i] ?? i + 1}. ${escapeHtml(t.title.toUpperCase())}</h2>${tableHtml(t)}`)
    .join('\n');
  const appendix =
    unitRows(report).length > 1 || hasDrillDown(report)
      ? `<section class="appendix"><h2 style="text-align:center">PHỤ LỤC: SỐ LIỆU THEO ĐƠN VỊ</h2>${hasDrillDown(report) ? `<p class="note">${escapeHtml(DRILL_DOWN_NOTE)}</p>` : ''}${tables
          .filter((t) => t.placement === 'appendix')
          .map((t, i) => `<h2>Biểu ${i + 1}. ${escapeHtml(t.title)}</h2>${tableHtml(t)}`)
          .join('\n')}</section>`
      : '';
  const text = summarySentences(report).map((s) => `<p class="text">${escapeHtml(s)}</p>`).join('');
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Báo cáo ${escapeHtml(report.period.label)}</title><style>${CSS}</style></head>
<body><main class="page">
${header(meta)}
<h1>BÁO CÁO</h1><p class="subject">${escapeHtml(reportSubject(report))}</p><p class="rule">-----</p>
${text}
${body}
${footer(meta)}
</main>${appendix}</body></html>
`;
}
