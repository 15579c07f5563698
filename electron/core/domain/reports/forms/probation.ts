import { daysInMonth, pad2 } from '../../../model/targets';

/**
 * End of probation (RULES.md rule `probation`): 12 calendar months after the ceremony, the same day next year, or
 * the last day of that month when the day does not exist (a ceremony on 29 February ends on 28 February).
 */
export function probationEnd(ceremony: string): string {
  const year = Number(ceremony.slice(0, 4)) + 1;
  const month = Number(ceremony.slice(5, 7));
  const day = Math.min(Number(ceremony.slice(8, 10)), daysInMonth(year, month));
  return `${year}-${pad2(month)}-${pad2(day)}`;
}
