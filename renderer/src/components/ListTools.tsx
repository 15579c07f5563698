import { useEffect, useState } from 'react';
import { OperationProgressBar } from './OperationProgressBar';
import { useProgressCall } from '../lib/progress';
import { listFileName, matchesSearch, type ListKind, type ListSort } from '../../../electron/core/domain/lists';
import type { Input } from '../../../electron/ipc-contract';
import { call, errorMessage } from '../api';
import { todayIso } from '../lib/form';

/** Clicking a column sorts by it; clicking it again reverses the order. */
export function nextSort(sort: ListSort | undefined, column: string): ListSort {
  return sort?.column === column && sort.dir === 'asc' ? { column, dir: 'desc' } : { column, dir: 'asc' };
}

export function ariaSort(sort: ListSort | undefined, column: string): 'ascending' | 'descending' | 'none' {
  return sort?.column !== column ? 'none' : sort.dir === 'asc' ? 'ascending' : 'descending';
}

const MARK = { asc: ' ▲', desc: ' ▼' } as const;

/** A column title that sorts the list; the arrow shows the column and the direction in use. */
export function SortButton({ column, label, sort, onSort }: { column: string; label: string; sort: ListSort | undefined; onSort: (s: ListSort) => void }) {
  return (
    <button type="button" className="th-sort" onClick={() => onSort(nextSort(sort, column))} title={`Sắp xếp theo ${label.toLowerCase()}`}>
      {label}
      {sort?.column === column ? MARK[sort.dir] : ''}
    </button>
  );
}

/** A header cell of a virtualised list (a grid of spans) with its sort state for screen readers. */
export function SortHead(props: { column: string; label: string; sort: ListSort | undefined; onSort: (s: ListSort) => void }) {
  return (
    <span role="columnheader" aria-sort={ariaSort(props.sort, props.column)}>
      <SortButton {...props} />
    </span>
  );
}

/** The search box every list has: it ignores diacritics and case. */
export function SearchBox({ value, onChange, label, placeholder }: { value: string; onChange: (v: string) => void; label: string; placeholder?: string | undefined }) {
  return <input type="search" aria-label={label} placeholder={placeholder ?? `${label} (không cần gõ dấu)`} value={value} onChange={(e) => onChange(e.target.value)} />;
}

type ExportRequest = Omit<Input<'lists:export'>, 'path'>;

/** "Xuất Excel": asks where to save (a dialog on the desktop), then writes the list exactly as searched and sorted. */
export function ExportButton({ request, disabled }: { request: ExportRequest; disabled?: boolean }) {
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ path: string; rows: number } | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const tracked = useProgressCall();
  const run = async (list: ListKind) => {
    setBusy(true);
    setSaved(null);
    setFailure(null);
    try {
      const path = await call('system:choose-path', { mode: 'save', title: 'Lưu bảng Excel', defaultName: listFileName(list, todayIso()) });
      if (path) {
        const written = await tracked.run('lists:export', { ...request, path });
        setSaved({ path: written.path, rows: written.rows });
      }
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" className="btn" disabled={busy || disabled} onClick={() => void run(request.list)}>
        {busy ? 'Đang xuất…' : 'Xuất Excel'}
      </button>
      <OperationProgressBar progress={tracked.progress} label="Tiến độ xuất Excel" />
      {saved ? (
        <p className="notice list-saved" role="status" data-testid="list-saved">
          Đã lưu {saved.rows.toLocaleString('vi-VN')} dòng vào tệp Excel: <code>{saved.path}</code>
        </p>
      ) : null}
      {failure ? (
        <p className="form-error list-saved" role="alert">
          {failure}
        </p>
      ) : null}
    </>
  );
}

/**
 * A search box over a picker's options (a roster of 400 members is a long drop-down): the options shrink to the
 * names matching what is typed, without diacritics, while the one already chosen stays available.
 */
export function PickerSearch({ value, onChange, label, nothingFound = false }: { value: string; onChange: (v: string) => void; label: string; nothingFound?: boolean }) {
  return (
    <>
      <input type="search" className="picker-search" aria-label={label} placeholder="Gõ vài chữ của tên để lọc (không dấu cũng được)" value={value} onChange={(e) => onChange(e.target.value)} />
      {nothingFound ? (
        <p className="field-error" role="status">
          Không có ai khớp với “{value.trim()}”. Xóa bớt chữ hoặc kiểm tra danh sách đảng viên.
        </p>
      ) : null}
    </>
  );
}

export function pickable<T extends { id: string; fullName: string }>(items: readonly T[], query: string, chosen: string): T[] {
  return items.filter((m) => m.id === chosen || matchesSearch(query, m.fullName));
}

/**
 * Typing a name is choosing it: when the search leaves exactly one person and nobody is chosen yet, that person is
 * chosen, so the form does not answer "Chọn đảng viên" to someone who has just typed the name. Returns whether the
 * search matches nobody, for PickerSearch to say so.
 */
export function useChooseOnlyMatch<T extends { id: string; fullName: string }>(items: readonly T[], query: string, chosen: string, choose: (id: string) => void): boolean {
  const matches = query.trim() === '' ? null : items.filter((m) => matchesSearch(query, m.fullName));
  const only = matches?.length === 1 ? matches[0]!.id : null;
  useEffect(() => {
    if (only !== null && chosen === '') {
      choose(only);
    }
    // Only a new search result may choose; the callback itself changes every render.
    // oxlint-disable-next-line react/exhaustive-deps
  }, [only]);
  return matches?.length === 0;
}
