/** The kinds of reporting period a secretary picks from (docs/reports.md), in the order the picker lists them. */
export const PERIOD_CHOICES = {
  quarter: 'Quý',
  month: 'Tháng',
  h1: '6 tháng đầu năm',
  h2: '6 tháng cuối năm',
  '9m': '9 tháng đầu năm',
  year: 'Cả năm',
} as const;
export type PeriodChoiceKind = keyof typeof PERIOD_CHOICES;

export type PeriodChoice = { kind: PeriodChoiceKind; year: number; /** Quarter 1–4 or month 1–12; unused otherwise. */ part: number };

/** The period text the report channels take: `2026-Q2`, `2026-03`, `2026-H1`, `2026-9M`, `2026`. */
export function periodCode(c: PeriodChoice): string {
  switch (c.kind) {
    case 'quarter':
      return `${c.year}-Q${c.part}`;
    case 'month':
      return `${c.year}-${String(c.part).padStart(2, '0')}`;
    case 'h1':
      return `${c.year}-H1`;
    case 'h2':
      return `${c.year}-H2`;
    case '9m':
      return `${c.year}-9M`;
    case 'year':
      return `${c.year}`;
  }
}

/** A quarter is reported once it has ended, so the picker opens on the last finished quarter. */
export function lastQuarter(today: string): PeriodChoice {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  return quarter === 0 ? { kind: 'quarter', year: year - 1, part: 4 } : { kind: 'quarter', year, part: quarter };
}

/** Years a secretary plans or reports on: the next one (targets only), this year and the last few. */
export function yearChoices(current: number): number[] {
  return [current + 1, current, current - 1, current - 2, current - 3];
}

/** The picker's choice for a period code (the inverse of {@link periodCode}), or null for anything else. */
export function choiceOf(code: string | null): PeriodChoice | null {
  const m = /^(\d{4})(?:-(Q[1-4]|H[12]|9M|\d{2}))?$/.exec(code ?? '');
  if (!m) {
    return null;
  }
  const year = Number(m[1]);
  const part = m[2];
  if (part === undefined) {
    return { kind: 'year', year, part: 1 };
  }
  if (part.startsWith('Q')) {
    return { kind: 'quarter', year, part: Number(part.slice(1)) };
  }
  if (part === 'H1' || part === 'H2' || part === '9M') {
    return { kind: part === 'H1' ? 'h1' : part === 'H2' ? 'h2' : '9m', year, part: 1 };
  }
  const month = Number(part);
  return month >= 1 && month <= 12 ? { kind: 'month', year, part: month } : null;
}
