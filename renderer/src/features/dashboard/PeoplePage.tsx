import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { Link } from 'wouter';
import { STAGES } from '../../../../electron/core/domain/rules/stage';
import { DASHBOARD_COUNTS, LEAD_TIMES, type DashboardPeople } from '../../../../electron/core/model/dashboard';
import { breakdownTraits } from '../reports/count-links';
import { formatViDate } from '../../../../electron/core/model/dates';
import { FLOW_KEYS, type FlowKey } from '../../../../electron/core/model/report';
import { FLOW_LABELS } from '../../../../electron/core/domain/reports/labels';
import { call } from '../../api';
import { FormError } from '../../components/Field';
import { stageLabel } from '../../lib/labels';
import { type PeopleSpec as Spec } from '../../lib/drill-down';
import { usePages } from '../../lib/use-pages';

const ROW_HEIGHT = 44;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
/** A breakdown row's trait → its label as the report prints it. */
const TRAIT_LABELS = new Map([...breakdownTraits()].map(([label, trait]) => [trait, label]));


function parseSpec(text: string): Spec | null {
  const params = new URLSearchParams(decodeURIComponent(text));
  const count = params.get('count');
  const stage = params.get('stage') ?? undefined;
  if (!(DASHBOARD_COUNTS as readonly string[]).includes(count ?? '')) {
    return null;
  }
  const flow = params.get('flow') ?? undefined;
  const from = params.get('from') ?? undefined;
  const trait = params.get('trait') ?? undefined;
  const lead = params.get('lead') ?? undefined;
  const to = params.get('to') ?? undefined;
  if (to !== undefined && !(ISO_DAY.test(to) && ISO_DAY.test(from ?? ''))) {
    return null;
  }
  if ((count === 'period-admissions' || count === 'lead-time') && !ISO_DAY.test(from ?? '')) {
    return null;
  }
  if (count === 'lead-time' && !(LEAD_TIMES as readonly string[]).includes(lead ?? '')) {
    return null;
  }
  if (trait !== undefined && !TRAIT_LABELS.has(trait)) {
    return null;
  }
  if (count === 'flow' && !((FLOW_KEYS as readonly string[]).includes(flow ?? '') && ISO_DAY.test(from ?? ''))) {
    return null;
  }
  if (count === 'stage' && !(STAGES as readonly string[]).includes(stage ?? '')) {
    return null;
  }
  const asOf = params.get('asOf') ?? undefined;
  if (asOf !== undefined && !ISO_DAY.test(asOf)) {
    return null;
  }
  return { count: count as Spec['count'], unit: params.get('unit') ?? undefined, stage, flow, from, asOf, trait, lead: lead as Spec['lead'], to };
}

function title(spec: Spec, year: number, countedTo: string | null): string {
  const day = countedTo ? ` ngày ${formatViDate(countedTo)}` : '';
  const until = countedTo ? ` đến ngày ${formatViDate(countedTo)}` : '';
  switch (spec.count) {
    case 'admissions':
      return spec.from && spec.to ? `Kết nạp từ ngày ${formatViDate(spec.from)} đến ngày ${formatViDate(spec.to)}` : `Kết nạp từ đầu năm ${year}`;
    case 'stage':
      return `Ở bước «${stageLabel(spec.stage ?? '')}»${day}`;
    case 'candidates':
      return `Hồ sơ người vào Đảng năm ${year}`;
    case 'flow':
      return `${FLOW_LABELS[spec.flow as FlowKey]} từ ngày ${formatViDate(spec.from ?? '')}${until}`;
    case 'period-admissions':
      return `Kết nạp từ ngày ${formatViDate(spec.from ?? '')}${until}${spec.trait ? ` · ${TRAIT_LABELS.get(spec.trait) ?? ''}` : ''}`;
    case 'lead-time':
      return `${spec.lead === 'listing-admission' ? 'Kết nạp sau khi vào danh sách cảm tình Đảng' : 'Công nhận chính thức sau lễ kết nạp'} từ ngày ${formatViDate(spec.from ?? '')}${until}`;
  }
}

