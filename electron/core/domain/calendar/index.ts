// Public API of the working-day calendar.
export {
  addWorkingDays,
  buildCalendar,
  CALENDAR_KINDS,
  calendarEntrySchema,
  isWorkingDay,
  workingDaysBetween,
  type CalendarEntry,
  type CalendarKind,
  type WorkingCalendar,
} from './calendar';
export { VN_CALENDAR_SEED } from './seed-vn';
