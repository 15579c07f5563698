import { Document, Packer } from 'docx';
import type { Paragraph, Table } from 'docx';
import type { CandidateEvent, Dossier, EventType } from '../../../model/dossier';
import { formatViDate } from '../../../model/dates';
import { EDUCATION_LABELS, OCCUPATION_LABELS } from '../../../model/labels';
import type { PartyDocumentMeta } from '../party-document';
import { DOTS, FONT, a4Section, para } from '../party-document';

/** The unit a form is issued by. */
export type FormUnit = {
  /** Committee above the cell as written in the header, e.g. "Đảng bộ phường Ba Đình". */
  superiorBody: string;
  /** The committee that receives the cell's proposals, e.g. "Đảng ủy phường Ba Đình". */
  superiorCommittee: string;
  /** The cell, e.g. "Chi bộ Khu dân cư số 5". */
  issuingBody: string;
  place: string;
  secretary?: string | null;
};

/**
 * What every single-candidate form needs; `number` is the document's number and symbol if already assigned, and
 * `probationaryMembers` the cell's probationary members on the meeting day (they attend but do not vote), when
 * the roster is kept in the app.
 */
export type FormInput = { dossier: Dossier; unit: FormUnit; number?: string | null; probationaryMembers?: number | null };

/** The roster line under the full members' count of a resolution. */
export function probationaryLine(input: FormInput): Paragraph {
  return body(`Tổng số đảng viên dự bị: ${orDots(input.probationaryMembers)} đồng chí.`);
}

/** A value or the dotted blank the secretary fills by hand. */
export function orDots(value: string | number | null | undefined): string {
  return value === null || value === undefined || value === '' ? DOTS : String(value);
}

/** The latest event of a type: after corrections, the one that stands. */
export function lastEvent<T extends EventType>(d: Dossier, type: T): Extract<CandidateEvent, { type: T }> | null {
  const found = d.events.filter((e): e is Extract<CandidateEvent, { type: T }> => e.type === type);
  return found.sort((a, b) => a.date.localeCompare(b.date)).at(-1) ?? null;
}

export function viDate(iso: string | null | undefined): string {
  return iso ? formatViDate(iso) : DOTS;
}

/** Share of yes votes in percent with one decimal, written the Vietnamese way (66,7). */
export function votePercent(yes: number, eligible: number): string {
  return eligible === 0 ? DOTS : (Math.round((yes / eligible) * 1000) / 10).toLocaleString('vi-VN');
}

/** The candidate's identity lines, with blanks for what the profile does not hold yet. */
export function identityLines(d: Dossier, role: 'quần chúng' | 'đồng chí'): Paragraph[] {
  const c = d.candidate;
  const lines = [
    `Họ và tên ${role}: ${c.fullName}; giới tính: ${c.gender === 'nu' ? 'nữ' : c.gender === 'nam' ? 'nam' : DOTS}`,
    `Sinh ngày: ${viDate(c.birthDate)}; dân tộc: ${orDots(c.ethnicity)}; tôn giáo: ${orDots(c.religion)}`,
    `Quê quán: ${c.hometown || `${DOTS}${DOTS}${DOTS}`}`,
    `Nơi cư trú: ${c.residence || `${DOTS}${DOTS}${DOTS}`}`,
    `Nghề nghiệp: ${c.occupationDetail || (c.occupation ? OCCUPATION_LABELS[c.occupation] : DOTS)}; trình độ học vấn: ${c.education ? EDUCATION_LABELS[c.education] : DOTS}`,
  ];
  return lines.map((text) => para({ text: `- ${text}` }, { align: 'both', indent: true, after: 40 }));
}

/** Header meta of a cell's form: signed by the cell's secretary on behalf of the cell (or its committee). */
export function formMeta(unit: FormUnit, number: string | null | undefined, date: string | null, onBehalfOf = 'T/M CHI BỘ'): PartyDocumentMeta {
  return {
    superiorBody: unit.superiorBody,
    issuingBody: unit.issuingBody,
    number: number ?? '',
    place: unit.place,
    date,
    recipients: [`${unit.superiorCommittee} (để xét)`, 'Lưu chi bộ'],
    signer: { onBehalfOf, position: 'BÍ THƯ', name: unit.secretary ?? '' },
  };
}

/** Packs one A4 document (portrait by default) in the report font. */
export async function packForm(title: string, children: (Paragraph | Table)[], landscape = false): Promise<Buffer> {
  const doc = new Document({
    creator: 'ptdv',
    title,
    styles: { default: { document: { run: { font: FONT } } } },
    sections: [a4Section(children, landscape)],
  });
  return Packer.toBuffer(doc);
}

/** A numbered body paragraph (justified, first-line indent). */
export function body(text: string, bold = false, keepNext = false): Paragraph {
  return para({ text, bold }, { align: 'both', indent: true, after: 80, keepNext });
}

/** The body's last paragraph, kept on the page of the signature that follows it: a signing page never stands alone. */
export function lastBody(text: string): Paragraph {
  return body(text, false, true);
}

/**
 * The header's party body and the deciding committee from the one name the superior is known by: "Đảng ủy phường
 * Ba Đình" heads the "Đảng bộ phường Ba Đình" and the other way round; an unknown superior is left blank.
 */
export function superiorNames(name: string | null): Pick<FormUnit, 'superiorBody' | 'superiorCommittee'> {
  if (!name) {
    return { superiorBody: DOTS, superiorCommittee: DOTS };
  }
  const committee = /^Đảng ủy\s/i.exec(name);
  const body = /^Đảng bộ\s/i.exec(name);
  return {
    superiorBody: committee ? `Đảng bộ ${name.slice(committee[0].length)}` : name,
    superiorCommittee: body ? `Đảng ủy ${name.slice(body[0].length)}` : name,
  };
}
