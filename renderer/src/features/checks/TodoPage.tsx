import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, useState, type CSSProperties } from 'react';
import { Link, useLocation } from 'wouter';
import { SEVERITIES, type FindingCode, type Severity } from '../../../../electron/core/domain/rules/findings';
import { STAGE_LABELS as SHORT_STAGE_LABELS } from '../../../../electron/core/domain/reports/labels';
import { formatViDate } from '../../../../electron/core/model/dates';
import type { TodoItemWire, TodoPage as TodoAnswer } from '../../../../electron/core/model/checks';
import { call } from '../../api';
import type { ListSort } from '../../../../electron/core/domain/lists';
import { Check, FormError } from '../../components/Field';
import { ExportButton, SearchBox, SortHead } from '../../components/ListTools';
import { useDebounced } from '../../lib/use-debounced';
import { CountTag, DueText, SeverityTag } from '../../components/SeverityTag';
import { findingCodeLabel, SEVERITY_LABELS, stageLabel } from '../../lib/labels';
import { usePages } from '../../lib/use-pages';
import { CheckBanner } from './CheckBanner';
import { dailyCheck, useCheckProgress } from './daily-check';
import { SuperiorWork } from './SuperiorWork';

// Two lines of message under the name need this much; fixed so 150,000 rows are positioned without measuring.
const ROW_HEIGHT = 68;

/** `unit` '' is every unit the list spans (a committee's units below and its own). */
type Filter = { unit: string; severity: Severity | ''; code: string; overdueOnly: boolean };

const NO_FILTER: Filter = { unit: '', severity: '', code: '', overdueOnly: false };

// Kept across visits so coming back from a candidate's page shows the same filter, search and order.
const remembered: Filter = { ...NO_FILTER };
const rememberedView: { text: string; sort: ListSort | undefined } = { text: '', sort: undefined };
const SEARCH_DELAY_MS = 200;

/** Opens the list with the filter of a drill-down address, then goes back to the list's own address. */
export function TodoFiltered({ spec }: { spec: string }) {
  const [, navigate] = useLocation();
  useEffect(() => {
    const params = new URLSearchParams(decodeURIComponent(spec));
    const severity = params.get('severity') ?? '';
    Object.assign(remembered, {
      unit: params.get('unit') ?? '',
      severity: (SEVERITIES as readonly string[]).includes(severity) ? severity : '',
      code: params.get('code') ?? '',
      overdueOnly: params.get('overdueOnly') === 'true',
    });
    navigate('/todo', { replace: true });
  }, [spec, navigate]);
  return null;
}

/** The report tables' shorter stage names fit the narrow column under the name; an unknown stage keeps its own. */
function shortStage(stage: string): string {
  return Object.hasOwn(SHORT_STAGE_LABELS, stage) ? SHORT_STAGE_LABELS[stage as keyof typeof SHORT_STAGE_LABELS] : stageLabel(stage);
}

function TodoRow({ item, asOf, unitName, style }: { item: TodoItemWire; asOf: string; unitName: string | null; style: CSSProperties }) {
  return (
    <Link href={`/candidates/${item.candidateId}`} className={`vlist-row todo-row${item.overdue ? ' todo-late' : item.severity === 'error' ? ' todo-error' : ''}`} style={style} data-testid="todo-row" data-code={item.code} data-severity={item.severity}>
      <span>
        <SeverityTag severity={item.severity} overdue={item.overdue} />
      </span>
      <span>{item.due ? <DueText due={item.due} asOf={asOf} workingDaysLeft={item.workingDaysLeft} /> : <span className="muted">Không có hạn</span>}</span>
      {unitName !== null ? (
        <span className="todo-unit" data-testid="todo-unit" title={unitName}>
          {unitName}
        </span>
      ) : null}
      <span className="todo-who">
        <span className="name">{item.name}</span>
        <span className="detail">{shortStage(item.stage)}</span>
      </span>
      <span className="todo-what" title={item.message}>
        {/* A message that opens with its kind's name says it once: its two lines go to what to do. */}
        {item.message.startsWith(findingCodeLabel(item.code)) ? null : <strong>{findingCodeLabel(item.code)}. </strong>}
        {item.message}
      </span>
    </Link>
  );
}

