import { AlignmentType, BorderStyle, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import { FONT } from './party-document';
import type { ReportTable } from './table-model';
import { formatCell } from './table-model';

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };
/** 11 pt keeps a ten-column table readable on an A4 page. */
const TABLE_FONT = 22;

function cell(textValue: string, width: number, opts: { bold?: boolean; right?: boolean; header?: boolean; span?: number; italics?: boolean }): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: opts.span,
    verticalAlign: VerticalAlign.CENTER,
    // Set on every cell, not only the table: LibreOffice drops table-level borders on a table of one or two rows.
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE },
    shading: opts.header ? { type: ShadingType.CLEAR, color: 'auto', fill: 'DDE6F0' } : undefined,
    margins: { left: 60, right: 60, top: 20, bottom: 20 },
    children: [
      new Paragraph({
        alignment: opts.header || opts.span ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text: textValue, bold: opts.bold || opts.header, italics: opts.italics, font: FONT, size: TABLE_FONT })],
      }),
    ],
  });
}

/** A bordered table filling `width` twips; columns share it in proportion to their XLSX widths. */
export function docxTable(table: ReportTable, width: number): Table {
  const sum = table.columns.reduce((a, c) => a + c.width, 0);
  const widths = table.columns.map((c) => Math.floor((c.width / sum) * width));
  const header = new TableRow({ tableHeader: true, children: table.columns.map((c, i) => cell(c.header, widths[i]!, { header: true })) });
  const line = (cells: ReportTable['rows'][number], bold: boolean) =>
    new TableRow({
      cantSplit: true,
      children: table.columns.map((c, i) => cell(formatCell(cells[i] ?? null, c.kind), widths[i]!, { bold, right: c.kind !== 'text' })),
    });
  const rows = table.rows.map((r) => line(r, false));
  if (table.totalRow) {
    rows.push(line(table.totalRow, true));
  }
  if (rows.length === 0 && table.emptyText) {
    rows.push(new TableRow({ children: [cell(table.emptyText, width, { span: table.columns.length, italics: true })] }));
  }
  return new Table({ width: { size: width, type: WidthType.DXA }, columnWidths: widths, borders: BORDERS, rows: [header, ...rows] });
}
