import { useState } from 'react';
import { Link } from 'wouter';
import { isTerminalStage, STAGES, type Stage } from '../../../../electron/core/domain/rules/stage';
import { ALL_UNITS, type CandidateRow } from '../../../../electron/core/model/entities';
import { call } from '../../api';
import { isSuperior, useSession } from '../../app/session';
import { FormError } from '../../components/Field';
import { UnitSelect } from '../../components/UnitSelect';
import { stageLabel } from '../../lib/labels';
import { candidatesHref } from '../../lib/drill-down';
import { useLoad } from '../../lib/use-load';

/** Names shown per column; the rest are one click away in the candidate list filtered to that stage. */
const TOP = 6;

type Column = { stage: Stage; count: number; rows: CandidateRow[] };

// Kept across visits so coming back from a candidate's page shows the same unit.
const remembered = { unit: ALL_UNITS };

/** The board of one unit ('' the own), or of every unit a committee oversees (ALL_UNITS). */
async function loadBoard(unit: string): Promise<Column[]> {
  const counts = await call('checks:stage-counts', unit && unit !== ALL_UNITS ? { unitCode: unit } : {});
  const byStage = new Map(counts.map((c) => [c.stage, c.count]));
  return Promise.all(
    STAGES.map(async (stage) => {
      const count = byStage.get(stage) ?? 0;
      const rows = count > 0 ? (await call('candidates:list', { stage, limit: TOP, unitCode: unit || undefined })).rows : [];
      return { stage, count, rows };
    }),
  );
}

function StageColumn({ column, step, unit }: { column: Column; step: number | null; unit: string }) {
  const { stage, count, rows } = column;
  return (
    <section className={`board-col${count === 0 ? ' board-empty' : ''}`} aria-label={`${stageLabel(stage)}: ${count.toLocaleString('vi-VN')} người`} data-testid="board-column" data-stage={stage}>
      <header className="board-head">
        {step !== null ? <span className="board-step">{step}</span> : null}
        <span className="board-title">{stageLabel(stage)}</span>
        <span className="board-count" data-testid="board-count">
          {count.toLocaleString('vi-VN')}
        </span>
      </header>
      {rows.length > 0 ? (
        <ul className="board-list">
          {rows.map((r) => (
            <li key={r.id}>
              <Link href={`/candidates/${r.id}`}>{r.fullName}</Link>
              {unit === ALL_UNITS ? <span className="detail">{r.unitName}</span> : null}
              {r.mentorName ? <span className="detail">Giúp đỡ: {r.mentorName}</span> : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="board-none">Chưa có ai</p>
      )}
      {count > 0 ? (
        <Link href={unit ? candidatesHref({ unit, stage }) : `/candidates/stage/${stage}`} className="board-more">
          {count > rows.length ? `Xem tất cả ${count.toLocaleString('vi-VN')} người →` : 'Mở danh sách →'}
        </Link>
      ) : null}
    </section>
  );
}

/**
 * Tiến trình: how many candidates stand at each stage of the admission process, and who they are; at a committee
 * over every unit it oversees, or one of them.
 */
export function PipelinePage() {
  const { status } = useSession();
  const superior = isSuperior(status);
  const [unit, setUnit] = useState(superior ? remembered.unit : '');
  const board = useLoad(() => loadBoard(unit), `board|${unit}`);
  const columns = board.data ?? [];
  const open = columns.filter((c) => !isTerminalStage(c.stage));
  const closed = columns.filter((c) => isTerminalStage(c.stage));
  const inProgress = open.filter((c) => c.stage !== 'chinh-thuc').reduce((n, c) => n + c.count, 0);
  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Tiến trình phát triển đảng viên</h1>
          <p className="count" data-testid="board-total">
            {board.data
              ? `${inProgress.toLocaleString('vi-VN')} người đang trong quy trình${unit === ALL_UNITS ? ' ở mọi đơn vị' : ''}, theo giai đoạn tính từ các sự kiện đã ghi`
              : 'Đang tải…'}
          </p>
        </div>
        {superior ? (
          <UnitSelect
            value={unit}
            onChange={(u) => {
              remembered.unit = u;
              setUnit(u);
            }}
          />
        ) : null}
      </div>
      <FormError message={board.error} />
      <div className="board">
        {open.map((c, i) => (
          <StageColumn key={c.stage} column={c} step={i + 1} unit={unit} />
        ))}
      </div>
      {closed.length > 0 ? (
        <>
          <h2 className="board-subtitle">Đã kết thúc quy trình</h2>
          <div className="board board-closed">
            {closed.map((c) => (
              <StageColumn key={c.stage} column={c} step={null} unit={unit} />
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}