function Summary({ answer, unit, onPick }: { answer: TodoAnswer; unit: string; onPick: (f: Filter) => void }) {
  const { summary } = answer;
  const pick = (f: Partial<Filter>) => onPick({ ...NO_FILTER, unit, ...f });
  return (
    <div className="todo-summary" aria-label="Tổng hợp">
      <button type="button" className="todo-chip" onClick={() => pick({ severity: 'error' })}>
        <CountTag tone="error" count={summary.error} noun="lỗi" />
      </button>
      <button type="button" className="todo-chip" onClick={() => pick({ severity: 'warning' })}>
        <CountTag tone="warning" count={summary.warning} noun="cảnh báo" />
      </button>
      <button type="button" className="todo-chip" onClick={() => pick({ severity: 'info' })}>
        <CountTag tone="info" count={summary.info} noun="nhắc việc" />
      </button>
      {/* Overdue items are errors or warnings already counted: set apart, so the chips add up to the list. */}
      <span className="todo-summary-of">trong số lỗi và cảnh báo:</span>
      <button type="button" className="todo-chip" onClick={() => pick({ overdueOnly: true })}>
        <CountTag tone="overdue" count={summary.overdue} noun="đã quá hạn" />
      </button>
    </div>
  );
}

/**
 * Việc cần làm: every finding of every candidate (of every unit a committee oversees), overdue and soonest due first,
 * filtered by unit, severity and kind,
 * virtualised and fetched a page at a time (a large unit has 150,000 items).
 */
