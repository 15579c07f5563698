import { useState, type ReactNode } from 'react';
import type { ImportOutcome } from '../../../../electron/core/model/sync';
import { call, errorMessage } from '../../api';
import { FormError } from '../../components/Field';
import { ImportResultsTable, ImportSummary, type ImportRow } from './ImportResults';
import { Step } from './pickers';
import { baseName, madeBy, orderBundlePaths } from './sync-format';

type Props = {
  /** The own unit: files it made itself, which sit on the same USB stick, are left out. */
  ownCode: string;
  /** What files this side receives, above the steps. */
  intro: ReactNode;
  onImported?: (outcomes: ImportOutcome[]) => void;
  /** At a superior: where to confirm the code of a unit that has just enrolled. */
  confirmHref?: (unitCode: string) => string;
};

/**
 * Several received files at once: each is imported by its own call, so the bar moves file by file and one bad file
 * never stops the others; then the result of every file and the summary of the batch.
 */
export function ImportWizard({ ownCode, intro, onImported, confirmHref }: Props) {
  const [files, setFiles] = useState<string[]>([]);
  const [skipped, setSkipped] = useState<string[]>([]);
  const [rows, setRows] = useState<ImportRow[]>([]);
  const [total, setTotal] = useState(0);
  const [running, setRunning] = useState(false);
  const [current, setCurrent] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const choose = async () => {
    setFailure(null);
    try {
      const chosen = await call('system:choose-files', { title: 'Chọn các tệp gói dữ liệu (.ptdv)', extensions: ['ptdv'], multiple: true });
      if (chosen.length === 0) {
        return;
      }
      setSkipped(chosen.filter((p) => madeBy(p, ownCode)).map(baseName));
      setFiles((current) => orderBundlePaths([...new Set([...current, ...chosen.filter((p) => !madeBy(p, ownCode))])]));
      setRows([]);
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };

  const run = async () => {
    const batch = files;
    setRunning(true);
    setRows([]);
    setTotal(batch.length);
    const done: ImportRow[] = [];
    for (const file of batch) {
      setCurrent(baseName(file));
      try {
        const [outcome] = await call('bundles:import', { paths: [file] });
        done.push({ file, outcome: outcome ?? null, error: null });
      } catch (err) {
        done.push({ file, outcome: null, error: errorMessage(err) });
      }
      setRows([...done]);
    }
    setCurrent(null);
    setFiles([]);
    setSkipped([]);
    setRunning(false);
    onImported?.(done.flatMap((r) => (r.outcome ? [r.outcome] : [])));
  };

  const percent = total === 0 ? 0 : Math.round((rows.length / total) * 100);
  return (
    <>
      <section className="card section" aria-labelledby="import-title">
        <h2 id="import-title">Nhận gói dữ liệu</h2>
        {intro}
        <ol className="steps">
          <Step n={1} title="Chọn các tệp nhận được (chọn được nhiều tệp một lúc)">
            <div className="picked">
              <span className="muted">{files.length > 0 ? `Đã chọn ${files.length} tệp` : 'Chưa chọn tệp nào'}</span>
              <button type="button" className="btn" onClick={() => void choose()} disabled={running}>
                {files.length > 0 ? 'Chọn thêm tệp…' : 'Chọn tệp…'}
              </button>
            </div>
            {files.length > 0 ? (
              <ul className="file-list" aria-label="Các tệp sẽ nhập">
                {files.map((f) => (
                  <li key={f}>
                    <span className="file-cell">{baseName(f)}</span>
                    <button type="button" className="btn btn-small btn-ghost" onClick={() => setFiles(files.filter((x) => x !== f))} disabled={running} aria-label={`Bỏ ${baseName(f)}`}>
                      Bỏ
                    </button>
                  </li>
                ))}
              </ul>
            ) : null}
            {skipped.length > 0 ? (
              <p className="detail" data-testid="import-skipped">
                Đã bỏ qua {skipped.length} tệp do chính đơn vị này gửi đi: {skipped.join(', ')}.
              </p>
            ) : null}
          </Step>
          <Step n={2} title="Nhập và kiểm tra">
            <p className="detail">
              Mỗi tệp được giải mã, kiểm tra chữ ký và số thứ tự. Tệp hỏng hoặc bị sửa đổi bị từ chối và không ghi gì vào dữ liệu.
            </p>
            <div className="picked">
              <button type="button" className="btn btn-primary" onClick={() => void run()} disabled={running || files.length === 0}>
                {running ? 'Đang nhập…' : files.length > 0 ? `Nhập ${files.length} tệp` : 'Nhập'}
              </button>
            </div>
          </Step>
        </ol>
        <FormError message={failure} />
        {total > 0 ? (
          <div className="import-progress">
            <p className="progress-figures" aria-live="polite">
              {running ? `Đang giải mã, kiểm tra và nhập tệp ${current ?? ''}: đã xong ${rows.length}/${total} tệp` : `Đã nhập xong ${total} tệp`}
            </p>
            <div className="progress-track" role="progressbar" aria-label="Tiến độ nhập tệp" aria-valuemin={0} aria-valuemax={total} aria-valuenow={rows.length}>
              <div className="progress-fill" style={{ width: `${percent}%` }} />
            </div>
          </div>
        ) : null}
      </section>
      {rows.length > 0 ? (
        <section className="card section" aria-labelledby="import-results-title">
          <h2 id="import-results-title">Kết quả từng tệp</h2>
          <ImportResultsTable rows={rows} confirmHref={confirmHref} />
        </section>
      ) : null}
      {rows.length > 0 && !running ? <ImportSummary rows={rows} /> : null}
    </>
  );
}
