import { useState } from 'react';
import { OperationProgressBar } from '../../components/OperationProgressBar';
import { useProgressCall } from '../../lib/progress';
import { Link } from 'wouter';
import { BUNDLE_LABEL } from '../../../../electron/core/domain/bundles/manifest';
import type { KeysInfo, SavedBundle } from '../../../../electron/core/model/sync';
import { call, errorMessage } from '../../api';
import { Field, FormError } from '../../components/Field';
import { todayIso } from '../../lib/form';
import { useLoad } from '../../lib/use-load';
import { FolderPicker, Step } from './pickers';
import { ReadAloudCode } from './ReadAloudCode';
import { SavedResult } from './SavedResult';
import { quarterLabel } from './sync-format';

const LABEL_HINT = 'Tự điền theo kỳ đã chọn ở trên; chỉ sửa khi cấp trên yêu cầu một nhãn khác, ví dụ tháng (2026-12).';
const ROMAN = ['I', 'II', 'III', 'IV'] as const;
const OTHER = '';

/** The periods a cell reports on, newest first: this quarter and the five before it, then this year and the last. */
export function periodOptions(today: string): { value: string; label: string }[] {
  const year = Number(today.slice(0, 4));
  const quarter = Math.ceil(Number(today.slice(5, 7)) / 3);
  const quarters = Array.from({ length: 6 }, (_, i) => {
    const index = year * 4 + (quarter - 1) - i;
    const [y, q] = [Math.floor(index / 4), (index % 4) + 1];
    return { value: `${y}Q${q}`, label: `Quý ${ROMAN[q - 1]}/${y}` };
  });
  return [...quarters, { value: `${year}`, label: `Năm ${year}` }, { value: `${year - 1}`, label: `Năm ${year - 1}` }];
}
const LABEL_ERROR = 'Nhãn kỳ chỉ gồm chữ không dấu, chữ số và dấu gạch ngang, ví dụ 2026Q4.';