export function TodoPage() {
  const [filter, setFilter] = useState<Filter>({ ...remembered });
  const [text, setText] = useState(rememberedView.text);
  const [sort, setSort] = useState(rememberedView.sort);
  const query = useDebounced(text.trim(), SEARCH_DELAY_MS);
  const request = {
    unitCode: filter.unit || undefined,
    severities: filter.severity ? [filter.severity] : undefined,
    codes: filter.code ? [filter.code as FindingCode] : undefined,
    overdueOnly: filter.overdueOnly || undefined,
    query: query || undefined,
    sort,
  };
  const [round, setRound] = useState(0);
  // The list and its counts are of one day. While a long re-evaluation of that day goes on, the list shows the
  // candidates already checked, says so, and fills in as it goes: a round per fifth of the way (at every step while
  // nothing is listed yet), and one at the end.
  const pages = usePages<TodoItemWire, TodoAnswer>(JSON.stringify(request), (offset, limit) => call('checks:todo-page', { ...request, offset, limit, soFar: true }), round);
  const checking = pages.last?.checking;
  const progress = useCheckProgress();
  const moreChecked = checking && progress && progress.done < progress.total && progress.done - checking.done >= (pages.total ? progress.total / 5 : 1);
  useEffect(() => {
    if (moreChecked) {
      setRound((r) => r + 1);
    }
  }, [moreChecked]);
  const isChecking = checking !== undefined;
  useEffect(() => {
    if (!isChecking) {
      return;
    }
    let live = true;
    // Starts the day's run if nothing runs it yet (a rulebook imported a moment ago), and shows the whole list after.
    void dailyCheck().then(() => {
      if (live) {
        setRound((r) => r + 1);
      }
    });
    return () => {
      live = false;
    };
  }, [isChecking]);
  const scroller = useRef<HTMLDivElement>(null);
  // The app does not use the React Compiler, so a hook returning fresh functions each render is fine here.
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useVirtualizer({ count: pages.total ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensure } = pages;
  const answer = pages.last;

  useEffect(() => {
    Object.assign(remembered, filter);
    Object.assign(rememberedView, { text, sort });
  }, [filter, text, sort]);
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [filter, query, sort]);
  useEffect(() => ensure(first, last), [ensure, first, last]);

  const filtered = filter.unit !== '' || filter.severity !== '' || filter.code !== '' || filter.overdueOnly;
  // A committee's list spans its units: each item names its unit, and the list can be narrowed to one.
  const units = answer && answer.units.length > 1 ? answer.units : null;
  const unitNames = new Map(units?.map((u) => [u.code, u.name]));
  const unitName = units?.find((u) => u.code === filter.unit)?.name;
  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Việc cần làm</h1>
          <p className="count" data-testid="todo-count">
            {pages.total === null
              ? 'Đang kiểm tra…'
              : checking
                ? `${pages.total.toLocaleString('vi-VN')} việc của ${checking.done.toLocaleString('vi-VN')}/${checking.total.toLocaleString('vi-VN')} người đã kiểm tra hôm nay · đang kiểm tra tiếp`
                : `${pages.total.toLocaleString('vi-VN')} việc${units ? (unitName ? ` của ${unitName}` : ` ở ${(answer?.unitsWithItems ?? 0).toLocaleString('vi-VN')} đơn vị`) : ''}${answer ? ` · tính đến ngày ${formatViDate(answer.asOf)}` : ''}${sort ? '' : ' · việc quá hạn và gần hạn nhất ở trên cùng'}`}
          </p>
        </div>
      </div>
      {pages.total === null || checking ? <CheckBanner partial={checking !== undefined} /> : null}
      <SuperiorWork />
      {answer && !checking ? <Summary answer={answer} unit={filter.unit} onPick={setFilter} /> : null}
      <div className="toolbar">
        <SearchBox label="Tìm theo tên người vào Đảng" value={text} onChange={setText} placeholder="Tìm theo tên người vào Đảng" />
        <span className="search-hint muted" data-testid="search-hint">
          Gõ không dấu cũng tìm được, ví dụ “nguyen van an”.
        </span>
        {units ? (
          <select aria-label="Lọc theo đơn vị" value={filter.unit} onChange={(e) => setFilter({ ...filter, unit: e.target.value, code: '' })}>
            <option value="">Mọi đơn vị</option>
            {units.map((u) => (
              <option key={u.code} value={u.code}>
                {u.name} ({u.count.toLocaleString('vi-VN')})
              </option>
            ))}
          </select>
        ) : null}
        <select aria-label="Lọc theo mức độ" value={filter.severity} onChange={(e) => setFilter({ ...filter, severity: e.target.value as Severity | '' })}>
          <option value="">Mọi mức độ</option>
          {SEVERITIES.map((s) => (
            <option key={s} value={s}>
              {SEVERITY_LABELS[s]}
            </option>
          ))}
        </select>
        <select aria-label="Lọc theo loại việc" value={filter.code} onChange={(e) => setFilter({ ...filter, code: e.target.value })}>
          <option value="">Mọi loại việc</option>
          {(answer?.codes ?? []).map((c) => (
            <option key={c.code} value={c.code}>
              {findingCodeLabel(c.code)} ({c.count.toLocaleString('vi-VN')})
            </option>
          ))}
        </select>
        <Check label="Chỉ việc đã quá hạn">
          <input type="checkbox" checked={filter.overdueOnly} onChange={(e) => setFilter({ ...filter, overdueOnly: e.target.checked })} />
        </Check>
        {filtered ? (
          <button type="button" className="btn btn-ghost btn-small" onClick={() => setFilter({ ...NO_FILTER })}>
            Bỏ lọc
          </button>
        ) : null}
        <ExportButton request={{ list: 'todo', ...request }} disabled={!pages.total || checking !== undefined} />
      </div>
      <FormError message={pages.error} />
      <div className={`vlist todo-list${units ? ' todo-units' : ''}`} role="region" aria-label="Danh sách việc cần làm">
        <div className="vlist-head">
          <SortHead column="severity" label="Mức độ" sort={sort} onSort={setSort} />
          <SortHead column="due" label="Hạn" sort={sort} onSort={setSort} />
          {units ? <span>Đơn vị</span> : null}
          <SortHead column="name" label="Người vào Đảng" sort={sort} onSort={setSort} />
          <SortHead column="code" label="Việc cần làm" sort={sort} onSort={setSort} />
        </div>
        <div className="vlist-body" ref={scroller}>
          {pages.total === 0 ? (
            <p className="empty">
              {checking
                ? `Chưa có việc nào trong số ${checking.done.toLocaleString('vi-VN')} người đã kiểm tra xong; danh sách sẽ tự thêm khi kiểm tra tiếp.`
                : filtered || query
                ? 'Không có việc nào khớp với điều kiện lọc.'
                : 'Không có việc nào cần làm. Việc sẽ hiện ở đây khi hồ sơ có lỗi hoặc sắp đến hạn; nếu chưa nhập ai, hãy bắt đầu ở mục “Người vào Đảng”.'}
            </p>
          ) : null}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = pages.rowAt(item.index);
              const style = { transform: `translateY(${item.start}px)` };
              return row && answer ? (
                <TodoRow key={item.index} item={row} asOf={answer.asOf} unitName={units ? (unitNames.get(row.unitCode) ?? row.unitCode) : null} style={style} />
              ) : (
                <div key={`loading-${item.index}`} className="vlist-row todo-row" style={style} aria-hidden="true">
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
