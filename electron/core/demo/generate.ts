import { addMonths, toDay, toIso } from '../domain/calendar/days';
import type { CandidateEvent, Dossier, DossierDocument, EDUCATION_LEVELS, OCCUPATIONS } from '../model/dossier';

/**
 * Realistic synthetic cells for demos and benchmarks: Vietnamese names, ages, ethnic groups, occupations, and
 * candidates spread over every stage with consistent dated events and documents. Seeded, so a run is repeatable.
 */

const FAMILY = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương', 'Lý', 'Đinh', 'Lương', 'Trịnh', 'Mai'];
const MIDDLE_M = ['Văn', 'Đức', 'Minh', 'Hữu', 'Quang', 'Thanh', 'Công', 'Xuân', 'Ngọc', 'Tiến'];
const MIDDLE_F = ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Minh', 'Kim', 'Hồng', 'Diệu', 'Phương', 'Bích'];
const GIVEN_M = ['An', 'Bình', 'Cường', 'Dũng', 'Đức', 'Giang', 'Hải', 'Hiếu', 'Hùng', 'Khánh', 'Long', 'Minh', 'Nam', 'Phong', 'Quân', 'Sơn', 'Thắng', 'Tuấn', 'Việt', 'Vinh'];
const GIVEN_F = ['Anh', 'Ánh', 'Chi', 'Dung', 'Hà', 'Hạnh', 'Hoa', 'Hương', 'Lan', 'Linh', 'Mai', 'Ngân', 'Nhung', 'Oanh', 'Phương', 'Quyên', 'Thảo', 'Trang', 'Uyên', 'Yến'];
const ETHNIC = ['Tày', 'Thái', 'Mường', 'Khmer', 'Nùng', 'H’Mông', 'Dao', 'Ê Đê'];
const OCCUPATION_WEIGHTS: [(typeof OCCUPATIONS)[number], number][] = [
  ['cong-nhan', 30], ['vien-chuc', 15], ['can-bo-cong-chuc', 12], ['nong-dan', 10], ['hoc-sinh-sinh-vien', 12],
  ['luc-luong-vu-trang', 4], ['chu-doanh-nghiep', 3], ['khac', 14],
];

/** mulberry32: tiny, fast, good enough for synthetic data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const weighted = <T>(r: Rand, xs: readonly [T, number][]): T => {
  let x = r() * xs.reduce((s, [, w]) => s + w, 0);
  for (const [v, w] of xs) {
    x -= w;
    if (x < 0) {
      return v;
    }
  }
  return xs[0]![0];
};
const plusDays = (iso: string, n: number) => toIso(toDay(iso) + n);

export function demoName(r: Rand, gender: 'nam' | 'nu'): string {
  return gender === 'nam'
    ? `${pick(r, FAMILY)} ${pick(r, MIDDLE_M)} ${pick(r, GIVEN_M)}`
    : `${pick(r, FAMILY)} ${pick(r, MIDDLE_F)} ${pick(r, GIVEN_F)}`;
}

export type DemoMember = { fullName: string; gender: 'nam' | 'nu'; birthDate: string; status: 'chinh-thuc' | 'du-bi'; joinedOn: string; fullMemberSince: string | null };

/** A roster of full members (with a few probationary ones) who joined years before `asOf`. */
export function demoMembers(r: Rand, count: number, asOf: string): DemoMember[] {
  return Array.from({ length: count }, (_, i) => {
    const gender = r() < 0.45 ? 'nu' : 'nam';
    const joinedOn = plusDays(asOf, -Math.floor(400 + r() * 9000));
    const probationary = i % 12 === 11;
    return {
      fullName: demoName(r, gender),
      gender,
      birthDate: plusDays(joinedOn, -Math.floor(20 * 365 + r() * 15 * 365)),
      status: probationary ? 'du-bi' : 'chinh-thuc',
      joinedOn: probationary ? plusDays(asOf, -Math.floor(30 + r() * 300)) : joinedOn,
      fullMemberSince: probationary ? null : toIso(addMonths(toDay(joinedOn), 12)),
    };
  });
}

