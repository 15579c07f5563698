import { useState } from 'react';
import { exceedsFullMembers, readTypedTarget, targetCount } from '../../../../electron/core/domain/reports/targets';
import { formatViDate } from '../../../../electron/core/model/dates';
import type { TargetTable, TargetTableRow } from '../../../../electron/core/model/target-table';
import { TARGET_PERIODS, targetPeriodLabel, type TargetKind, type TargetPeriod } from '../../../../electron/core/model/targets';
import { call, errorMessage } from '../../api';
import { DateWarnings } from '../../components/DataQuality';
import { Check, FormError } from '../../components/Field';
import { useLoad } from '../../lib/use-load';

type Draft = { kind: TargetKind; value: string };

const KIND_SHORT: Record<TargetKind, string> = { count: 'Số người', 'percent-of-full-members': '% ĐVCT đầu năm' };

function draftsOf(table: TargetTable): Record<string, Draft> {
  return Object.fromEntries(table.rows.map((r) => [r.code, { kind: r.assigned?.kind ?? 'count', value: r.assigned ? r.assigned.value.toLocaleString('vi-VN') : '' }]));
}

/** What a typed cell means: no target (empty), a number, or why it is not one (shown under the cell). */
const readDraft = (d: Draft) => readTypedTarget(d.value, d.kind);

const percentText = (achieved: number, count: number) => (count === 0 ? '—' : `${(Math.round((achieved / count) * 1000) / 10).toLocaleString('vi-VN')}%`);

type Line = { row: TargetTableRow; draft: Draft; value: number | null; error: string | null; count: number | null; changed: boolean };

function lineOf(row: TargetTableRow, draft: Draft): Line {
  const { value, error } = readDraft(draft);
  const count = value === null ? null : targetCount({ kind: draft.kind, value }, row.fullMembersAtYearStart);
  const before = row.assigned;
  const changed = value === null ? before !== null || error !== null : before === null || before.kind !== draft.kind || before.value !== value;
  return { row, draft, value, error, count, changed };
}

/**
 * A committee's targets for the units directly below it, one editable row each (people or % of full members on
 * 1 January), with what each unit's whole subtree admitted, the total over the units that have a target, and what
 * is left of the committee's own target. Saved all at once; also to and from an XLSX file.
 */
