import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { Link } from 'wouter';
import type { DashboardUnit } from '../../../../electron/core/model/dashboard';

/**
 * The dashboard's charts. Colours are from the Okabe–Ito palette, which people with the common colour-vision
 * deficiencies still tell apart; every bar carries its number, so no one has to read values off an axis.
 * Animations are off: a chart that grows for a second is a chart that cannot be read (or screenshotted) at once.
 */
export const COLORS = { admissions: '#0072B2', target: '#E69F00', overdue: '#D55E00', funnel: '#56B4E9', trend: '#009E73' } as const;

const AXIS = { fontSize: 13, fill: '#1c2430' };
const ROW_PX = 34;
const number = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('vi-VN') : '');

type UnitBar = { code: string; name: string; admissions: number; target: number | null };

/**
 * What a unit's year target is measured against: a committee's target is over its whole subtree (the chi bộ it split
 * it among included), so its own line alone (usually 0) would read as nothing done.
 */
export const admissionsAgainstTarget = (u: DashboardUnit): number => u.subtree?.admissions ?? u.admissions;

/** Admissions against the year target, one pair of bars per unit; a click opens the unit. */
export function AdmissionsChart({ units, onOpen }: { units: DashboardUnit[]; onOpen: (code: string) => void }) {
  const data: UnitBar[] = units.map((u) => ({
    code: u.code,
    name: u.subtree ? `${u.name} (cả đảng bộ)` : u.name,
    admissions: admissionsAgainstTarget(u),
    target: u.target?.targetCount ?? null,
  }));
  return (
    <BarChart
      layout="vertical"
      data={data}
      responsive
      style={{ width: '100%', height: 70 + data.length * ROW_PX * 1.6 }}
      margin={{ top: 4, right: 40, bottom: 4, left: 8 }}
      barCategoryGap="18%"
    >
      <CartesianGrid horizontal={false} stroke="#e3e6ea" />
      <XAxis type="number" allowDecimals={false} tick={AXIS} tickFormatter={number} />
      <YAxis type="category" dataKey="name" width={190} tick={AXIS} interval={0} />
      <Tooltip formatter={number} />
      {/* In the order of the bars, not alphabetical: what was done first, then what was asked. */}
      <Legend verticalAlign="top" height={30} itemSorter={null} />
      <Bar dataKey="admissions" name="Đã kết nạp" minPointSize={3} fill={COLORS.admissions} isAnimationActive={false} cursor="pointer" onClick={(_, i) => onOpen(data[i]!.code)}>
        <LabelList dataKey="admissions" formatter={number} position="right" fill="#1c2430" fontSize={13} fontWeight={600} />
      </Bar>
      <Bar dataKey="target" name="Chỉ tiêu năm" minPointSize={3} fill={COLORS.target} isAnimationActive={false} cursor="pointer" onClick={(_, i) => onOpen(data[i]!.code)}>
        <LabelList dataKey="target" formatter={number} position="right" fill="#1c2430" fontSize={13} />
      </Bar>
    </BarChart>
  );
}

/** How many candidates stand at each stage now, source to full member, as horizontal bars in pipeline order; a click lists them. */
export function FunnelChart<S extends string>({ steps, onOpen }: { steps: { stage: S; label: string; count: number }[]; onOpen: (stage: S) => void }) {
  return (
    <BarChart layout="vertical" data={steps} responsive style={{ width: '100%', height: 20 + steps.length * ROW_PX }} margin={{ top: 4, right: 48, bottom: 4, left: 8 }}>
      <XAxis type="number" hide allowDecimals={false} />
      <YAxis type="category" dataKey="label" width={200} tick={AXIS} interval={0} />
      <Tooltip formatter={number} />
      <Bar dataKey="count" name="Số người" minPointSize={3} fill={COLORS.funnel} isAnimationActive={false} cursor="pointer" onClick={(_, i) => onOpen(steps[i]!.stage)}>
        <LabelList dataKey="count" formatter={number} position="right" fill="#1c2430" fontSize={13} fontWeight={600} />
      </Bar>
    </BarChart>
  );
}

/** Error and overdue findings per unit, most first; a click opens the unit. */
export function OverdueChart({ units, onOpen }: { units: { code: string; name: string; overdue: number }[]; onOpen: (code: string) => void }) {
  return (
    <BarChart layout="vertical" data={units} responsive style={{ width: '100%', height: 20 + units.length * ROW_PX }} margin={{ top: 4, right: 48, bottom: 4, left: 8 }}>
      <XAxis type="number" hide allowDecimals={false} />
      <YAxis type="category" dataKey="name" width={190} tick={AXIS} interval={0} />
      <Tooltip formatter={number} />
      <Bar dataKey="overdue" name="Lỗi, quá hạn" fill={COLORS.overdue} isAnimationActive={false} cursor="pointer" onClick={(_, i) => onOpen(units[i]!.code)}>
        <LabelList dataKey="overdue" formatter={number} position="right" fill="#1c2430" fontSize={13} fontWeight={600} />
      </Bar>
    </BarChart>
  );
}

/**
 * Admissions per quarter of the year, with each quarter's number written on its point; under it each quarter's number
 * as a link to the people it counts (`hrefOf`), which a point of a line is too small to be.
 */
export function TrendChart({ points, hrefOf }: { points: { quarter: string; label: string; admissions: number }[]; hrefOf?: (quarter: string) => string }) {
  return (
    <>
      <TrendLine points={points} />
      {hrefOf ? (
        <p className="chart-links" data-testid="trend-links">
          {points.map((p, i) => (
            <span key={p.quarter}>
              {i > 0 ? ' · ' : ''}
              {p.label}:{' '}
              <Link href={hrefOf(p.quarter)} className="count-link" title="Xem danh sách những người được kết nạp trong quý">
                {number(p.admissions)} người
              </Link>
            </span>
          ))}
        </p>
      ) : null}
    </>
  );
}

function TrendLine({ points }: { points: { label: string; admissions: number }[] }) {
  return (
    <LineChart data={points} responsive style={{ width: '100%', height: 240 }} margin={{ top: 32, right: 32, bottom: 4, left: 0 }}>
      <CartesianGrid stroke="#e3e6ea" />
      <XAxis dataKey="label" tick={AXIS} padding={{ left: 30, right: 30 }} />
      <YAxis allowDecimals={false} tick={AXIS} width={40} tickFormatter={number} />
      <Tooltip formatter={number} />
      <Line type="linear" dataKey="admissions" name="Kết nạp" stroke={COLORS.trend} strokeWidth={3} dot={{ r: 5 }} isAnimationActive={false}>
        <LabelList dataKey="admissions" formatter={number} position="top" offset={10} fill="#1c2430" fontSize={14} fontWeight={600} />
      </Line>
    </LineChart>
  );
}