const STEPS: { type: CandidateEvent['type']; gap: [number, number]; docs: DossierDocument['form'][] }[] = [
  { type: 'SOURCE_PROPOSED', gap: [0, 0], docs: [] },
  { type: 'LISTED', gap: [20, 60], docs: [] },
  { type: 'COURSE_CERTIFIED', gap: [30, 120], docs: [] },
  { type: 'DOSSIER_STARTED', gap: [20, 90], docs: ['1-KNĐ', '2-KNĐ'] },
  { type: 'CHI_BO_VOTED', gap: [40, 120], docs: ['3-KNĐ', '4-KNĐ', '5-KNĐ', 'TTLL', '6-KNĐ'] },
  { type: 'DUCS_VOTED', gap: [7, 25], docs: ['8-KNĐ'] },
  { type: 'ADMISSION_DECIDED', gap: [7, 40], docs: ['9-KNĐ'] },
  { type: 'CEREMONY_HELD', gap: [5, 35], docs: ['1-HSĐV', '2-HSĐV'] },
  { type: 'NEW_MEMBER_COURSE_DONE', gap: [60, 200], docs: [] },
  { type: 'RECOGNITION_VOTED', gap: [0, 0], docs: ['10-KNĐ', '11-KNĐ', '12-KNĐ', '13-KNĐ'] },
  { type: 'RECOGNITION_DECIDED', gap: [7, 30], docs: ['16-KNĐ'] },
];

function eventFor(r: Rand, type: CandidateEvent['type'], date: string, fullMembers: number, asOf: string): CandidateEvent {
  switch (type) {
    case 'SOURCE_PROPOSED':
      return { type, date, by: pick(r, ['doan', 'cong-doan', 'hoi', 'chi-bo'] as const) };
    case 'CHI_BO_VOTED':
    case 'RECOGNITION_VOTED':
      return { type, date, yes: fullMembers - Math.floor(r() * Math.max(1, fullMembers / 4)), eligible: fullMembers };
    case 'DUCS_VOTED':
      return { type, date, yes: 8, members: 9 };
    case 'ADMISSION_DECIDED':
    case 'RECOGNITION_DECIDED': {
      const number = `${100 + Math.floor(r() * 800)}-QĐ/ĐU`;
      const received = plusDays(date, Math.floor(r() * 6));
      // A decision signed a few days ago may not have reached the cell yet; it cannot have arrived after `asOf`.
      return { type, date, number, received: received > asOf ? asOf : received };
    }
    default:
      return { type, date } as CandidateEvent;
  }
}

/** One candidate's dossier, advanced a random number of steps from a start date, never past `asOf`. */
export function demoDossier(r: Rand, unitCode: string, asOf: string, mentors: readonly DemoMember[], fullMembers: number): Dossier {
  const gender = r() < 0.5 ? 'nu' : 'nam';
  const age = 18 + Math.floor(Math.pow(r(), 2) * 30);
  const start = plusDays(asOf, -Math.floor(r() * 1500));
  const birthDate = plusDays(start, -Math.floor(age * 365.25 + r() * 300));
  const youth = age <= 30 && r() < 0.8;
  const events: CandidateEvent[] = [];
  const documents: DossierDocument[] = [];
  let date = start;
  const steps = 1 + Math.floor(r() * STEPS.length);
  for (const step of STEPS.slice(0, steps)) {
    const next = step.type === 'RECOGNITION_VOTED' ? plusDays(events.find((e) => e.type === 'CEREMONY_HELD')!.date, 366 + Math.floor(r() * 20)) : plusDays(date, step.gap[0] + Math.floor(r() * (step.gap[1] - step.gap[0] + 1)));
    if (next > asOf) {
      break;
    }
    date = next;
    events.push(eventFor(r, step.type, date, fullMembers, asOf));
    documents.push(...step.docs.map((form) => ({ form, date: plusDays(date, -Math.floor(r() * 10)) })));
  }
  const mentor = pick(r, mentors);
  return {
    format: 'ptdv.dossier/1',
    unit: { code: unitCode, hasYouthUnion: true, fullMembers, ducsMembers: 9 },
    candidate: {
      fullName: demoName(r, gender),
      gender,
      birthDate,
      education: pick(r, ['thcs', 'thpt', 'thpt', 'trung-cap', 'cao-dang', 'dai-hoc', 'dai-hoc', 'sau-dai-hoc'] as (typeof EDUCATION_LEVELS)[number][]),
      educationException: null,
      youthUnionMember: youth,
      tradeUnionMember: !youth && r() < 0.7,
      introductionPath: youth ? 'doan' : r() < 0.5 ? 'cong-doan' : 'hai-dang-vien',
      ethnicity: r() < 0.12 ? pick(r, ETHNIC) : 'Kinh',
      religion: r() < 0.08 ? pick(r, ['Phật giáo', 'Công giáo', 'Tin lành', 'Cao Đài']) : null,
      occupation: weighted(r, OCCUPATION_WEIGHTS),
      nonStateEnterprise: r() < 0.3,
    },
    events,
    documents,
    introducers: events.some((e) => e.type === 'DOSSIER_STARTED') ? [{ name: mentor.fullName, fullMemberSince: mentor.fullMemberSince, workedTogetherSince: plusDays(start, -400), replacement: false, letterDate: date }] : [],
    mentors: events.some((e) => e.type === 'LISTED') ? [{ name: mentor.fullName, role: 'pre-admission', from: events[1]!.date, to: null }] : [],
  };
}
