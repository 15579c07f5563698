import { useState } from 'react';
import type { KeysInfo, OutboxEntry } from '../../../../electron/core/model/sync';
import type { Output } from '../../../../electron/ipc-contract';
import { call, errorMessage, UiError } from '../../api';
import { useSession } from '../../app/session';
import { FormError } from '../../components/Field';
import { formatViDateTime } from '../../lib/format';
import { useLoad } from '../../lib/use-load';
import { FilePicker, FolderPicker, Step } from './pickers';
import { ReadAloudCode } from './ReadAloudCode';

type Made = Output<'enrol:request'>;

function EnrolmentMade({ made }: { made: Made }) {
  return (
    <div className="notice sync-result" data-testid="enrolment-made" role="status">
      <p>
        <strong>Đã tạo gói đăng ký.</strong> Gửi tệp dưới đây cho {made.superior.name} qua USB hoặc thư điện tử, giữ nguyên tên tệp:
      </p>
      <p className="file-name">{made.fileName}</p>
      <p>
        Đã lưu tại: <code>{made.path}</code>
      </p>
      <p>Sau đó gọi điện cho cấp trên, đọc mã vân tay của đơn vị (ở đầu trang) và nghe cấp trên đọc mã của mình để đối chiếu với mã này:</p>
      <ReadAloudCode small code={made.superior.readAloudCode} label={`Mã vân tay của ${made.superior.code} trong tệp tin cậy`} />
    </div>
  );
}

type Notice = Output<'enrol:move-notice'>;

/**
 * After a move: the last report to the old superior, which tells it from a file it can check that the unit left, on
 * which day and for which superior, so that it stops counting the unit from then on.
 */
