import { useState } from 'react';
import { useProgressCall } from '../../lib/progress';
import type { Input } from '../../../../electron/ipc-contract';
import { call, errorMessage } from '../../api';

export const EXPORT_FORMATS = ['xlsx', 'docx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What a secretary calls each file: the program that opens it, not its format's name. */
export const FORMAT_LABELS: Record<ExportFormat, string> = { xlsx: 'Excel', docx: 'Word', pdf: 'PDF' };
/** The button that saves a report in that format. */
export const EXPORT_BUTTONS: Record<ExportFormat, string> = { xlsx: 'Xuất Excel', docx: 'Xuất Word', pdf: 'In / Xuất PDF' };

export type ExportRequest = Omit<Input<'reports:export'>, 'format' | 'path'>;
export type Saved = { path: string; bytes: number; format: ExportFormat };

/** Asks where to save (a dialog on the desktop), then writes the report there; one export at a time. */
export function useExport() {
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const tracked = useProgressCall();
  const run = async (format: ExportFormat, request: ExportRequest, fileStem: string) => {
    setBusy(format);
    setFailure(null);
    setSaved(null);
    try {
      const path = await call('system:choose-path', { mode: 'save', title: 'Lưu báo cáo', defaultName: `${fileStem}.${format}` });
      if (path) {
        const written = await tracked.run('reports:export', { ...request, format, path });
        setSaved({ ...written, format });
      }
    } catch (err) {
      setFailure(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const clear = () => {
    setSaved(null);
    setFailure(null);
  };
  return { busy, saved, failure, progress: tracked.progress, run, clear };
}
