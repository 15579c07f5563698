import type { CalendarEntry } from './calendar';

/**
 * Seed days off for 2025–2027 (Bộ luật Lao động 2019 Art. 111–112 and the yearly government notices).
 * `confirmed: true` only where the date is fixed by law or stated in docs/rules.md; every other row is our best
 * estimate and must be checked against the official notice of that year (the calendar screen lists them).
 * Lunar dates (Tết, Giỗ Tổ) are never computed: they are typed in from the notices, Vietnam computes them for UTC+7.
 */

const LAW = 'Bộ luật Lao động 2019, Điều 112';
const COMPENSATORY = 'Bộ luật Lao động 2019, Điều 111(3): ngày lễ trùng ngày nghỉ hằng tuần được nghỉ bù';
// Dates the Party's working-day rules fix for these years (docs/rules.md), shown to the user as their basis.
const RULES = 'Bộ luật Lao động 2019, Điều 112; lịch nghỉ đã công bố';
const ESTIMATE = 'Ước tính, chưa đối chiếu thông báo của Chính phủ/Bộ Nội vụ';

type Row = [date: string, kind: CalendarEntry['kind'], name: string, source: string, confirmed: boolean];

const rows: Row[] = [
  ['2025-01-01', 'holiday', 'Tết Dương lịch', LAW, true],
  ['2025-01-27', 'holiday', 'Tết Nguyên đán Ất Tỵ', ESTIMATE, false],
  ['2025-01-28', 'holiday', 'Tết Nguyên đán Ất Tỵ', ESTIMATE, false],
  ['2025-01-29', 'holiday', 'Tết Nguyên đán Ất Tỵ', ESTIMATE, false],
  ['2025-01-30', 'holiday', 'Tết Nguyên đán Ất Tỵ', ESTIMATE, false],
  ['2025-01-31', 'holiday', 'Tết Nguyên đán Ất Tỵ', ESTIMATE, false],
  ['2025-04-07', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch)', RULES, true],
  ['2025-04-30', 'holiday', 'Ngày Chiến thắng', LAW, true],
  ['2025-05-01', 'holiday', 'Quốc tế Lao động', LAW, true],
  ['2025-05-02', 'swapped-day-off', 'Nghỉ hoán đổi dịp 30/4–1/5', ESTIMATE, false],
  ['2025-04-26', 'swapped-workday', 'Làm bù cho ngày 02/5', ESTIMATE, false],
  ['2025-09-01', 'holiday', 'Quốc khánh (ngày liền kề)', ESTIMATE, false],
  ['2025-09-02', 'holiday', 'Quốc khánh', LAW, true],

  ['2026-01-01', 'holiday', 'Tết Dương lịch', LAW, true],
  ['2026-02-16', 'holiday', 'Tết Nguyên đán Bính Ngọ', RULES, true],
  ['2026-02-17', 'holiday', 'Tết Nguyên đán Bính Ngọ', RULES, true],
  ['2026-02-18', 'holiday', 'Tết Nguyên đán Bính Ngọ', RULES, true],
  ['2026-02-19', 'holiday', 'Tết Nguyên đán Bính Ngọ', RULES, true],
  ['2026-02-20', 'holiday', 'Tết Nguyên đán Bính Ngọ', RULES, true],
  ['2026-04-26', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch, Chủ nhật)', RULES, true],
  ['2026-04-27', 'compensatory', 'Nghỉ bù Giỗ Tổ Hùng Vương', RULES, true],
  ['2026-04-30', 'holiday', 'Ngày Chiến thắng', LAW, true],
  ['2026-05-01', 'holiday', 'Quốc tế Lao động', LAW, true],
  ['2026-09-01', 'holiday', 'Quốc khánh (ngày liền kề, dự kiến)', ESTIMATE, false],
  ['2026-09-02', 'holiday', 'Quốc khánh', LAW, true],

  ['2027-01-01', 'holiday', 'Tết Dương lịch', LAW, true],
  ['2027-02-05', 'holiday', 'Tết Nguyên đán Đinh Mùi (dự kiến)', ESTIMATE, false],
  ['2027-02-06', 'holiday', 'Tết Nguyên đán Đinh Mùi (dự kiến)', ESTIMATE, false],
  ['2027-02-07', 'holiday', 'Tết Nguyên đán Đinh Mùi (dự kiến)', ESTIMATE, false],
  ['2027-02-08', 'holiday', 'Tết Nguyên đán Đinh Mùi (dự kiến)', ESTIMATE, false],
  ['2027-02-09', 'holiday', 'Tết Nguyên đán Đinh Mùi (dự kiến)', ESTIMATE, false],
  ['2027-02-10', 'compensatory', 'Nghỉ bù Tết (ngày Tết trùng thứ Bảy)', ESTIMATE, false],
  ['2027-02-11', 'compensatory', 'Nghỉ bù Tết (ngày Tết trùng Chủ nhật)', ESTIMATE, false],
  ['2027-04-16', 'holiday', 'Giỗ Tổ Hùng Vương (10/3 âm lịch, dự kiến)', ESTIMATE, false],
  ['2027-04-30', 'holiday', 'Ngày Chiến thắng', LAW, true],
  ['2027-05-01', 'holiday', 'Quốc tế Lao động (thứ Bảy)', LAW, true],
  ['2027-05-03', 'compensatory', 'Nghỉ bù Quốc tế Lao động', COMPENSATORY, false],
  ['2027-09-02', 'holiday', 'Quốc khánh', LAW, true],
  ['2027-09-03', 'holiday', 'Quốc khánh (ngày liền kề, dự kiến)', ESTIMATE, false],
];

/** The shipped calendar entries for 2025–2027, sorted by date. */
export const VN_CALENDAR_SEED: readonly CalendarEntry[] = rows
  .map(([date, kind, name, source, confirmed]) => ({ date, kind, name, source, confirmed }))
  .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
