import { performance } from 'node:perf_hooks';
import { buildReport } from '../../electron/core/domain/reports/build-report';
import type { ReportCandidate, ReportInput } from '../../electron/core/domain/reports/types';
import { reportToXlsx } from '../../electron/core/domain/reports/xlsx';
import type { CandidateEvent, Dossier } from '../../electron/core/model/dossier';
import { EDUCATION_LEVELS, OCCUPATIONS } from '../../electron/core/model/dossier';
import { parsePeriod } from '../../electron/core/model/report';

const UNITS = 500;
const PER_UNIT = 100;
const STEPS = ['SOURCE_PROPOSED', 'LISTED', 'COURSE_CERTIFIED', 'DOSSIER_STARTED', 'CHI_BO_VOTED', 'DUCS_VOTED', 'ADMISSION_DECIDED', 'CEREMONY_HELD', 'RECOGNITION_DECIDED'] as const;

/** Deterministic pseudo-random numbers so every run measures the same data. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function day(offset: number): string {
  return new Date(Date.UTC(2025, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10);
}

function event(type: (typeof STEPS)[number], date: string): CandidateEvent {
  if (type === 'CHI_BO_VOTED') {
    return { type, date, yes: 9, eligible: 12 };
  }
  if (type === 'DUCS_VOTED') {
    return { type, date, yes: 7, members: 9 };
  }
  return { type, date };
}

function syntheticCandidate(unit: string, i: number, rand: () => number): ReportCandidate {
  const steps = 1 + Math.floor(rand() * STEPS.length);
  let offset = Math.floor(rand() * 300);
  const events = STEPS.slice(0, steps).map((type) => {
    offset += 10 + Math.floor(rand() * 60);
    return event(type, day(offset));
  });
  const dossier: Dossier = {
    format: 'ptdv.dossier/1',
    unit: { code: unit },
    candidate: {
      fullName: `Nguyễn Văn ${unit}-${i}`,
      gender: rand() < 0.45 ? 'nu' : 'nam',
      birthDate: day(-365 * (18 + Math.floor(rand() * 40))),
      education: EDUCATION_LEVELS[Math.floor(rand() * EDUCATION_LEVELS.length)],
      occupation: OCCUPATIONS[Math.floor(rand() * OCCUPATIONS.length)],
      youthUnionMember: rand() < 0.5,
      ethnicity: rand() < 0.1 ? 'Tày' : 'Kinh',
      religion: rand() < 0.05 ? 'Công giáo' : null,
      nonStateEnterprise: rand() < 0.3,
    },
    events,
    documents: [],
    introducers: [],
    mentors: [],
  };
  const findings = rand() < 0.1 ? [{ code: 'CEREMONY_OVERDUE', severity: 'warning' }] : [];
  return { id: `${unit}-${i}`, dossier, stage: 'cam-tinh', findings };
}

/** 500 units with 100 candidates each, in memory. */
export function syntheticInput(): ReportInput {
  const rand = rng(42);
  const units = Array.from({ length: UNITS }, (_, u) => {
    const code = `CB${String(u + 1).padStart(3, '0')}`;
    return {
      code,
      name: `Chi bộ ${code}`,
      level: 'chi-bo',
      fullMembersAtYearStart: 20 + Math.floor(rand() * 40),
      fullMembersNow: 25,
      targets: [{ unitCode: code, year: 2026, period: 'year' as const, kind: 'count' as const, value: 3, source: 'superior' as const }],
      candidates: Array.from({ length: PER_UNIT }, (_, i) => syntheticCandidate(code, i, rand)),
    };
  });
  return { scope: { code: 'DUK', name: 'Đảng ủy Khối', level: 'cap-tren' }, units };
}

/** Times buildReport (year 2026) and reportToXlsx over 500 units / 50,000 candidates; returns milliseconds. */
export async function benchReports(): Promise<{ buildReportMs: number; reportToXlsxMs: number; xlsxBytes: number }> {
  const input = syntheticInput();
  const period = parsePeriod('2026');
  buildReport(input, period, '2026-12-31');
  const t0 = performance.now();
  const report = buildReport(input, period, '2026-12-31');
  const t1 = performance.now();
  const xlsx = await reportToXlsx(report);
  const t2 = performance.now();
  return { buildReportMs: Math.round(t1 - t0), reportToXlsxMs: Math.round(t2 - t1), xlsxBytes: xlsx.length };
}
