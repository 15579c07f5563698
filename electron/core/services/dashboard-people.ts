import type { Db } from '../../../db/types';
import { sortKey } from '../domain/names';
import type { ReportCandidate } from '../domain/reports/types';
import { admissionTraits } from '../domain/reports/admissions';
import { admittedInPeriod, admittedInYear, isLeadTimeCase, passedFlow, stockStage } from '../domain/reports/unit-accumulator';
import { STAGE_LABELS } from '../domain/rules/index';
import { AppError } from '../errors';
import type { DashboardPeople, DashboardPeopleQuery } from '../model/dashboard';
import { buildDashboard } from './dashboard-service';
import { memoized } from './report-cache';
import { reportInput } from './report-service';

type Person = DashboardPeople['rows'][number];

/**
 * The people behind a number of the dashboard (Tổng quan) or of a unit's page: every candidate it counts, over all
 * units or one, in name order. Read from the same memoised report input as the dashboard with the same predicates
 * its totals are counted by (the stock stage on the counting day, the admission signed this year), so a count and
 * its list cannot disagree.
 */
export function dashboardPeople(db: Db, q: DashboardPeopleQuery & { asOf: string }): DashboardPeople {
  const dashboard = buildDashboard(db, { year: q.year, asOf: q.asOf });
  if (q.count === 'stage' && !q.stage) {
    throw new AppError('validation', 'Chọn giai đoạn cần xem danh sách.');
  }
  if (q.count === 'flow' && (!q.flow || !q.from)) {
    throw new AppError('validation', 'Chọn loại biến động và ngày đầu kỳ cần xem danh sách.');
  }
  if ((q.count === 'period-admissions' || q.count === 'lead-time') && !q.from) {
    throw new AppError('validation', 'Chọn ngày đầu kỳ cần xem danh sách.');
  }
  if (q.count === 'lead-time' && !q.lead) {
    throw new AppError('validation', 'Chọn khoảng thời gian xử lý cần xem danh sách.');
  }
  const unitCode = q.unitCode?.trim().toUpperCase();
  if (unitCode && !dashboard.units.some((u) => u.code === unitCode)) {
    throw new AppError('not-found', `Đơn vị mã ${q.unitCode} không có trong bảng theo dõi năm ${q.year}.`);
  }
  const key = `people|${q.year}|${q.asOf}|${unitCode ?? '*'}|${q.count}|${q.stage ?? ''}|${q.flow ?? ''}|${q.from ?? ''}|${q.to ?? ''}|${q.trait ?? ''}|${q.lead ?? ''}`;
  const all = memoized(db, key, () => {
    const window = { yearStart: `${q.year}-01-01`, countedTo: dashboard.countedTo };
    const input = reportInput(db, { all: dashboard.scope !== null, year: q.year, asOf: q.asOf });
    const rows: { key: string; person: Person }[] = [];
    let offFile = 0;
    for (const unit of input.units) {
      if (unitCode && unit.code !== unitCode) {
        continue;
      }
      if (q.count === 'stage' && q.stage === 'du-bi') {
        offFile += unit.probationaryOffFile;
      }
      for (const c of unit.candidates) {
        const stage = stockStage(c, window.countedTo);
        const admittedOn = admittedInYear(c, window);
        if (counts(q, c, stage, admittedOn, window.countedTo)) {
          rows.push({ key: sortKey(c.profile.fullName), person: person(c, unit, stage, admittedOn) });
        }
      }
    }
    return { rows: rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => r.person), offFile };
  });
  return { year: dashboard.year, countedTo: dashboard.countedTo, total: all.rows.length, offFile: all.offFile, rows: all.rows.slice(q.offset, q.offset + q.limit) };
}

function counts(q: DashboardPeopleQuery, c: ReportCandidate, stage: string | null, admittedOn: string | null, countedTo: string): boolean {
  switch (q.count) {
    case 'admissions':
      return admittedOn !== null && (!q.from || admittedOn >= q.from) && (!q.to || admittedOn <= q.to);
    case 'stage':
      return stage !== null && stage === q.stage;
    case 'candidates':
      // As the accumulator counts "Hồ sơ": a dossier whose first step is after the counting day is not one yet.
      return stage !== null;
    case 'flow':
      return passedFlow(c, q.flow!, { start: q.from!, countedTo });
    case 'period-admissions': {
      const decided = admittedInPeriod(c, { start: q.from!, countedTo });
      return decided !== null && (!q.trait || admissionTraits(c.profile, decided).includes(q.trait));
    }
    case 'lead-time':
      return isLeadTimeCase(c, q.lead!, { start: q.from!, countedTo });
  }
}

function person(c: ReportCandidate, unit: { code: string; name: string }, stage: keyof typeof STAGE_LABELS | null, admittedOn: string | null): Person {
  return {
    id: c.id,
    fullName: c.profile.fullName,
    birthDate: c.profile.birthDate,
    unitCode: unit.code,
    unitName: unit.name,
    stageLabel: stage ? STAGE_LABELS[stage] : 'Chưa có bước nào đến ngày tính',
    admittedOn,
  };
}
