import { AlignmentType, BorderStyle, Header, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { ISectionOptions } from 'docx';

/** Who issues and signs a Party document (Hướng dẫn 36-HD/VPTW: thể thức văn bản của Đảng). */
export type PartyDocumentMeta = {
  /** The committee above the issuing body, e.g. "ĐẢNG BỘ PHƯỜNG BA ĐÌNH". */
  superiorBody: string;
  /** The issuing body, e.g. "CHI BỘ KHU DÂN CƯ SỐ 5". */
  issuingBody: string;
  /** Number and symbol without "Số", e.g. "05-BC/CB"; empty leaves a dotted blank. */
  number: string;
  place: string;
  /** ISO day of signing; null leaves the day blank for the secretary to write. */
  date: string | null;
  recipients: string[];
  signer: { onBehalfOf: string; position: string; name: string };
};

/** Liberation Serif (fonts-liberation2) stands in for Times New Roman with full Vietnamese coverage. */
export const FONT = 'Times New Roman';
/** docx sizes are half-points: 14 pt body text as HD 36 asks, 12 pt for tables and recipients. */
export const BODY = 28;
export const SMALL = 24;
/** A4 in twips with HD 36 margins: top/bottom 20 mm, left 30 mm, right 15 mm. */
export const A4 = { width: 11906, height: 16838 };
export const MARGINS = { top: 1134, bottom: 1134, left: 1701, right: 850 };
export const PORTRAIT_WIDTH = A4.width - MARGINS.left - MARGINS.right;
export const DOTS = '……………';
/** Day, month and year blanks short enough to keep the date line on one line. */
const SHORT_DOTS = '……';

type RunSpec = { text: string; bold?: boolean; italics?: boolean; underline?: boolean; size?: number };

/** A paragraph of one or more runs in the document font. */
export function para(runs: RunSpec | RunSpec[], options: { align?: 'left' | 'center' | 'right' | 'both'; after?: number; before?: number; indent?: boolean; keepNext?: boolean } = {}): Paragraph {
  const list = Array.isArray(runs) ? runs : [runs];
  return new Paragraph({
    alignment: ALIGN[options.align ?? 'left'],
    spacing: { after: options.after ?? 60, before: options.before ?? 0 },
    indent: options.indent ? { firstLine: 567 } : undefined,
    keepNext: options.keepNext,
    children: list.map(
      (r) => new TextRun({ text: r.text, bold: r.bold, italics: r.italics, underline: r.underline ? {} : undefined, font: FONT, size: r.size ?? BODY }),
    ),
  });
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, both: AlignmentType.JUSTIFIED };

const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NONE, bottom: NONE, left: NONE, right: NONE, insideHorizontal: NONE, insideVertical: NONE };

/**
 * A borderless two-column layout row, as Party documents place the header and the signature. The row never breaks
 * across pages: a signature block cut after "T/M CHI BỘ" leaves "BÍ THƯ" and the name alone on the next page.
 */
export function twoColumns(left: Paragraph[], right: Paragraph[], leftShare = 0.45, width = PORTRAIT_WIDTH): Table {
  const widths = [Math.round(width * leftShare), Math.round(width * (1 - leftShare))];
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    borders: NO_BORDERS,
    rows: [
      new TableRow({
        cantSplit: true,
        children: [left, right].map((children, i) => new TableCell({ children, width: { size: widths[i]!, type: WidthType.DXA }, borders: NO_BORDERS })),
      }),
    ],
  });
}

/** "Hà Nội, ngày 28 tháng 12 năm 2026", with dotted blanks when the day is not decided yet. */
export function placeDateLine(place: string, date: string | null): string {
  if (!date) {
    return `${place || DOTS}, ngày ${SHORT_DOTS} tháng ${SHORT_DOTS} năm ${SHORT_DOTS}`;
  }
  const [y, m, d] = date.split('-');
  return `${place}, ngày ${d} tháng ${m} năm ${y}`;
}

/** Header block: issuing body with the star on the left, the Party's name and the place-date line on the right. */
export function partyHeader(meta: PartyDocumentMeta): Table {
  const left = [
    para({ text: meta.superiorBody.toUpperCase(), size: BODY }, { align: 'center', after: 0 }),
    para({ text: meta.issuingBody.toUpperCase(), bold: true }, { align: 'center', after: 0 }),
    para({ text: '*' }, { align: 'center', after: 0 }),
    para({ text: `Số ${meta.number || DOTS}` }, { align: 'center' }),
  ];
  const right = [
    para({ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', bold: true, underline: true, size: 30 }, { align: 'center', after: 240 }),
    para({ text: placeDateLine(meta.place, meta.date), italics: true }, { align: 'center' }),
  ];
  return twoColumns(left, right);
}

/** Bold centred title with its subject line underneath ("BÁO CÁO" / "Kết quả …"). */
export function documentTitle(title: string, subject: string | null): Paragraph[] {
  const lines = [para({ text: title, bold: true, size: 32 }, { align: 'center', before: 360, after: 60 })];
  if (subject) {
    lines.push(para({ text: subject, bold: true }, { align: 'center', after: 60 }));
  }
  lines.push(para({ text: '-----' }, { align: 'center', after: 240 }));
  return lines;
}

/** "Nơi nhận:" bottom-left and the signature block (T/M …, position, room to sign, name) bottom-right. */
export function recipientsAndSignature(meta: PartyDocumentMeta): Table {
  const left = [
    para({ text: 'Nơi nhận:', underline: true, size: SMALL }, { after: 0, before: 240 }),
    ...meta.recipients.map((r, i) => para({ text: `- ${r}${i === meta.recipients.length - 1 ? '.' : ','}`, size: SMALL }, { after: 0 })),
  ];
  const right = [
    para({ text: meta.signer.onBehalfOf.toUpperCase(), bold: true }, { align: 'center', after: 0, before: 240 }),
    para({ text: meta.signer.position.toUpperCase() }, { align: 'center', after: 1200 }),
    para({ text: meta.signer.name || DOTS, bold: true }, { align: 'center' }),
  ];
  return twoColumns(left, right, 0.5);
}

/**
 * Section properties of an A4 Party document page. Pages are numbered as Party documents are: Arabic figures, 14 pt,
 * centred in the top margin, none on the first page (`opening`: the section the document starts with; a later one,
 * the landscape appendix, goes on numbering).
 */
export function a4Section(children: ISectionOptions['children'], landscape = false, opening = true): ISectionOptions {
  const pageNumber = new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], font: FONT, size: BODY })] })] });
  return {
    properties: {
      titlePage: opening,
      page: {
        size: { width: A4.width, height: A4.height, orientation: landscape ? 'landscape' : 'portrait' },
        margin: landscape ? { top: 1134, bottom: 1134, left: 1134, right: 1134, header: 567 } : { ...MARGINS, header: 567 },
      },
    },
    headers: { default: pageNumber, first: new Header({ children: [] }) },
    children,
  };
}
