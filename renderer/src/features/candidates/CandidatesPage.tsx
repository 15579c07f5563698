import { useVirtualizer } from '@tanstack/react-virtual';
import { Fragment, useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { CANDIDATE_COLUMNS, CANDIDATE_SORT_COLUMNS, type ListSort } from '../../../../electron/core/domain/lists';
import { STAGES } from '../../../../electron/core/domain/rules/stage';
import { ALL_UNITS } from '../../../../electron/core/model/entities';
import { formatViDate } from '../../../../electron/core/model/dates';
import { isSuperior, useSession } from '../../app/session';
import { FormError } from '../../components/Field';
import { ExportButton, SearchBox, SortHead } from '../../components/ListTools';
import { UnitSelect } from '../../components/UnitSelect';
import { StageBadge } from '../../components/StageBadge';
import { GENDER_LABELS, stageLabel } from '../../lib/labels';
import { useDebounced } from '../../lib/use-debounced';
import { useCandidatePages } from './use-candidate-pages';

const ROW_HEIGHT = 44;
const SEARCH_DELAY_MS = 200;

// Kept across visits so coming back from a candidate's page shows the same search and order. A committee's list starts over
// all its units (`unit` null until it picks one).
const remembered: { text: string; stage: string; unit: string | null; sort: ListSort | undefined } = { text: '', stage: '', unit: null, sort: undefined };

/** Opens the list with the filter of a drill-down address, then goes back to the list's own address. */
export function CandidatesFiltered({ spec }: { spec: string }) {
  const [, navigate] = useLocation();
  useEffect(() => {
    const params = new URLSearchParams(decodeURIComponent(spec));
    const stage = params.get('stage') ?? '';
    remembered.text = '';
    remembered.stage = (STAGES as readonly string[]).includes(stage) ? stage : '';
    remembered.unit = params.get('unit') ?? ALL_UNITS;
    navigate('/candidates', { replace: true });
  }, [spec, navigate]);
  return null;
}


/** Opens the list filtered to one stage (the pipeline board links here), then goes back to the list's own address. */
export function CandidatesOfStage({ stage }: { stage: string }) {
  const [, navigate] = useLocation();
  useEffect(() => {
    remembered.text = '';
    remembered.stage = (STAGES as readonly string[]).includes(stage) ? stage : '';
    navigate('/candidates', { replace: true });
  }, [stage, navigate]);
  return null;
}

/**
 * Every candidate of the unit in name order, searchable without diacritics, filtered by stage, virtualised. At a
 * committee, every candidate of every unit it oversees by default, each row naming its unit, or one unit's.
 */
export function CandidatesPage() {
  const { status } = useSession();
  const superior = isSuperior(status);
  const [text, setText] = useState(remembered.text);
  const [stage, setStage] = useState(remembered.stage);
  const [unit, setUnit] = useState(superior ? (remembered.unit ?? ALL_UNITS) : '');
  const [sort, setSort] = useState(remembered.sort);
  const query = useDebounced(text.trim(), SEARCH_DELAY_MS);
  const pages = useCandidatePages(query, stage, unit, sort);
  const across = unit === ALL_UNITS;
  const scroller = useRef<HTMLDivElement>(null);
  // The app does not use the React Compiler, so a hook returning fresh functions each render is fine here.
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useVirtualizer({
    count: pages.total ?? 0,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensure } = pages;

  useEffect(() => {
    remembered.text = text;
    remembered.stage = stage;
    remembered.unit = superior ? unit : null;
    remembered.sort = sort;
  }, [text, stage, unit, superior, sort]);
  useEffect(() => ensure(first, last), [ensure, first, last]);
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [query, stage, unit, sort]);
  const head = (column: string, label: string) =>
    (CANDIDATE_SORT_COLUMNS as readonly string[]).includes(column) ? <SortHead column={column} label={label} sort={sort} onSort={setSort} /> : <span>{label}</span>;

  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Người vào Đảng</h1>
          <p className="count" data-testid="candidate-count">
            {pages.total === null ? 'Đang tải…' : `${pages.total.toLocaleString('vi-VN')} người${across ? ' ở mọi đơn vị' : superior && unit !== status.unit?.code ? ' của đơn vị cấp dưới, chỉ xem' : superior ? ' do đơn vị mình theo dõi' : ''}`}
          </p>
        </div>
        <Link href="/candidates/new" className="btn btn-primary">
          + Thêm người vào Đảng
        </Link>
      </div>
      <div className="toolbar">
        <SearchBox label="Tìm theo họ tên" value={text} onChange={setText} placeholder={across ? 'Tìm ở mọi đơn vị theo họ tên (không cần gõ dấu)' : undefined} />
        {superior ? <UnitSelect value={unit} onChange={setUnit} /> : null}
        <select aria-label="Lọc theo giai đoạn" value={stage} onChange={(e) => setStage(e.target.value)}>
          <option value="">Tất cả giai đoạn</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {stageLabel(s)}
            </option>
          ))}
        </select>
        <ExportButton request={{ list: 'candidates', query: query || undefined, stage: stage || undefined, unitCode: unit || undefined, sort }} disabled={!pages.total} />
      </div>
      <FormError message={pages.error} />
      <div className={`vlist${across ? ' vlist-units' : ''}`} role="region" aria-label="Danh sách người vào Đảng">
        <div className="vlist-head">
          {CANDIDATE_COLUMNS.map((c) => (
            <Fragment key={c.id}>
              {head(c.id, c.header)}
              {c.id === 'name' && across ? <span>Đơn vị</span> : null}
            </Fragment>
          ))}
        </div>
        <div className="vlist-body" ref={scroller}>
          {pages.total === 0 ? (
            <p className="empty">
              {query || stage ? (
                'Không tìm thấy ai khớp với điều kiện tìm. Hãy gõ ít chữ hơn hoặc chọn “Tất cả giai đoạn”.'
              ) : superior ? (
                'Chưa có người vào Đảng nào. Bấm “+ Thêm người vào Đảng” để nhập người đầu tiên chi bộ giới thiệu vào nguồn.'
              ) : (
                // The same first step as Đảng viên, Tiến trình and Hướng dẫn give: pickers and vote counts read the roster.
                <>
                  Chưa có người vào Đảng nào. Bắt đầu từ mục <Link href="/members">Đảng viên</Link>: nhập danh sách đảng viên của chi bộ trước (người giới
                  thiệu, người giúp đỡ và số người biểu quyết đều lấy từ đó), rồi bấm “+ Thêm người vào Đảng” để nhập người đầu tiên vào nguồn.
                </>
              )}
            </p>
          ) : null}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = pages.rowAt(item.index);
              const style = { transform: `translateY(${item.start}px)` };
              return row ? (
                <Link key={row.id} href={`/candidates/${row.id}`} className="vlist-row" style={style}>
                  <span className="name">{row.fullName}</span>
                  {across ? <span data-testid="candidate-unit">{row.unitName}</span> : null}
                  <span>{row.gender ? GENDER_LABELS[row.gender] : ''}</span>
                  <span>{formatViDate(row.birthDate)}</span>
                  <span>
                    <StageBadge stage={row.stage} />
                  </span>
                  <span>{row.mentorName ?? <span className="muted">—</span>}</span>
                </Link>
              ) : (
                <div key={`loading-${item.index}`} className="vlist-row" style={style} aria-hidden="true">
                  <span className="skeleton" />
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}