function MoveNoticeCard() {
  const [folder, setFolder] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [made, setMade] = useState<Notice | null>(null);
  const send = async () => {
    if (!folder) {
      return;
    }
    setBusy(true);
    setFailure(null);
    try {
      setMade(await call('enrol:move-notice', { path: folder }));
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="notice sync-result" data-testid="move-notice" role="status">
      <p>
        <strong>Báo cho cấp trên cũ biết chi bộ đã chuyển đi.</strong> ptdv tạo một gói báo cáo cuối gửi cấp trên cũ, ghi ngày chuyển và cấp trên mới: cấp
        trên cũ giữ lại lịch sử và thôi tính chi bộ từ ngày đó.
      </p>
      <FolderPicker value={folder} onChange={setFolder} title="Chọn nơi lưu gói báo chuyển đi" button="Chọn thư mục…" />
      <FormError message={failure} />
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={() => void send()} disabled={busy || !folder || made !== null}>
          {busy ? 'Đang tạo…' : 'Tạo gói báo chuyển đi'}
        </button>
      </div>
      {made ? (
        <p data-testid="move-notice-made">
          Đã tạo <span className="file-name">{made.fileName}</span> tại <code>{made.path}</code>. Gửi tệp này cho {made.move.from.name} ({made.move.from.code}).
        </p>
      ) : null}
    </div>
  );
}

/** The trust file in, the enrolment bundle out: both chosen by the user, the second saved under its own name. */
function EnrolCard({ onDone }: { onDone: () => void }) {
  const [trust, setTrust] = useState<string | null>(null);
  const [folder, setFolder] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [made, setMade] = useState<Made | null>(null);
  // Set when the trust file is another superior's: moving there is a deliberate act, confirmed apart.
  const [otherSuperior, setOtherSuperior] = useState(false);
  const [move, setMove] = useState(false);
  const [moved, setMoved] = useState(false);
  const { replace } = useSession();
  const create = async () => {
    if (!trust || !folder) {
      return;
    }
    setBusy(true);
    setFailure(null);
    setMade(null);
    try {
      setMade(await call('enrol:request', { trustPath: trust, path: folder, move }));
      setMoved(move);
      setOtherSuperior(false);
      setMove(false);
      onDone();
      // The header and the pages name the superior: after a move, the new one.
      replace(await call('session:get-status', {}));
    } catch (err) {
      setOtherSuperior(err instanceof UiError && err.code === 'TRUST_OTHER_SUPERIOR');
      setFailure(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card section" aria-labelledby="enrol-title">
      <h2 id="enrol-title">Đăng ký với cấp trên</h2>
      <p className="lead">
        Cấp trên gửi cho đơn vị một tệp tin cậy (tên tệp bắt đầu bằng “tin-cay”). Nhập tệp đó, ptdv tạo gói đăng ký để gửi lại cấp trên. Chỉ cần làm một
        lần, hoặc khi cấp trên đề nghị đăng ký lại.
      </p>
      <ol className="steps">
        <Step n={1} title="Tệp tin cậy do cấp trên gửi">
          <FilePicker value={trust} onChange={setTrust} title="Chọn tệp tin cậy của cấp trên" button="Chọn tệp tin cậy…" extension="json" />
        </Step>
        <Step n={2} title="Lưu gói đăng ký vào (ví dụ ổ USB)">
          <FolderPicker value={folder} onChange={setFolder} title="Chọn nơi lưu gói đăng ký" button="Chọn thư mục…" />
        </Step>
      </ol>
      <FormError message={failure} />
      {otherSuperior ? (
        <label className="check warning">
          <input type="checkbox" checked={move} onChange={(e) => setMove(e.target.checked)} />
          Chi bộ chuyển sang trực thuộc cấp trên mới trong tệp tin cậy này. Từ nay chỉ nhận chỉ đạo của cấp trên mới; gói gửi cấp trên mới
          được đánh số lại từ đầu.
        </label>
      ) : null}
      <div className="actions">
        <button type="button" className="btn btn-primary" onClick={() => void create()} disabled={busy || !trust || !folder || (otherSuperior && !move)}>
          {busy ? 'Đang tạo…' : 'Tạo gói đăng ký'}
        </button>
      </div>
      {made ? <EnrolmentMade made={made} /> : null}
      {made && moved ? <MoveNoticeCard /> : null}
    </section>
  );
}

/** `parent` is undefined while loading and null before a trust file was imported. */
function ParentCard({ parent, enrolment }: { parent: KeysInfo['parent'] | undefined; enrolment: OutboxEntry | undefined }) {
  if (parent === undefined) {
    return <section className="card section muted">Đang tải…</section>;
  }
  return (
    <section className="card section" aria-labelledby="parent-title">
      <h2 id="parent-title">Cấp trên</h2>
      {parent ? (
        <>
          <p className="sync-party">
            <strong>{parent.name}</strong> · mã {parent.code}
          </p>
          <ReadAloudCode small code={parent.readAloudCode} label="Mã vân tay của cấp trên" />
          <p className="detail">
            {enrolment
              ? `Đã tạo gói đăng ký ${enrolment.fileName} lúc ${formatViDateTime(enrolment.createdAt)}.`
              : 'Đã nhập tệp tin cậy nhưng chưa tạo gói đăng ký.'}
          </p>
        </>
      ) : (
        <p className="muted">Chưa nhập tệp tin cậy của cấp trên: làm theo các bước ở dưới.</p>
      )}
    </section>
  );
}

/** A cell's keys: its own code to read aloud, its superior, and enrolment with that superior. */
export function ParentKeysPage() {
  const info = useLoad(() => call('keys:get-info', {}), 'keys');
  const outbox = useLoad(() => call('bundles:list-outbox', {}), 'outbox');
  const own = info.data?.own;
  const enrolment = outbox.data?.find((e) => e.kind === 'enrolment' && e.toCode === info.data?.parent?.code);
  return (
    <>
      <FormError message={info.error ?? outbox.error} />
      <section className="card section" aria-labelledby="own-key-title">
        <h2 id="own-key-title">Mã vân tay của đơn vị</h2>
        <p className="lead">Khi đăng ký, cấp trên gọi điện và đề nghị đọc mã này để chắc chắn gói đăng ký đúng là của đơn vị mình.</p>
        {own ? (
          <>
            <ReadAloudCode code={own.readAloudCode} label={`${own.name} (${own.code})`} testId="own-code" />
            <p className="detail fingerprint">
              Dấu vân tay khóa ký (SHA256): <code>{own.fingerprint.replace(/^SHA256:/, '')}</code>
            </p>
          </>
        ) : (
          <p className="muted">Đang tải…</p>
        )}
      </section>
      <ParentCard parent={info.data?.parent} enrolment={enrolment} />
      <EnrolCard
        onDone={() => {
          info.reload();
          outbox.reload();
        }}
      />
    </>
  );
}
