import { AlignmentType, BorderStyle, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, VerticalAlign, WidthType } from 'docx';
import { FONT } from './party-document';
import type { ReportTable } from './table-model';
import { formatCell } from './table-model';

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const BORDERS = { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE };
/** 11 pt keeps a ten-column table readable on an A4 page. */
const TABLE_FONT = 22;

/** How far a drill-down row's unit name is indented under its group's row, in twips. */
const SUB_INDENT = 280;

function cell(textValue: string, width: number, opts: { bold?: boolean; right?: boolean; header?: boolean; span?: number; italics?: boolean; indent?: boolean }): TableCell {
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
        indent: opts.indent ? { left: SUB_INDENT } : undefined,
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
  const levels = table.rowLevels;
  const line = (cells: ReportTable['rows'][number], bold: boolean, sub = false) =>
    new TableRow({
      cantSplit: true,
      // The first text column names the unit: a chi bộ under its đảng ủy cơ sở is indented.
      children: table.columns.map((c, i) => cell(formatCell(cells[i] ?? null, c.kind), widths[i]!, { bold, right: c.kind !== 'text', indent: sub && i === 1 })),
    });
  const rows = table.rows.map((r, i) => line(r, levels?.[i + 1] === 1 && levels[i] === 0, levels?.[i] === 1));
  if (table.totalRow) {
    rows.push(line(table.totalRow, true));
  }
  if (rows.length === 0 && table.emptyText) {
    rows.push(new TableRow({ children: [cell(table.emptyText, width, { span: table.columns.length, italics: true })] }));
  }
  return new Table({ width: { size: width, type: WidthType.DXA }, columnWidths: widths, borders: BORDERS, rows: [header, ...rows] });
}
