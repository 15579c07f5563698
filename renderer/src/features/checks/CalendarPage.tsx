import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { buildCalendar, CALENDAR_KINDS, type CalendarEntry } from '../../../../electron/core/domain/calendar/index';
import { formatViDate } from '../../../../electron/core/model/dates';
import { call, errorMessage } from '../../api';
import { Check, DateField, Field, FormError, LabelOptions } from '../../components/Field';
import { Dialog } from '../../components/Dialog';
import { ToneIcon } from '../../components/SeverityTag';
import { todayIso, viDate } from '../../lib/form';
import { CALENDAR_KIND_LABELS } from '../../lib/labels';
import { useLoad } from '../../lib/use-load';
import { checksChanged } from './attention';
import { useFormFailure } from '../../lib/use-form-failure';

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];

function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

const entrySchema = z
  .object({
    date: viDate('Nhập ngày.'),
    kind: z.enum(CALENDAR_KINDS),
    name: z.string().trim().min(1, 'Nhập tên ngày nghỉ, ví dụ "Tết Nguyên đán".').max(200, 'Tối đa 200 ký tự.'),
    source: z.string().trim().max(500, 'Tối đa 500 ký tự.'),
    confirmed: z.boolean(),
  })
  .superRefine((v, ctx) => {
    // A working Saturday makes sense only on a weekend; a day off given in exchange only on a weekday.
    const weekend = weekday(v.date) === 0 || weekday(v.date) === 6;
    if (v.kind === 'swapped-workday' && !weekend) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'Ngày đi làm bù phải là thứ Bảy hoặc Chủ nhật.' });
    }
    if ((v.kind === 'compensatory' || v.kind === 'swapped-day-off') && weekend) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: 'Ngày nghỉ bù hoặc nghỉ hoán đổi phải là ngày trong tuần.' });
    }
  });

type Props = { entry: CalendarEntry | null; onSaved: (all: CalendarEntry[], year: number) => void; onClose: () => void };

function EntryForm({ entry, onSaved, onClose }: Props) {
  const form = useForm<z.input<typeof entrySchema>, unknown, z.output<typeof entrySchema>>({
    resolver: zodResolver(entrySchema),
    defaultValues: entry
      ? { ...entry, date: formatViDate(entry.date) }
      : { date: '', kind: 'holiday', name: '', source: '', confirmed: true },
  });
  const [failure, setFailure, fail] = useFormFailure(form, ['date', 'kind', 'name', 'source']);
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (v) => {
    setFailure(null);
    try {
      const all = await call('calendar:save', { entry: v, previousDate: entry?.date ?? null });
      onSaved(all, Number(v.date.slice(0, 4)));
    } catch (err) {
      fail(err);
    }
  });
  return (
    <form className="card section calendar-form" onSubmit={submit} noValidate aria-label={entry ? 'Sửa ngày' : 'Thêm ngày'}>
      <h2>{entry ? `Sửa ngày ${formatViDate(entry.date)}` : 'Thêm ngày nghỉ hoặc ngày làm bù'}</h2>
      <div className="form-grid three">
        <DateField label="Ngày" error={errors.date?.message} registration={form.register('date')} autoFocus />
        <Field label="Loại" error={errors.kind?.message}>
          <select {...form.register('kind')}>
            <LabelOptions labels={CALENDAR_KIND_LABELS} />
          </select>
        </Field>
        <Field label="Tên" error={errors.name?.message}>
          <input {...form.register('name')} />
        </Field>
        <Field label="Căn cứ (số thông báo, văn bản)" error={errors.source?.message} span2>
          <input {...form.register('source')} />
        </Field>
        <div className="field field-check">
          <Check label="Đã đối chiếu với thông báo chính thức">
            <input type="checkbox" {...form.register('confirmed')} />
          </Check>
        </div>
      </div>
      <FormError message={failure} />
      <div className="actions">
        <button type="button" className="btn" onClick={onClose}>
          Đóng
        </button>
        <button type="submit" className="btn btn-primary" disabled={isSubmitting}>
          Lưu
        </button>
      </div>
    </form>
  );
}