export function TargetsTable({ year, changes, onSaved }: { year: number; changes: number; onSaved: () => void }) {
  const [period, setPeriod] = useState<TargetPeriod>('year');
  // `changes` counts the targets saved or removed on this page, here or below: each one is read back into the table.
  const table = useLoad(() => call('targets:table', { year, period }), `${year}|${period}|${changes}`);
  // Edits belong to the table they were typed over: a reload (save, import, another period) starts from what is stored.
  const [edits, setEdits] = useState<{ over: TargetTable | undefined; drafts: Record<string, Draft> }>({ over: undefined, drafts: {} });
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const data = table.data;
  const drafts = data && edits.over === data ? edits.drafts : data ? draftsOf(data) : {};
  const lines = (data?.rows ?? []).map((r) => lineOf(r, drafts[r.code] ?? { kind: 'count', value: '' }));
  const withTarget = lines.filter((l) => l.count !== null);
  const given = withTarget.reduce((s, l) => s + (l.count ?? 0), 0);
  const achievedWithTarget = withTarget.reduce((s, l) => s + l.row.achieved, 0);
  const invalid = lines.some((l) => l.error !== null);
  const dirty = lines.some((l) => l.changed);
  const remainder = data?.own ? data.own.targetCount - given : null;
  // As on the form for one unit: more people than a unit's full members on 1 January is saved only once confirmed.
  const large = lines.filter((l) => l.changed && l.value !== null && exceedsFullMembers({ kind: l.draft.kind, value: l.value }, l.row.fullMembersAtYearStart));
  const largeKey = large.map((l) => `${l.row.code}:${l.value}`).join(',');
  const [confirmedLarge, setConfirmedLarge] = useState('');
  const unconfirmed = large.length > 0 && confirmedLarge !== largeKey;

  const edit = (code: string, patch: Partial<Draft>) => {
    setDone(null);
    setEdits({ over: data, drafts: { ...drafts, [code]: { ...(drafts[code] ?? { kind: 'count', value: '' }), ...patch } } });
  };

  const run = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setFailure(null);
    setDone(null);
    try {
      setDone(await work());
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const save = () =>
    run(async () => {
      const entries = lines.map((l) => ({ unitCode: l.row.code, kind: l.draft.kind, value: l.value }));
      const { changed } = await call('targets:save-table', { year, period, entries });
      onSaved();
      return `Đã lưu bảng chỉ tiêu ${targetPeriodLabel(year, period)} (${changed} đơn vị thay đổi). Chỉ tiêu đi xuống đơn vị trong gói chỉ đạo kế tiếp.`;
    });
  const exportXlsx = () =>
    run(async () => {
      const path = await call('system:choose-path', { mode: 'save', title: 'Lưu bảng chỉ tiêu', defaultName: `chi-tieu-${year}-${period}.xlsx` });
      if (!path) {
        return null;
      }
      const written = await call('targets:export-table', { year, period, path });
      return `Đã lưu bảng chỉ tiêu vào ${written.path}.`;
    });
  const importXlsx = () =>
    run(async () => {
      const path = await call('system:choose-path', { mode: 'open', title: 'Chọn bảng chỉ tiêu đã điền', defaultName: `chi-tieu-${year}-${period}.xlsx` });
      if (!path) {
        return null;
      }
      const got = await call('targets:import-table', { path });
      if (got.year !== year || got.period !== period) {
        setPeriod(got.period);
      }
      onSaved();
      // The year is chosen above the table, for the whole page: say so rather than switch it under the user.
      const elsewhere = got.year === year ? '' : ` Đang xem năm ${year}: chọn năm ${got.year} để xem bảng vừa nhập.`;
      return `Đã nhập bảng chỉ tiêu ${targetPeriodLabel(got.year, got.period)} từ tệp: ${got.entries} đơn vị, ${got.changed} chỉ tiêu thay đổi.${elsewhere}`;
    });

  return (
    <div className="card section" aria-labelledby="targets-table-title" data-testid="targets-table">
      <div className="section-head">
        <h2 id="targets-table-title">Giao chỉ tiêu cho đơn vị trực thuộc</h2>
        <label className="inline-label">
          Kỳ
          <select
            value={period}
            onChange={(e) => setPeriod(e.target.value as TargetPeriod)}
            aria-label="Kỳ giao chỉ tiêu"
            // Changing period would drop what was typed: save or undo first.
            disabled={dirty}
            title={dirty ? 'Lưu hoặc hoàn tác các ô đã sửa trước khi đổi kỳ' : undefined}
          >
            {TARGET_PERIODS.map((p) => (
              <option key={p} value={p}>
                {targetPeriodLabel(year, p)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="lead">
        Nhập số người hoặc tỷ lệ % đảng viên chính thức đầu năm cho từng đơn vị; để trống là không giao. Đã kết nạp tính cả các đơn vị bên dưới mỗi đơn vị
        {data ? `, đến ngày ${formatViDate(data.countedTo)}` : ''}.
      </p>
      {data ? (
        <p className="target-remainder" data-testid="target-remainder">
          {data.own ? (
            <>
              Chỉ tiêu của đơn vị ({data.own.source === 'superior' ? 'cấp trên giao' : 'tự đặt'}): <strong>{data.own.targetCount} người</strong> · đã giao{' '}
              <strong>{given.toLocaleString('vi-VN')}</strong> · {remainder !== null && remainder < 0 ? 'giao vượt' : 'còn lại'}{' '}
              <strong className={remainder !== null && remainder < 0 ? 'text-danger' : undefined}>{Math.abs(remainder ?? 0)} người</strong>
            </>
          ) : (
            <>Đơn vị chưa có chỉ tiêu {targetPeriodLabel(year, period)} (cấp trên chưa giao, đơn vị chưa tự đặt), nên chưa tính phần còn lại.</>
          )}
        </p>
      ) : null}
      <FormError message={table.error ?? failure} />
      {done ? <p className="notice">{done}</p> : null}
      <div className="table-wrap">
        <table className="table targets-table" aria-label={`Chỉ tiêu ${targetPeriodLabel(year, period)} của các đơn vị trực thuộc`}>
          <thead>
            <tr>
              <th>Đơn vị</th>
              <th className="num">ĐVCT 01/01</th>
              <th>Tính theo</th>
              <th>Chỉ tiêu</th>
              <th className="num">Quy ra người</th>
              <th className="num">Đã kết nạp</th>
              <th className="num">Tỷ lệ đạt</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((l) => (
              <tr key={l.row.code} data-testid="table-row" data-code={l.row.code}>
                <td>
                  <strong>{l.row.name}</strong>
                  <div className="muted">
                    {l.row.code}
                    {l.row.unitsBelow > 0 ? ` · gồm ${l.row.unitsBelow} đơn vị bên dưới` : ''}
                    {l.row.ownPlan ? ` · tự đặt ${l.row.ownPlan.targetCount.toLocaleString('vi-VN')} người` : ''}
                  </div>
                </td>
                <td className="num">{l.row.fullMembersAtYearStart.toLocaleString('vi-VN')}</td>
                <td>
                  <select value={l.draft.kind} onChange={(e) => edit(l.row.code, { kind: e.target.value as TargetKind })} aria-label={`Tính theo — ${l.row.name}`}>
                    {(Object.keys(KIND_SHORT) as TargetKind[]).map((k) => (
                      <option key={k} value={k}>
                        {KIND_SHORT[k]}
                      </option>
                    ))}
                  </select>
                </td>
                <td className={l.error ? 'field-invalid' : undefined}>
                  <input
                    className="target-input"
                    inputMode="decimal"
                    value={l.draft.value}
                    onChange={(e) => edit(l.row.code, { value: e.target.value })}
                    aria-label={`Chỉ tiêu — ${l.row.name}`}
                    aria-invalid={l.error ? true : undefined}
                    aria-describedby={l.error ? `target-error-${l.row.code}` : undefined}
                  />
                  {l.error ? (
                    <small className="field-error" id={`target-error-${l.row.code}`}>
                      {l.error}
                    </small>
                  ) : large.includes(l) ? (
                    <small className="field-error" data-testid="target-large">
                      Nhiều hơn {l.row.fullMembersAtYearStart.toLocaleString('vi-VN')} đảng viên chính thức ngày 01/01: kiểm tra lại.
                    </small>
                  ) : null}
                  {l.row.fromAbove.map((a) => (
                    // Passed on unchanged, not edited here: the unit applies whichever of the two it received last.
                    <small className="from-above" data-testid="from-above" key={a.issuerCode}>
                      {a.issuerName} ({a.issuerCode}) giao thẳng: {a.kind === 'count' ? `${a.targetCount.toLocaleString('vi-VN')} người` : `${a.value.toLocaleString('vi-VN')}% = ${a.targetCount.toLocaleString('vi-VN')} người`}
                    </small>
                  ))}
                </td>
                <td className="num">{l.count === null ? '—' : l.count.toLocaleString('vi-VN')}</td>
                <td className="num">{l.row.achieved.toLocaleString('vi-VN')}</td>
                <td className="num">{l.count === null ? '—' : percentText(l.row.achieved, l.count)}</td>
              </tr>
            ))}
          </tbody>
          {lines.length > 0 ? (
            <tfoot>
              <tr data-testid="table-total">
                <th scope="row">
                  Tổng cộng
                  <div className="muted">
                    {withTarget.length}/{lines.length} đơn vị có chỉ tiêu
                  </div>
                </th>
                <td className="num">{lines.reduce((s, l) => s + l.row.fullMembersAtYearStart, 0).toLocaleString('vi-VN')}</td>
                <td />
                <td />
                <td className="num">
                  <strong>{given.toLocaleString('vi-VN')}</strong>
                </td>
                <td className="num">
                  <strong>{achievedWithTarget.toLocaleString('vi-VN')}</strong>
                  {achievedWithTarget !== data?.total.achievedAllUnits ? <div className="muted">cả {data?.total.achievedAllUnits} nếu tính mọi đơn vị</div> : null}
                </td>
                <td className="num">{percentText(achievedWithTarget, given)}</td>
              </tr>
            </tfoot>
          ) : null}
        </table>
        {data && lines.length === 0 ? <p className="empty">Chưa có đơn vị trực thuộc nào gửi dữ liệu lên, nên chưa có ai để giao chỉ tiêu.</p> : null}
      </div>
      {large.length > 0 ? (
        <>
          <DateWarnings
            messages={[`${large.map((l) => `${l.row.name}: ${l.value!.toLocaleString('vi-VN')} người`).join('; ')} — nhiều hơn số đảng viên chính thức của đơn vị ngày 01/01/${year}.`]}
          />
          <div className="field field-check">
            <Check label={large.length === 1 ? 'Đúng, giữ chỉ tiêu này' : `Đúng, giữ ${large.length} chỉ tiêu này`}>
              <input type="checkbox" checked={!unconfirmed} onChange={(e) => setConfirmedLarge(e.target.checked ? largeKey : '')} />
            </Check>
          </div>
        </>
      ) : null}
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={save} disabled={busy || !dirty || invalid || unconfirmed}>
          Lưu bảng chỉ tiêu
        </button>
        <button type="button" className="btn" onClick={() => setEdits({ over: undefined, drafts: {} })} disabled={busy || !dirty}>
          Hoàn tác
        </button>
        <button type="button" className="btn btn-ghost" onClick={exportXlsx} disabled={busy || lines.length === 0}>
          Xuất Excel
        </button>
        <button type="button" className="btn btn-ghost" onClick={importXlsx} disabled={busy || lines.length === 0}>
          Nhập từ Excel
        </button>
      </div>
      {invalid ? <p className="form-error">Sửa các ô báo đỏ trước khi lưu.</p> : null}
    </div>
  );
}
