import { Document, Packer } from 'docx';
import type { Paragraph, Table } from 'docx';
import type { Report } from '../../model/report';
import { docxTable } from './docx-table';
import type { PartyDocumentMeta } from './party-document';
import { A4, FONT, PORTRAIT_WIDTH, SMALL, a4Section, documentTitle, para, partyHeader, recipientsAndSignature } from './party-document';
import { reportTables } from './report-tables';
import { forPaper } from './table-model';
import { DRILL_DOWN_NOTE, hasDrillDown, unitRows } from './unit-tables';
import { reportSubject, summarySentences } from './summary-text';

export type { PartyDocumentMeta };

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X'];
const LANDSCAPE_WIDTH = A4.height - 2 * 1134;

/**
 * The report as a Party document (HD 36-HD/VPTW layout): issuing body and "ĐẢNG CỘNG SẢN VIỆT NAM" header, number,
 * place and date, "BÁO CÁO" title, the figures and body tables, recipients and signature; for a superior, a
 * landscape appendix with one row per unit.
 */
export async function reportToDocx(report: Report, meta: PartyDocumentMeta): Promise<Buffer> {
  const tables = reportTables(report).map(forPaper);
  const body: (Paragraph | Table)[] = [
    partyHeader(meta),
    ...documentTitle('BÁO CÁO', reportSubject(report)),
    ...summarySentences(report).map((s) => para({ text: s }, { align: 'both', indent: true })),
  ];
  tables
    .filter((t) => t.placement === 'body')
    .forEach((t, i) => body.push(para({ text: `${ROMAN[i] ?? i + 1}. ${t.title.toUpperCase()}`, bold: true }, { before: 240, keepNext: true }), docxTable(t, PORTRAIT_WIDTH)));
  body.push(recipientsAndSignature(meta));
  const sections = [a4Section(body)];
  const appendix = tables.filter((t) => t.placement === 'appendix');
  if ((unitRows(report).length > 1 || hasDrillDown(report)) && appendix.length > 0) {
    const children: (Paragraph | Table)[] = [para({ text: 'PHỤ LỤC: SỐ LIỆU THEO ĐƠN VỊ', bold: true }, { align: 'center', after: 120 })];
    if (hasDrillDown(report)) {
      children.push(para({ text: DRILL_DOWN_NOTE, italics: true, size: SMALL }, { align: 'both', after: 120 }));
    }
    appendix.forEach((t, i) => children.push(para({ text: `Biểu ${i + 1}. ${t.title}`, bold: true }, { before: 240, keepNext: true }), docxTable(t, LANDSCAPE_WIDTH)));
    sections.push(a4Section(children, true, false));
  }
  const doc = new Document({
    creator: 'ptdv',
    title: `Báo cáo ${report.period.label}`,
    styles: { default: { document: { run: { font: FONT } } } },
    sections,
  });
  return Packer.toBuffer(doc);
}