function Wizard({ info }: { info: KeysInfo & { parent: NonNullable<KeysInfo['parent']> } }) {
  const [label, setLabel] = useState(() => quarterLabel(todayIso()));
  const [options] = useState(() => periodOptions(todayIso()));
  const [folder, setFolder] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const tracked = useProgressCall();
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<SavedBundle | null>(null);
  const trimmed = label.trim();
  const valid = BUNDLE_LABEL.test(trimmed);
  // The name carries the next sequence number, so it is asked again after every export.
  const name = useLoad(() => (valid ? call('bundles:next-file-name', { label: trimmed }) : Promise.resolve(null)), `${trimmed}|${saved?.seq ?? 0}`);

  const make = async () => {
    if (!folder || !valid) {
      return;
    }
    setBusy(true);
    setFailure(null);
    setSaved(null);
    try {
      setSaved(await tracked.run('bundles:export', { label: trimmed, path: folder }));
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card section" aria-labelledby="export-title">
      <h2 id="export-title">Gửi báo cáo lên cấp trên</h2>
      <p className="lead">
        Gói báo cáo mang toàn bộ dữ liệu hiện có của chi bộ (hồ sơ, đảng viên, chỉ tiêu, báo cáo đã chốt), được ký và mã hóa: chỉ cấp trên
        và chi bộ mở được. Mất một gói cũng không sao, gói sau mang đủ dữ liệu.
      </p>
      <ol className="steps">
        <Step n={1} title="Kỳ báo cáo">
          <Field label="Chọn kỳ">
            <select value={options.some((o) => o.value === trimmed) ? trimmed : OTHER} onChange={(e) => e.target.value !== OTHER && setLabel(e.target.value)}>
              {options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
              <option value={OTHER}>Kỳ khác (ghi nhãn ở ô dưới)</option>
            </select>
          </Field>
          <Field label="Nhãn kỳ" hint={LABEL_HINT} error={valid ? undefined : LABEL_ERROR}>
            <input value={label} onChange={(e) => setLabel(e.target.value)} className="input-short" />
          </Field>
        </Step>
        <Step n={2} title="Gửi đến">
          <p className="sync-party">
            <strong>{info.parent.name}</strong> · mã {info.parent.code}
          </p>
          <ReadAloudCode small code={info.parent.readAloudCode} label="Mã vân tay của cấp trên" />
        </Step>
        <Step n={3} title="Nơi lưu (ví dụ ổ USB)">
          <FolderPicker value={folder} onChange={setFolder} title="Chọn nơi lưu gói báo cáo" button="Chọn thư mục…" />
        </Step>
        <Step n={4} title="Tên tệp để gửi qua thư điện tử">
          <p className="file-name" data-testid="next-file-name">
            {name.data?.fileName ?? (valid ? '…' : '—')}
          </p>
          <FormError message={name.error} />
          <ReadAloudCode small code={info.own.readAloudCode} label="Mã vân tay của chi bộ (đọc khi cấp trên hỏi)" />
        </Step>
      </ol>
      <FormError message={failure} />
      <OperationProgressBar progress={tracked.progress} label="Tiến độ tạo gói báo cáo" />
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={() => void make()} disabled={busy || !valid || !folder}>
          {busy ? 'Đang tạo gói…' : 'Tạo gói và lưu'}
        </button>
      </div>
      {saved ? <SavedResult saved={saved} title={`Đã tạo gói báo cáo số ${saved.seq}, kỳ ${saved.label}`} testId="export-done" /> : null}
    </section>
  );
}

/**
 * Sequence recovery by hand, after restoring an old backup or reinstalling: the superior reads from its units page
 * the last number it applied, and the next report continues after it. The next directive does the same by itself.
 */
function ContinueNumbering({ onContinued }: { onContinued: () => void }) {
  const [after, setAfter] = useState('');
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [next, setNext] = useState<number | null>(null);
  const value = Number(after.trim());
  const valid = /^\d{1,6}$/.test(after.trim()) && value >= 1;
  const apply = async () => {
    setBusy(true);
    setFailure(null);
    setNext(null);
    try {
      setNext((await call('bundles:continue-numbering', { after: value })).nextSeq);
      onContinued();
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="card section" data-testid="continue-numbering">
      <summary>Cấp trên báo gói bị giữ lại vì trùng số thứ tự?</summary>
      <p className="lead">
        Sau khi khôi phục bản sao lưu cũ hoặc cài lại máy, các gói gửi lên có thể mang số thứ tự cấp trên đã nhận. Gói chỉ đạo tiếp theo của cấp
        trên tự sửa việc này. Nếu cần gửi ngay, hỏi cấp trên số gói cuối cùng họ đã nhận của chi bộ và ghi vào đây: gói sau sẽ mang số tiếp theo.
      </p>
      <Field label="Số gói cuối cùng cấp trên đã nhận" error={after.trim() === '' || valid ? undefined : 'Ghi một số nguyên dương, ví dụ 17.'}>
        <input value={after} onChange={(e) => setAfter(e.target.value)} inputMode="numeric" className="input-short" autoComplete="off" />
      </Field>
      <FormError message={failure} />
      <div className="actions">
        <button type="button" className="btn" onClick={() => void apply()} disabled={busy || !valid}>
          Đánh số tiếp sau số này
        </button>
      </div>
      {next !== null ? (
        <p className="notice" role="status">
          Gói báo cáo tiếp theo sẽ mang số {next}.
        </p>
      ) : null}
    </details>
  );
}

/** The export wizard (cell → superior): period label, recipient, save location, the e-mail-ready name. */
export function ExportPage() {
  const info = useLoad(() => call('keys:get-info', {}), 'keys');
  // The wizard shows the next file name, whose number changes when the numbering is continued.
  const [numbering, setNumbering] = useState(0);
  const data = info.data;
  if (!data) {
    return info.error ? <FormError message={info.error} /> : <p className="muted">Đang tải…</p>;
  }
  if (!data.parent) {
    return (
      <section className="card section warning">
        Chưa có khóa của cấp trên nên chưa gửi báo cáo được. Hãy nhập tệp tin cậy do cấp trên gửi ở mục <Link href="/">Khóa và đăng ký</Link>{' '}
        trước.
      </section>
    );
  }
  return (
    <>
      <Wizard key={numbering} info={{ ...data, parent: data.parent }} />
      <ContinueNumbering onContinued={() => setNumbering((n) => n + 1)} />
    </>
  );
}
