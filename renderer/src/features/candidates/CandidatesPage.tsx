import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { STAGES } from '../../../../electron/core/domain/rules/stage';
import { ALL_UNITS } from '../../../../electron/core/model/entities';
import { formatViDate } from '../../../../electron/core/model/dates';
import { isSuperior, useSession } from '../../app/session';
import { FormError } from '../../components/Field';
import { UnitSelect } from '../../components/UnitSelect';
import { StageBadge } from '../../components/StageBadge';
import { GENDER_LABELS, stageLabel } from '../../lib/labels';
import { useCandidatePages } from './use-candidate-pages';

const ROW_HEIGHT = 44;
const SEARCH_DELAY_MS = 200;

// Kept across visits so coming back from a candidate's page shows the same search. A committee's list starts over
// all its units (`unit` null until it picks one).
const remembered: { text: string; stage: string; unit: string | null } = { text: '', stage: '', unit: null };

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

function useDebounced(value: string, delay: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
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
  const query = useDebounced(text.trim(), SEARCH_DELAY_MS);
  const pages = useCandidatePages(query, stage, unit);
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
  }, [text, stage, unit, superior]);
  useEffect(() => ensure(first, last), [ensure, first, last]);
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [query, stage, unit]);

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
        <input
          type="search"
          aria-label="Tìm theo họ tên"
          placeholder={across ? 'Tìm người ở mọi đơn vị theo họ tên (gõ không dấu cũng được)' : 'Tìm theo họ tên (gõ không dấu cũng được)'}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        {superior ? <UnitSelect value={unit} onChange={setUnit} /> : null}
        <select aria-label="Lọc theo giai đoạn" value={stage} onChange={(e) => setStage(e.target.value)}>
          <option value="">Tất cả giai đoạn</option>
          {STAGES.map((s) => (
            <option key={s} value={s}>
              {stageLabel(s)}
            </option>
          ))}
        </select>
      </div>
      <FormError message={pages.error} />
      <div className={`vlist${across ? ' vlist-units' : ''}`} role="region" aria-label="Danh sách người vào Đảng">
        <div className="vlist-head">
          <span>Họ và tên</span>
          {across ? <span>Đơn vị</span> : null}
          <span>Giới tính</span>
          <span>Ngày sinh</span>
          <span>Giai đoạn</span>
          <span>Người giúp đỡ</span>
        </div>
        <div className="vlist-body" ref={scroller}>
          {pages.total === 0 ? (
            <p className="empty">
              {query || stage ? 'Không tìm thấy ai khớp với điều kiện tìm.' : 'Chưa có người vào Đảng nào.'}
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
