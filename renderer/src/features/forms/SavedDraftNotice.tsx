import { formatBytes } from '../../../../electron/core/model/format';
import type { SavedDraft } from './use-form-export';

/** Where the draft went and, apart from it, what to check in it before it is signed. */
export function SavedDraftNotice({ saved }: { saved: SavedDraft | null }) {
  if (!saved) {
    return null;
  }
  return (
    <div data-testid="form-saved">
      <p className="notice">
        Đã lưu bản nháp mẫu {saved.form} ({formatBytes(saved.bytes)}) tại: <code>{saved.path}</code>
      </p>
      {saved.notes.length > 0 ? (
        <div className="warning draft-notes" role="note">
          {saved.notes.map((note) => (
            <p key={note}>Lưu ý: {note}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}
