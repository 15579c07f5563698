import { useState } from 'react';
import { formFileName, type FormDraft } from '../../../../electron/core/domain/reports/forms/drafts';
import { call, errorMessage } from '../../api';

export type SavedDraft = { form: FormDraft; path: string; bytes: number; notes: string[] };

/** Asks where to save (a dialog on the desktop), then writes the draft there; one draft at a time. */
export function useFormExport() {
  const [busy, setBusy] = useState<FormDraft | null>(null);
  const [saved, setSaved] = useState<SavedDraft | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const run = async (form: FormDraft, subject: string, candidateId?: string) => {
    setBusy(form);
    setFailure(null);
    setSaved(null);
    try {
      const path = await call('system:choose-path', { mode: 'save', title: `Lưu bản nháp mẫu ${form}`, defaultName: formFileName(form, subject) });
      if (path) {
        const written = await call('forms:export', candidateId ? { form, candidateId, path } : { form, path });
        setSaved({ ...written, form });
      }
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  return { busy, saved, failure, run };
}