function RemoveDialog({ entry, onDone, onClose }: { entry: CalendarEntry; onDone: (all: CalendarEntry[]) => void; onClose: () => void }) {
  const [failure, setFailure] = useState<string | null>(null);
  const remove = async () => {
    try {
      onDone(await call('calendar:remove', { date: entry.date }));
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };
  return (
    <Dialog title="Xóa ngày khỏi lịch" onClose={onClose}>
      <p>
        Xóa <strong>{formatViDate(entry.date)}</strong> — {entry.name}? Các thời hạn tính theo ngày làm việc sẽ được tính lại.
      </p>
      <FormError message={failure} />
      <div className="actions">
        <button type="button" className="btn" onClick={onClose}>
          Đóng
        </button>
        <button type="button" className="btn btn-danger" onClick={remove}>
          Xóa
        </button>
      </div>
    </Dialog>
  );
}

function YearSummary({ entries, missing }: { entries: CalendarEntry[]; missing: [holiday: string, dayOff: string][] }) {
  const count = (kind: CalendarEntry['kind']) => entries.filter((e) => e.kind === kind).length;
  const unconfirmed = entries.filter((e) => !e.confirmed).length;
  return (
    <div className="calendar-summary">
      <span>
        {count('holiday')} ngày lễ, Tết · {count('compensatory')} ngày nghỉ bù · {count('swapped-day-off')} ngày nghỉ hoán đổi ·{' '}
        {count('swapped-workday')} ngày đi làm bù
      </span>
      {unconfirmed > 0 ? (
        <p className="warning calendar-warning" data-testid="unconfirmed-count">
          <ToneIcon tone="warning" />
          {unconfirmed} ngày chưa được xác nhận: đây là ước tính, hãy đối chiếu thông báo nghỉ lễ chính thức của năm rồi đánh dấu đã
          xác nhận.
        </p>
      ) : null}
      {missing.length > 0 ? (
        <p className="warning calendar-warning">
          <ToneIcon tone="warning" />
          Ngày lễ trùng ngày nghỉ cuối tuần nhưng bảng chưa ghi ngày nghỉ bù:{' '}
          {missing.map(([holiday, dayOff]) => `${formatViDate(holiday)} (hạn tính theo ngày làm việc đã coi ${formatViDate(dayOff)} là ngày nghỉ bù)`).join('; ')}. Hãy thêm
          ngày nghỉ bù theo thông báo chính thức.
        </p>
      ) : null}
    </div>
  );
}

/** The working-day calendar per year: holidays, compensatory and swapped days, the unconfirmed ones marked. */
export function CalendarPage() {
  const loaded = useLoad(() => call('calendar:list', {}), 'calendar');
  const [year, setYear] = useState(() => Number(todayIso().slice(0, 4)));
  const [editing, setEditing] = useState<CalendarEntry | 'new' | null>(null);
  const [removing, setRemoving] = useState<CalendarEntry | null>(null);
  const all = useMemo(() => loaded.data ?? [], [loaded.data]);
  const missing = useMemo(() => [...buildCalendar(all).implied], [all]);
  const thisYear = Number(todayIso().slice(0, 4));
  const years = [...new Set([...all.map((e) => Number(e.date.slice(0, 4))), thisYear, thisYear + 1])].sort((a, b) => a - b);
  const entries = all.filter((e) => e.date.startsWith(`${year}-`));
  const saved = (next: CalendarEntry[]) => {
    loaded.setData(next);
    checksChanged();
  };

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Lịch ngày nghỉ và ngày làm việc</h1>
          <p className="count">Mọi thời hạn "ngày làm việc" được tính theo lịch này: thứ Hai đến thứ Sáu, trừ các ngày nghỉ dưới đây.</p>
        </div>
        {editing ? null : (
          <button type="button" className="btn btn-primary" onClick={() => setEditing('new')}>
            + Thêm ngày
          </button>
        )}
      </div>
      <FormError message={loaded.error} />
      <div className="year-tabs" role="tablist" aria-label="Năm">
        {years.map((y) => (
          <button key={y} type="button" role="tab" aria-selected={y === year} className={`year-tab${y === year ? ' active' : ''}`} onClick={() => setYear(y)}>
            {y}
          </button>
        ))}
      </div>
      {editing ? (
        <EntryForm
          entry={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(next, y) => {
            saved(next);
            setYear(y);
            setEditing(null);
          }}
        />
      ) : null}
      <YearSummary entries={entries} missing={missing.filter(([holiday]) => holiday.startsWith(`${year}-`))} />
      {entries.length === 0 ? (
        <p className="empty card">Năm {year} chưa có ngày nghỉ nào trong lịch. Thêm các ngày theo thông báo nghỉ lễ của năm.</p>
      ) : (
        <div className="table-wrap">
          <table className="table calendar-table">
            <thead>
              <tr>
                <th>Ngày</th>
                <th>Thứ</th>
                <th>Loại</th>
                <th>Tên</th>
                <th>Căn cứ</th>
                <th>Xác nhận</th>
                <th>
                  <span className="sr-only">Thao tác</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.date} className={e.confirmed ? undefined : 'row-unconfirmed'} data-testid="calendar-row">
                  <td>
                    <strong>{formatViDate(e.date)}</strong>
                  </td>
                  <td className="nowrap">{WEEKDAYS[weekday(e.date)]}</td>
                  <td>
                    <span className={`cal-kind cal-${e.kind}`}>{CALENDAR_KIND_LABELS[e.kind]}</span>
                  </td>
                  <td>{e.name}</td>
                  <td className="detail">{e.source}</td>
                  <td>
                    {e.confirmed ? (
                      <span className="sev sev-ok">
                        <ToneIcon tone="ok" />
                        Đã xác nhận
                      </span>
                    ) : (
                      <span className="sev sev-warning">
                        <ToneIcon tone="warning" />
                        Chưa xác nhận
                      </span>
                    )}
                  </td>
                  <td>
                    <div className="cell-actions">
                      <button type="button" className="btn btn-small" onClick={() => setEditing(e)}>
                        Sửa
                      </button>
                      <button type="button" className="btn btn-small btn-danger" onClick={() => setRemoving(e)}>
                        Xóa
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {removing ? (
        <RemoveDialog
          entry={removing}
          onClose={() => setRemoving(null)}
          onDone={(next) => {
            saved(next);
            setRemoving(null);
          }}
        />
      ) : null}
    </section>
  );
}
