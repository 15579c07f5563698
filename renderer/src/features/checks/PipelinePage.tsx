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
import { CheckBanner } from './CheckBanner';
import { dailyCheck } from './daily-check';

/** Names shown per column; the rest are one click away in the candidate list filtered to that stage. */
const TOP = 6;

/** `offFile`: people counted at the stage whom no candidate file follows (dự bị members entered on the roster). */
type Column = { stage: Stage; count: number; offFile: number; undated: number; rows: CandidateRow[]; overdue: number; withErrors: number };
/** What needs attention first for a person on the board: an overdue step outranks an error. */
type Mark = 'overdue' | 'error';
type Board = { columns: Column[]; marks: Map<string, Mark[]> };

// Kept across visits so coming back from a candidate's page shows the same unit.
const remembered = { unit: ALL_UNITS };

/** The board of one unit ('' the own), or of every unit a committee oversees (ALL_UNITS). */
async function loadBoard(unit: string): Promise<Board> {
  // Its error marks are today's findings: it waits for the day's re-evaluation rather than doing it in its own call.
  await dailyCheck();
  const counts = await call('checks:stage-counts', unit && unit !== ALL_UNITS ? { unitCode: unit } : {});
  const byStage = new Map(counts.map((c) => [c.stage, c]));
  const columns = await Promise.all(
    STAGES.map(async (stage) => {
      const count = byStage.get(stage)?.count ?? 0;
      const rows = count > 0 ? (await call('candidates:list', { stage, limit: TOP, unitCode: unit || undefined })).rows : [];
      const counted = byStage.get(stage);
      return { stage, count, offFile: counted?.offFile ?? 0, undated: counted?.undated ?? 0, rows, overdue: counted?.peopleOverdue ?? 0, withErrors: counted?.peopleWithErrors ?? 0 };
    }),
  );
  const ids = columns.flatMap((c) => c.rows.map((r) => r.id));
  const marks = new Map<string, Mark[]>();
  if (ids.length > 0) {
    const late = await call('checks:todo-page', { candidateIds: ids, overdueOnly: true, limit: 500 });
    const items = await call('checks:todo-page', { candidateIds: ids, severities: ['error'], limit: 500 });
    // Overdue first, then an error: someone both shows both.
    for (const [rows, mark] of [[late.rows, 'overdue'], [items.rows, 'error']] as const) {
      for (const i of rows) {
        const said = marks.get(i.candidateId) ?? [];
        marks.set(i.candidateId, said.includes(mark) ? said : [...said, mark]);
      }
    }
  }
  return { columns, marks };
}

const MARK_TEXT: Record<Mark, string> = { overdue: 'Quá hạn', error: 'Có lỗi' };

