import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { probationEndOf } from '../../../../electron/core/domain/rules/index';
import { formatViDate } from '../../../../electron/core/model/dates';
import type { Member, MemberEdit } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { matchesSearch, MEMBER_COLUMNS, sortByColumn, type ListSort } from '../../../../electron/core/domain/lists';
import { isSuperior, useSession } from '../../app/session';
import { FormError } from '../../components/Field';
import { ariaSort, ExportButton, SearchBox, SortButton } from '../../components/ListTools';
import { todayIso } from '../../lib/form';
import { GENDER_LABELS, MEMBER_STATUS_LABELS } from '../../lib/labels';
import { useLoad } from '../../lib/use-load';
import { VoidReasonDialog } from '../candidate/Corrections';
import { MarkLeftDialog } from './MarkLeftDialog';
import { MemberForm } from './MemberForm';

type Editing = { kind: 'new' } | { kind: 'edit'; member: Member } | { kind: 'left'; member: Member } | { kind: 'void'; member: Member } | null;

const column = createColumnHelper<Member>();

function StatusBadge({ member }: { member: Member }) {
  if (member.leftOn) {
    return <span className="badge badge-muted">Đã rời chi bộ {formatViDate(member.leftOn)}</span>;
  }
  if (member.status === 'chinh-thuc') {
    return <span className="badge badge-success">Chính thức</span>;
  }
  // Twelve months from the ceremony (ngày vào Đảng): a member entered on the roster by hand has no candidate file to
  // remind the cell, so the roster says when their recognition is due.
  const end = member.joinedOn ? probationEndOf(member.joinedOn) : null;
  return (
    <>
      <span className="badge badge-warm">Dự bị</span>
      {end ? (
        <span className={`probation-end${end <= todayIso() ? ' probation-due' : ''}`} data-testid="probation-end">
          {end <= todayIso() ? `xét chính thức từ ${formatViDate(end)}` : `hết dự bị ${formatViDate(end)}`}
        </span>
      ) : null}
    </>
  );
}

const FIELD_LABELS: Readonly<Record<MemberEdit['changes'][number]['field'], string>> = {
  fullName: 'Họ và tên',
  gender: 'Giới tính',
  birthDate: 'Ngày sinh',
  status: 'Loại đảng viên',
  joinedOn: 'Ngày vào Đảng',
  fullMemberSince: 'Ngày chính thức',
  exempt: 'Miễn công tác và sinh hoạt',
  note: 'Ghi chú',
};