/**
 * The people a number counts, from the same service and predicates as the number itself (dashboard:people), in
 * name order, virtualised and fetched a page at a time: a committee's total may count tens of thousands.
 */
export function PeoplePage({ year, spec: specText }: { year: number; spec: string }) {
  const spec = parseSpec(specText);
  const pages = usePages<DashboardPeople['rows'][number], DashboardPeople>(`${year}|${specText}`, (offset, limit) =>
    spec
      ? call('dashboard:people', { year, count: spec.count, unitCode: spec.unit, stage: spec.stage as (typeof STAGES)[number] | undefined, flow: spec.flow as FlowKey | undefined, from: spec.from, asOf: spec.asOf, trait: spec.trait || undefined, lead: spec.lead, to: spec.to, offset, limit })
      : Promise.resolve({ year, countedTo: `${year}-12-31`, total: 0, offFile: 0, rows: [] }),
  );
  const scroller = useRef<HTMLDivElement>(null);
  // The app does not use the React Compiler, so a hook returning fresh functions each render is fine here.
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useVirtualizer({ count: pages.total ?? 0, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 12 });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? 0;
  const { ensure } = pages;
  useEffect(() => ensure(first, last), [ensure, first, last]);
  const answer = pages.last;
  const back = spec?.unit ? `/dashboard/units/${spec.unit}/${year}` : '/dashboard';

  if (!spec) {
    return <p className="form-error">Địa chỉ danh sách không đúng. Hãy mở lại từ trang Tổng quan.</p>;
  }
  return (
    <section>
      <p>
        <Link href={back}>{spec.unit ? `← Đơn vị ${spec.unit}` : '← Tổng quan'}</Link>
      </p>
      <div className="page-head">
        <div>
          <h1>{title(spec, year, answer?.countedTo ?? null)}</h1>
          <p className="count" data-testid="people-count">
            {pages.total === null
              ? 'Đang tải…'
              : `${pages.total.toLocaleString('vi-VN')} người${spec.unit ? ` của đơn vị ${spec.unit}` : ''}${answer ? ` · số liệu tính đến ngày ${formatViDate(answer.countedTo)}` : ''}`}
          </p>
          {answer && answer.offFile > 0 ? (
            <p className="lead" data-testid="people-off-file">
              Con số ở trang Tổng quan còn tính {answer.offFile.toLocaleString('vi-VN')} đảng viên dự bị không có hồ sơ trong ứng dụng (vào Đảng trước khi dùng
              ứng dụng hoặc chuyển đến), như báo cáo: xem ở mục <Link href="/members">Đảng viên</Link>.
            </p>
          ) : null}
        </div>
      </div>
      <FormError message={pages.error} />
      <div className="vlist vlist-people" role="region" aria-label="Danh sách người được đếm">
        <div className="vlist-head">
          <span>Họ và tên</span>
          <span>Đơn vị</span>
          <span>Ngày sinh</span>
          <span>Giai đoạn tại ngày tính</span>
          <span>Ngày QĐ kết nạp</span>
        </div>
        <div className="vlist-body" ref={scroller}>
          {pages.total === 0 ? <p className="empty">Không có ai.</p> : null}
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {items.map((item) => {
              const row = pages.rowAt(item.index);
              const style = { transform: `translateY(${item.start}px)` };
              return row ? (
                <Link key={row.id} href={`/candidates/${row.id}`} className="vlist-row" style={style} data-testid="people-row">
                  <span className="name">{row.fullName}</span>
                  <span>{row.unitName}</span>
                  <span>{formatViDate(row.birthDate)}</span>
                  <span>{row.stageLabel}</span>
                  <span>{row.admittedOn ? formatViDate(row.admittedOn) : <span className="muted">—</span>}</span>
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