function StageColumn({ column, step, unit, marks }: { column: Column; step: number | null; unit: string; marks: Map<string, Mark[]> }) {
  const { stage, count, offFile, undated, rows, overdue, withErrors } = column;
  const people = count + offFile;
  return (
    <section className={`board-col${people === 0 ? ' board-empty' : ''}`} aria-label={`${stageLabel(stage)}: ${people.toLocaleString('vi-VN')} người`} data-testid="board-column" data-stage={stage}>
      <header className="board-head">
        {step !== null ? <span className="board-step">{step}</span> : null}
        <span className="board-title">{stageLabel(stage)}</span>
        <span className="board-count" data-testid="board-count">
          {people.toLocaleString('vi-VN')}
        </span>
      </header>
      {overdue + withErrors > 0 ? (
        // Over the whole column, not only the names shown: who needs attention at this step.
        <p className="board-attention" data-testid="board-attention">
          {overdue > 0 ? <span className="badge badge-danger">{overdue.toLocaleString('vi-VN')} người quá hạn</span> : null}
          {withErrors > 0 ? <span className="badge badge-warm">{withErrors.toLocaleString('vi-VN')} người có lỗi</span> : null}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <ul className="board-list">
          {rows.map((r) => {
            const said = marks.get(r.id) ?? [];
            const mark = said[0];
            return (
            <li key={r.id} className={mark ? `board-${mark}` : undefined} data-testid="board-person" data-mark={mark ?? ''}>
              <Link href={`/candidates/${r.id}`}>{r.fullName}</Link>
              {unit === ALL_UNITS ? <span className="detail">{r.unitName}</span> : null}
              {said.map((m) => (
                <span key={m} className="badge badge-danger board-mark">
                  {MARK_TEXT[m]}
                </span>
              ))}
              {r.mentorName ? <span className="detail">Giúp đỡ: {r.mentorName}</span> : null}
            </li>
            );
          })}
        </ul>
      ) : offFile === 0 ? (
        <p className="board-none">Chưa có ai</p>
      ) : null}
      {undated > 0 ? (
        // Why Tổng quan and the report count fewer here: they count by the day each person entered a stage.
        <p className="board-off-file detail" data-testid="board-undated">
          Trong đó {undated.toLocaleString('vi-VN')} người chưa ghi ngày giới thiệu vào nguồn, nên Tổng quan và báo cáo chưa tính. Ghi sự kiện «Được giới thiệu vào nguồn» trên trang của họ.
        </p>
      ) : null}
      {offFile > 0 ? (
        <p className="board-off-file detail" data-testid="board-off-file">
          {count > 0 ? 'Và ' : ''}
          {offFile.toLocaleString('vi-VN')} đảng viên dự bị không có hồ sơ trong ứng dụng, ở mục <Link href="/members">Đảng viên</Link>
        </p>
      ) : null}
      {count > 0 ? (
        <Link href={unit ? candidatesHref({ unit, stage }) : `/candidates/stage/${stage}`} className="board-more">
          {count > rows.length ? `Xem tất cả ${count.toLocaleString('vi-VN')} người${offFile > 0 ? ' có hồ sơ' : ''} →` : 'Mở danh sách →'}
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
  const columns = board.data?.columns ?? [];
  const marks = board.data?.marks ?? new Map<string, Mark[]>();
  const open = columns.filter((c) => !isTerminalStage(c.stage));
  const closed = columns.filter((c) => isTerminalStage(c.stage));
  const inProgress = open.filter((c) => c.stage !== 'chinh-thuc').reduce((n, c) => n + c.count + c.offFile, 0);
  return (
    <section>
      <div className="page-head">
        <div>
          <h1>Tiến trình phát triển đảng viên</h1>
          <p className="count" data-testid="board-total">
            {board.data
              ? `${inProgress.toLocaleString('vi-VN')} người đang trong quy trình${unit === ALL_UNITS ? ' ở mọi đơn vị' : ''}, theo giai đoạn tính từ các sự kiện đã ghi; người có việc quá hạn hay hồ sơ có lỗi được đánh dấu`
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
      {board.data ? null : <CheckBanner />}
      <FormError message={board.error} />
      {board.data && columns.every((c) => c.count + c.offFile === 0) ? (
        <p className="empty card">
          Chưa có ai trong quy trình. Hãy nhập danh sách đảng viên ở mục <Link href="/members">Đảng viên</Link>, rồi thêm người đầu tiên ở mục{' '}
          <Link href="/candidates/new">Người vào Đảng</Link>.
        </p>
      ) : null}
      <div className="board">
        {open.map((c, i) => (
          <StageColumn key={c.stage} column={c} step={i + 1} unit={unit} marks={marks} />
        ))}
      </div>
      {closed.length > 0 ? (
        <>
          <h2 className="board-subtitle">Đã kết thúc quy trình</h2>
          <div className="board board-closed">
            {closed.map((c) => (
              <StageColumn key={c.stage} column={c} step={null} unit={unit} marks={marks} />
            ))}
          </div>
        </>
      ) : null}
    </section>
  );
}