function shown(field: MemberEdit['changes'][number]['field'], value: string | boolean | null): string {
  if (value === null || value === '') {
    return '(trống)';
  }
  if (typeof value === 'boolean') {
    return value ? 'có' : 'không';
  }
  if (field === 'gender') {
    return GENDER_LABELS[value as keyof typeof GENDER_LABELS] ?? value;
  }
  if (field === 'status') {
    return MEMBER_STATUS_LABELS[value as keyof typeof MEMBER_STATUS_LABELS] ?? value;
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? formatViDate(value) : value;
}

function useColumns(edit: (e: Editing) => void) {
  return useMemo(
    () => [
      column.accessor('fullName', { id: 'name', header: 'Họ và tên', cell: (c) => <strong>{c.getValue()}</strong> }),
      column.accessor('gender', { header: 'Giới tính', cell: (c) => (c.getValue() ? GENDER_LABELS[c.getValue()!] : '') }),
      column.accessor('birthDate', { header: 'Ngày sinh', cell: (c) => formatViDate(c.getValue()) }),
      column.display({ id: 'status', header: 'Trạng thái', cell: (c) => <StatusBadge member={c.row.original} /> }),
      column.accessor('joinedOn', { header: 'Ngày vào Đảng', cell: (c) => formatViDate(c.getValue()) }),
      column.accessor('fullMemberSince', { header: 'Ngày chính thức', cell: (c) => formatViDate(c.getValue()) }),
      column.accessor('canMentor', {
        header: 'Giúp đỡ',
        cell: (c) =>
          c.getValue() ? (
            <span className="marker" title="Có thể giúp đỡ người vào Đảng">
              ✓<span className="marker-words"> Có thể giúp đỡ</span>
            </span>
          ) : null,
      }),
      column.display({
        id: 'actions',
        header: () => <span className="sr-only">Thao tác</span>,
        cell: (c) => (
          <div className="cell-actions member-actions">
            {c.row.original.leftOn ? null : (
              <>
                <button type="button" className="btn btn-small" onClick={() => edit({ kind: 'edit', member: c.row.original })}>
                  Sửa
                </button>
                <button type="button" className="btn btn-small btn-danger" onClick={() => edit({ kind: 'left', member: c.row.original })}>
                  Rời chi bộ
                </button>
              </>
            )}
            <button type="button" className="btn btn-small btn-ghost" aria-label={`Hủy bỏ bản ghi ${c.row.original.fullName}`} onClick={() => edit({ kind: 'void', member: c.row.original })}>
              Hủy bỏ
            </button>
          </div>
        ),
      }),
    ],
    [edit],
  );
}

/** The cell's roster: full and probationary members, who can mentor, and those who have left. */
export function MembersPage() {
  const { status } = useSession();
  const [includeLeft, setIncludeLeft] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [text, setText] = useState('');
  const [sort, setSort] = useState<ListSort | undefined>(undefined);
  const members = useLoad(() => call('members:list', { includeLeft }), String(includeLeft));
  const voided = useLoad(() => call('members:list', { voidedOnly: true }), 'voided');
  const edits = useLoad(() => call('members:edits', {}), 'edits');
  const columns = useColumns(setEditing);
  const loaded = members.data;
  const data = useMemo(() => loaded ?? [], [loaded]);
  const visible = useMemo(() => [...sortByColumn(data.filter((m) => matchesSearch(text, m.fullName)), MEMBER_COLUMNS, sort)], [data, text, sort]);
  const sortable = (id: string) => MEMBER_COLUMNS.find((c) => c.id === id)?.sort !== undefined;
  // The app does not use the React Compiler, so a hook returning fresh functions each render is fine here.
  // oxlint-disable-next-line react/incompatible-library
  const table = useReactTable({ data: visible, columns, getCoreRowModel: getCoreRowModel(), getRowId: (m) => m.id });
  const full = data.filter((m) => !m.leftOn && m.status === 'chinh-thuc').length;
  const probationary = data.filter((m) => !m.leftOn && m.status === 'du-bi').length;
  const saved = () => {
    setEditing(null);
    members.reload();
    voided.reload();
    edits.reload();
  };

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Đảng viên</h1>
          <p className="count">
            {full} đảng viên chính thức · {probationary} đảng viên dự bị
            {/* A committee's own roster is one unit's; those of the units below are on their pages. */}
            {isSuperior(status) ? ` của ${status.unit?.name ?? 'đơn vị mình'} (đơn vị mình, không gồm các đơn vị trực thuộc)` : ''}
          </p>
        </div>
        <button type="button" className="btn btn-primary" onClick={() => setEditing({ kind: 'new' })}>
          + Thêm đảng viên
        </button>
      </div>
      <div className="toolbar">
        <SearchBox label="Tìm đảng viên theo họ tên" value={text} onChange={setText} />
        <label className="check">
          <input type="checkbox" checked={includeLeft} onChange={(e) => setIncludeLeft(e.target.checked)} />
          <span>Hiện cả người đã rời chi bộ</span>
        </label>
        <ExportButton request={{ list: 'members', query: text.trim() || undefined, includeLeft, sort }} disabled={visible.length === 0} />
      </div>
      <FormError message={members.error} />
      <div className="table-wrap">
        <table className="table members-table">
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((h) =>
                  sortable(h.id) ? (
                    <th key={h.id} aria-sort={ariaSort(sort, h.id)}>
                      <SortButton column={h.id} label={String(h.column.columnDef.header)} sort={sort} onSort={setSort} />
                    </th>
                  ) : (
                    <th key={h.id}>{flexRender(h.column.columnDef.header, h.getContext())}</th>
                  ),
                )}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} className={row.original.leftOn ? 'row-left' : undefined}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {!members.loading && data.length === 0 ? (
          <p className="empty">Chưa có đảng viên nào. Bấm “+ Thêm đảng viên” để nhập danh sách chi bộ trước tiên: người giới thiệu, người giúp đỡ và số người biểu quyết đều lấy từ danh sách này.</p>
        ) : null}
        {data.length > 0 && visible.length === 0 ? <p className="empty">Không có đảng viên nào khớp với “{text.trim()}”.</p> : null}
      </div>
      {editing?.kind === 'new' ? <MemberForm member={null} onClose={() => setEditing(null)} onSaved={saved} /> : null}
      {editing?.kind === 'edit' ? <MemberForm member={editing.member} onClose={() => setEditing(null)} onSaved={saved} /> : null}
      {editing?.kind === 'left' ? <MarkLeftDialog member={editing.member} onClose={() => setEditing(null)} onSaved={saved} /> : null}
      {editing?.kind === 'void' ? (
        <VoidReasonDialog
          title={`Hủy bỏ bản ghi ${editing.member.fullName}`}
          what={
            <p>
              Dùng khi bản ghi được nhập nhầm (nhầm người, trùng người). Khác với “Rời chi bộ”: bản ghi không còn trong danh sách và không được tính ở
              đâu nữa, nhưng vẫn được giữ trong “Lịch sử sửa đổi” cùng lý do.
            </p>
          }
          confirm="Hủy bỏ bản ghi"
          onClose={() => setEditing(null)}
          onVoid={async (reason) => {
            await call('members:void', { id: editing.member.id, reason });
            saved();
          }}
        />
      ) : null}
      {(voided.data?.length ?? 0) + (edits.data?.length ?? 0) > 0 ? (
        <section className="card section member-history" aria-labelledby="member-history-title">
          <h2 id="member-history-title">Lịch sử sửa đổi</h2>
          <ul className="plain-list">
            {(edits.data ?? []).map((e, i) => (
              <li key={`${e.memberId}-${e.at}-${i}`} data-testid="member-edit">
                <div>
                  <strong>{e.fullName}</strong>
                  {e.changes.map((c) => (
                    <div key={c.field}>
                      {FIELD_LABELS[c.field]}: <s>{shown(c.field, c.before)}</s> → {shown(c.field, c.after)}
                    </div>
                  ))}
                  <div className="detail">
                    Sửa ngày {formatViDate(e.at.slice(0, 10))} · {e.by}
                  </div>
                </div>
              </li>
            ))}
            {(voided.data ?? []).map((m) => (
              <li key={m.id}>
                <div>
                  <s>
                    {m.fullName}
                    {m.birthDate ? `, sinh ${formatViDate(m.birthDate)}` : ''}
                  </s>
                  <div className="void-note">Đã hủy bỏ: {m.voided?.reason}</div>
                  <div className="detail">
                    {formatViDate(m.voided?.at.slice(0, 10) ?? null)} · {m.voided?.by}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </section>
  );
}
