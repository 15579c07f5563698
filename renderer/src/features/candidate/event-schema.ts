import { z } from 'zod';
import { dateRefusal } from '../../lib/form';
import { parseViDate } from '../../../../electron/core/model/dates';
import { EVENT_TYPES, PROPOSERS, type CandidateEvent, type EventType } from '../../../../electron/core/model/dossier';

/** Which extra fields each event type asks for (docs/dossier-format.md, event-specific fields). */
export type EventShape = 'plain' | 'source' | 'vote' | 'ducs-vote' | 'admission' | 'recognition' | 'extension';

export function eventShape(type: EventType): EventShape {
  switch (type) {
    case 'SOURCE_PROPOSED':
      return 'source';
    case 'CHI_BO_VOTED':
    case 'RECOGNITION_VOTED':
      return 'vote';
    case 'DUCS_VOTED':
    case 'DUCS_RECOGNITION_VOTED':
      return 'ducs-vote';
    case 'ADMISSION_DECIDED':
      return 'admission';
    case 'RECOGNITION_DECIDED':
      return 'recognition';
    case 'DECISION_EXTENDED':
      return 'extension';
    default:
      return 'plain';
  }
}

const raw = z.object({
  type: z.enum(EVENT_TYPES as [EventType, ...EventType[]], 'Chọn loại sự kiện.'),
  date: z.string(),
  note: z.string().max(2000, 'Ghi chú tối đa 2000 ký tự.'),
  by: z.union([z.literal(''), z.enum(PROPOSERS)]),
  yes: z.string(),
  total: z.string(),
  number: z.string().max(60, 'Số quyết định tối đa 60 ký tự.'),
  received: z.string(),
  workingDays: z.string(),
});
export type EventFormIn = z.input<typeof raw>;

type Ctx = z.RefinementCtx;

function date(text: string, path: string, ctx: Ctx, required: boolean): string | null {
  if (text.trim() === '') {
    if (required) {
      ctx.addIssue({ code: 'custom', path: [path], message: 'Nhập ngày (ngày/tháng/năm).' });
    }
    return null;
  }
  const iso = parseViDate(text);
  if (!iso) {
    ctx.addIssue({ code: 'custom', path: [path], message: dateRefusal(text) });
  }
  return iso;
}

function whole(text: string, path: string, ctx: Ctx, required: string | null): number | null {
  if (text.trim() === '') {
    if (required) {
      ctx.addIssue({ code: 'custom', path: [path], message: required });
    }
    return null;
  }
  if (!/^\d{1,6}$/.test(text.trim())) {
    ctx.addIssue({ code: 'custom', path: [path], message: 'Nhập một số nguyên không âm.' });
    return null;
  }
  return Number(text.trim());
}

function votes(v: EventFormIn, ctx: Ctx, totalLabel: string): { yes: number; total: number } {
  const yes = whole(v.yes, 'yes', ctx, 'Nhập số phiếu tán thành.') ?? 0;
  const total = whole(v.total, 'total', ctx, `Nhập ${totalLabel}.`) ?? 0;
  if (yes > total) {
    ctx.addIssue({ code: 'custom', path: ['yes'], message: `Số phiếu tán thành không thể lớn hơn ${totalLabel}.` });
  }
  return { yes, total };
}

function build(v: EventFormIn, ctx: Ctx): CandidateEvent {
  const base = { date: date(v.date, 'date', ctx, true) ?? '', note: v.note.trim() || null };
  const type = v.type;
  switch (eventShape(type)) {
    case 'source':
      return { type: 'SOURCE_PROPOSED', ...base, by: v.by || null };
    case 'vote': {
      const { yes, total } = votes(v, ctx, 'số đảng viên chính thức có quyền biểu quyết');
      return { type: type as 'CHI_BO_VOTED', ...base, yes, eligible: total };
    }
    case 'ducs-vote': {
      const { yes, total } = votes(v, ctx, 'tổng số cấp ủy viên');
      return { type: type as 'DUCS_VOTED', ...base, yes, members: total };
    }
    case 'admission':
    case 'recognition': {
      const decision = { number: v.number.trim() || null, received: date(v.received, 'received', ctx, false) };
      return { type: type as 'ADMISSION_DECIDED', ...base, ...decision };
    }
    case 'extension': {
      const days = whole(v.workingDays, 'workingDays', ctx, 'Nhập số ngày làm việc được gia hạn.');
      if (days !== null && (days < 1 || days > 30)) {
        ctx.addIssue({ code: 'custom', path: ['workingDays'], message: 'Gia hạn từ 1 đến 30 ngày làm việc.' });
      }
      return { type: 'DECISION_EXTENDED', ...base, workingDays: days ?? 0 };
    }
    default:
      return { type: type as 'LISTED', ...base };
  }
}

/** The add-event form: raw text in, a contract-valid CandidateEvent out, errors attached to their fields. */
export const eventFormSchema = raw.transform(build);

export function emptyEvent(type: EventType, today: string): EventFormIn {
  return { type, date: today, note: '', by: '', yes: '', total: '', number: '', received: '', workingDays: '' };
}
