import type { Db } from '../../../db/types';
import type { FormInput, FormUnit } from '../domain/reports/forms/common';
import { lastEvent, superiorNames } from '../domain/reports/forms/common';
import { formAvailability, isCandidateForm, type CandidateForm, type FormDraft } from '../domain/reports/forms/drafts';
import { form13Docx } from '../domain/reports/forms/form-13';
import { form18Docx } from '../domain/reports/forms/form-18';
import { form5Docx } from '../domain/reports/forms/form-5';
import { form6Docx } from '../domain/reports/forms/form-6';
import { DOTS } from '../domain/reports/party-document';
import { AppError } from '../errors';
import { formatViDate } from '../model/dates';
import type { Dossier } from '../model/dossier';
import { candidateIdsWithEvent, candidateRow } from '../store/candidates';
import { loadDossiers } from '../store/dossiers';
import { eligibleVoters, listMembers, probationaryMembers } from './member-service';
import { getSelfProfile, getSelfUnit, getUnit } from '../store/units';

/**
 * Form drafts (issue 5 item 4) filled from the database: the candidate's file, the roster on the meeting day and
 * the unit. Drafts are the own unit's work; a unit below drafts its own from its own data.
 */

export type FormRequest = { form: FormDraft; candidateId?: string | undefined; number?: string | undefined; place?: string | undefined };

/** The DOCX, whom it is about (a candidate's name, or the unit's for the register), and what to double-check. */
export type FormDraftFile = { bytes: Buffer; subject: string; notes: string[] };

/** The own unit as a form's issuing body, under its superior when the superior's name is known. */
function formUnit(db: Db, place: string | undefined): FormUnit {
  const self = getSelfProfile(db);
  const parent = self.parentCode ? getUnit(db, self.parentCode) : null;
  // A superior set up only by its code (before its trust file arrived) is left blank for the secretary to write.
  const known = parent && parent.name !== parent.code ? parent.name : null;
  // The unit profile's place and secretary fill the draft; a place given for one draft wins over the profile's.
  return { ...superiorNames(known), issuingBody: self.name, place: place?.trim() || self.documentPlace || DOTS, secretary: self.secretaryName };
}

function ownDossier(db: Db, candidateId: string): Dossier {
  const row = candidateRow(db, candidateId);
  const self = getSelfUnit(db);
  if (row.unitCode !== self.code) {
    throw new AppError('forbidden', `Mẫu văn bản chỉ lập cho người của đơn vị mình; hồ sơ này do đơn vị ${row.unitCode} gửi lên.`);
  }
  const loaded = loadDossiers(db, self.code, [candidateId])[0];
  if (!loaded) {
    throw new AppError('not-found', 'Không tìm thấy hồ sơ.');
  }
  return loaded.dossier;
}

/**
 * The roster's word on a vote: the probationary members that day, and a note when the full members recorded with
 * the vote differ from the roster's voters that day. The recorded number stays in the draft: it is what the meeting
 * counted (someone on leave is not counted), but a difference is worth a second look before signing.
 */
function rosterOnVote(db: Db, vote: { date: string; eligible: number } | null): { probationary: number | null; notes: string[] } {
  if (!vote || listMembers(db, { includeLeft: true }).length === 0) {
    return { probationary: null, notes: [] };
  }
  const voters = eligibleVoters(db, vote.date).length;
  const notes =
    voters === vote.eligible
      ? []
      : [
          `Biểu quyết ngày ${formatViDate(vote.date)} ghi ${vote.eligible} đảng viên chính thức, còn danh sách đảng viên của chi bộ ngày đó có ${voters} người có quyền biểu quyết. Mẫu dùng số đã ghi khi biểu quyết; hãy kiểm tra lại trước khi ký.`,
        ];
  return { probationary: probationaryMembers(db, vote.date).length, notes };
}

async function candidateForm(db: Db, form: CandidateForm, request: FormRequest): Promise<FormDraftFile> {
  if (!request.candidateId) {
    throw new AppError('validation', `Mẫu ${form} lập cho một người: hãy chọn người vào Đảng.`);
  }
  const dossier = ownDossier(db, request.candidateId);
  const availability = formAvailability(dossier.events).find((a) => a.form === form);
  if (availability?.reason) {
    throw new AppError('validation', `${dossier.candidate.fullName} — mẫu ${form}: ${availability.reason}`);
  }
  const vote = form === '6-KNĐ' ? lastEvent(dossier, 'CHI_BO_VOTED') : form === '13-KNĐ' ? lastEvent(dossier, 'RECOGNITION_VOTED') : null;
  const roster = rosterOnVote(db, vote);
  const input: FormInput = { dossier, unit: formUnit(db, request.place), number: request.number?.trim() || null, probationaryMembers: roster.probationary };
  const make = { '5-KNĐ': form5Docx, '6-KNĐ': form6Docx, '13-KNĐ': form13Docx }[form];
  return { bytes: await make(input), subject: dossier.candidate.fullName, notes: roster.notes };
}

/** 18-KNĐ: every own candidate whose admission ceremony is recorded, in ceremony order. */
async function register(db: Db, request: FormRequest): Promise<FormDraftFile> {
  if (request.candidateId) {
    throw new AppError('validation', 'Mẫu 18-KNĐ là sổ của cả chi bộ, không lập riêng cho một người.');
  }
  const self = getSelfUnit(db);
  const ids = candidateIdsWithEvent(db, self.code, 'CEREMONY_HELD');
  const dossiers = ids.length === 0 ? [] : loadDossiers(db, self.code, ids).map((c) => c.dossier);
  const listed = dossiers.filter((d) => lastEvent(d, 'CEREMONY_HELD')).length;
  if (listed === 0 && self.level !== 'chi-bo') {
    // A committee's register would be a header alone: the probationary members it oversees are in its chi bộ's books.
    throw new AppError('validation', `Sổ 18-KNĐ là sổ của chi bộ: ${self.name} không trực tiếp theo dõi đảng viên dự bị nào. Mỗi chi bộ lập sổ của mình.`);
  }
  const notes = listed === 0 ? ['Chưa ghi lễ kết nạp cho ai, nên sổ chỉ có dòng tiêu đề.'] : [];
  return { bytes: await form18Docx(formUnit(db, request.place), dossiers), subject: self.name, notes };
}

/** One form draft as DOCX, refused in Vietnamese when the data cannot fill it yet. */
export function formDraft(db: Db, request: FormRequest): Promise<FormDraftFile> {
  return isCandidateForm(request.form) ? candidateForm(db, request.form, request) : register(db, request);
}
