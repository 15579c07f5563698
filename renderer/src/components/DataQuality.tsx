import { DUPLICATE_PERSON } from '../../../electron/core/errors';
import { UiError } from '../api';

/** True when the service refused a save because the unit already has someone with that name and birth date. */
export function isDuplicate(err: unknown): err is UiError {
  return err instanceof UiError && err.code === DUPLICATE_PERSON;
}

type QuestionProps = { message: string; busy: boolean; onConfirm: () => void; onCancel: () => void };

/**
 * The unit already has a record with the same name (diacritics, case, spacing and hidden characters aside) and
 * birth date: the secretary says whether this is another person, so one person is never counted twice by accident.
 */
export function DuplicateQuestion({ message, busy, onConfirm, onCancel }: QuestionProps) {
  return (
    <div className="warning duplicate-question" role="alert">
      <p>
        <strong>Có thể trùng người.</strong> {message}
      </p>
      <div className="actions">
        <button type="button" className="btn" onClick={onCancel}>
          Không lưu, để kiểm tra lại
        </button>
        <button type="button" className="btn btn-primary" onClick={onConfirm} disabled={busy}>
          Đúng là hai người khác nhau — vẫn lưu
        </button>
      </div>
    </div>
  );
}

/** Unusual but possible dates (full membership not 12 months after admission): shown, never blocking. */
export function DateWarnings({ messages }: { messages: readonly string[] }) {
  return messages.length === 0 ? null : (
    <div className="warning date-warnings" role="status">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}
