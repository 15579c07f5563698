import type { CandidateEvent } from '../../../model/dossier';
import { searchKey } from '../../names';
import { isTerminalStage, stageRank, STAGE_OF_EVENT } from '../../rules/stage';

/**
 * The documents ptdv drafts from the data. 1-KNĐ, the application, is not among them: the applicant writes it by
 * hand, so it is never generated.
 */
export const FORM_DRAFTS = ['5-KNĐ', '6-KNĐ', '13-KNĐ', '18-KNĐ'] as const;
export type FormDraft = (typeof FORM_DRAFTS)[number];

/** The drafts about one candidate; 18-KNĐ is the cell's register of all its probationary members. */
export const CANDIDATE_FORMS = ['5-KNĐ', '6-KNĐ', '13-KNĐ'] as const;
export type CandidateForm = (typeof CANDIDATE_FORMS)[number];

export function isCandidateForm(form: FormDraft): form is CandidateForm {
  return (CANDIDATE_FORMS as readonly string[]).includes(form);
}

/** Whether a draft can be made yet and, when not, the sentence that says why. */
export type FormAvailability = { form: CandidateForm; available: boolean; reason: string | null };

/** The step each draft is filled from: its date and vote numbers come from that event. */
const READY: Readonly<Record<CandidateForm, { ready: (e: Pick<CandidateEvent, 'type'>) => boolean; missing: string }>> = {
  '5-KNĐ': {
    // Any step from "chi bộ cho làm hồ sơ" to recognition means the dossier the summary belongs to was prepared.
    ready: (e) => {
      const stage = STAGE_OF_EVENT[e.type];
      return stage !== null && stageRank(stage) >= stageRank('lam-ho-so') && !isTerminalStage(stage);
    },
    missing: 'Chưa có: chi bộ chưa cho làm hồ sơ. Mẫu 5-KNĐ được lập khi chuẩn bị hồ sơ kết nạp.',
  },
  '6-KNĐ': {
    ready: (e) => e.type === 'CHI_BO_VOTED',
    missing: 'Chưa có: chưa ghi sự kiện chi bộ biểu quyết đề nghị kết nạp; nghị quyết lấy ngày họp và số phiếu từ đó.',
  },
  '13-KNĐ': {
    ready: (e) => e.type === 'RECOGNITION_VOTED',
    missing: 'Chưa có: chưa ghi sự kiện chi bộ biểu quyết công nhận chính thức; nghị quyết lấy ngày họp và số phiếu từ đó.',
  },
};

/** Which single-candidate drafts the events in force (voided ones left out) allow. */
export function formAvailability(events: readonly Pick<CandidateEvent, 'type'>[]): FormAvailability[] {
  return CANDIDATE_FORMS.map((form) => {
    const available = events.some(READY[form].ready);
    return { form, available, reason: available ? null : READY[form].missing };
  });
}

/** An e-mail-safe file name: "6-KND-nguyen-thi-lan.docx" for a candidate, "18-KND-cb014.docx" for a unit. */
export function formFileName(form: FormDraft, subject: string): string {
  const stem = searchKey(subject).replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${form.replace('Đ', 'D')}${stem ? `-${stem}` : ''}.docx`;
}
