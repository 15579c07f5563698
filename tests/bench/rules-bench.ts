import { performance } from 'node:perf_hooks';
import { buildCalendar } from '../../electron/core/domain/calendar/calendar';
import { toIso } from '../../electron/core/domain/calendar/days';
import { VN_CALENDAR_SEED } from '../../electron/core/domain/calendar/seed-vn';
import {
  buildTodo,
  DEFAULT_RULEBOOKS,
  evaluateDossier,
  type Evaluation,
  type TodoSource,
} from '../../electron/core/domain/rules/index';
import type { CandidateEvent, Dossier, DossierDocument } from '../../electron/core/model/dossier';

const CANDIDATES = 50_000;
const AS_OF = '2026-11-23';
const BASE_DAY = 20089; // 2025-01-01

/** Deterministic pseudo-random numbers so every run measures the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const STEPS = [
  'SOURCE_PROPOSED',
  'LISTED',
  'COURSE_CERTIFIED',
  'DOSSIER_STARTED',
  'CHI_BO_VOTED',
  'DUCS_VOTED',
  'ADMISSION_DECIDED',
  'CEREMONY_HELD',
  'NEW_MEMBER_COURSE_DONE',
  'RECOGNITION_VOTED',
  'RECOGNITION_DECIDED',
] as const;

function event(type: (typeof STEPS)[number], date: string, rand: () => number): CandidateEvent {
  switch (type) {
    case 'CHI_BO_VOTED':
    case 'RECOGNITION_VOTED':
      return { type, date, yes: 7 + Math.floor(rand() * 6), eligible: 12 };
    case 'DUCS_VOTED':
      return { type, date, yes: 6 + Math.floor(rand() * 4), members: 9 };
    case 'ADMISSION_DECIDED':
      return { type, date, number: 'QĐ', received: date };
    default:
      return { type, date };
  }
}

function mentors(rand: () => number): Dossier['mentors'] {
  const list: Dossier['mentors'] = [];
  if (rand() < 0.85) {
    list.push({ name: 'Lê Thị Hoa', role: 'pre-admission', from: toIso(BASE_DAY - 720), to: null });
  }
  if (rand() < 0.85) {
    list.push({ name: 'Phạm Văn An', role: 'probation', from: toIso(BASE_DAY - 300), to: null });
  }
  return list;
}

/** A candidate somewhere along the pipeline, with plausible gaps, documents and the occasional defect. */
function syntheticDossier(i: number, rand: () => number): Dossier {
  const steps = 1 + Math.floor(rand() * STEPS.length);
  let offset = -700 + Math.floor(rand() * 300);
  const events = STEPS.slice(0, steps).map((type) => {
    offset += type === 'RECOGNITION_VOTED' ? 370 : 15 + Math.floor(rand() * 70);
    return event(type, toIso(BASE_DAY + offset), rand);
  });
  const docDay = (k: number) => toIso(BASE_DAY - 500 + k * 20 + Math.floor(rand() * 30));
  const documents: DossierDocument[] = (['1-KNĐ', '2-KNĐ', '3-KNĐ', '4-KNĐ', '5-KNĐ', 'TTLL', '1-HSĐV', '2-HSĐV'] as const)
    .filter(() => rand() < 0.9)
    .map((form, k) => ({ form, date: docDay(k) }));
  return {
    format: 'ptdv.dossier/1',
    unit: { code: `CB${i % 500}`, hasYouthUnion: rand() < 0.7, fullMembers: 12, ducsMembers: 9 },
    candidate: {
      fullName: `Ứng viên ${i}`,
      birthDate: toIso(BASE_DAY - 365 * (17 + Math.floor(rand() * 45)) - Math.floor(rand() * 365)),
      education: rand() < 0.95 ? 'thpt' : 'tieu-hoc',
      youthUnionMember: rand() < 0.6,
      tradeUnionMember: rand() < 0.5,
      introductionPath: rand() < 0.5 ? 'doan' : 'hai-dang-vien',
    },
    events,
    documents,
    introducers: [{ name: 'Trần Văn Bình', fullMemberSince: '2015-01-01', workedTogetherSince: toIso(BASE_DAY - 1500 + Math.floor(rand() * 900)) }],
    mentors: mentors(rand),
  };
}

/**
 * Evaluates 50,000 synthetic candidates and builds the to-do list over them. Targets (issue 3): ≥ 25,000
 * candidates/s on one core and ≤ 300 ms for the to-do list.
 */
export async function benchRules(): Promise<Record<string, number | string>> {
  const rand = rng(20261123);
  const dossiers = Array.from({ length: CANDIDATES }, (_, i) => syntheticDossier(i, rand));
  const ctx = { rulebooks: DEFAULT_RULEBOOKS, calendar: buildCalendar(VN_CALENDAR_SEED) };
  for (let i = 0; i < 2_000; i++) {
    evaluateDossier(dossiers[i]!, AS_OF, ctx);
  }
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const evaluations: Evaluation[] = dossiers.map((d) => evaluateDossier(d, AS_OF, ctx));
  const evalMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  const sources: TodoSource[] = evaluations.map((evaluation, i) => ({ candidateId: String(i), name: dossiers[i]!.candidate.fullName, evaluation }));
  const todoStart = performance.now();
  const todo = buildTodo(sources);
  const todoMs = performance.now() - todoStart;
  const findings = evaluations.reduce((n, e) => n + e.findings.length, 0);
  return {
    candidates: CANDIDATES,
    findings,
    'evaluate ms': Math.round(evalMs),
    'candidates/s': Math.round(CANDIDATES / (evalMs / 1000)),
    // CPU time of the process (user + system, GC threads included): steadier than wall time on a shared machine.
    'evaluate cpu ms': Math.round((cpu.user + cpu.system) / 1000),
    'todo items': todo.length,
    'buildTodo ms': Math.round(todoMs),
  };
}
