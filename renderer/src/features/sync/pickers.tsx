import { useState, type ReactNode } from 'react';
import { call, errorMessage } from '../../api';
import { FormError } from '../../components/Field';

/** One numbered step of a wizard card. */
export function Step({ n, title, children }: { n: number; title: string; children: ReactNode }) {
  return (
    <li className="step">
      <span className="step-n" aria-hidden="true">
        {n}
      </span>
      <div className="step-body">
        <h3 className="step-title">{title}</h3>
        {children}
      </div>
    </li>
  );
}

type PickerProps = {
  /** The chosen path, or null before one was chosen. */
  value: string | null;
  onChange: (path: string) => void;
  /** The dialog's title. */
  title: string;
  /** The button before anything was chosen. */
  button: string;
};

function Picked({ value, button, pick, failure }: { value: string | null; button: string; pick: () => void; failure: string | null }) {
  return (
    <>
      <div className="picked">
        {value ? <code className="picked-path">{value}</code> : <span className="muted">Chưa chọn</span>}
        <button type="button" className="btn" onClick={pick}>
          {value ? 'Chọn lại…' : button}
        </button>
      </div>
      <FormError message={failure} />
    </>
  );
}

/** Where to save: a folder (a USB stick, say); bundles keep their e-mail-ready names there. */
export function FolderPicker({ value, onChange, title, button }: PickerProps) {
  const [failure, setFailure] = useState<string | null>(null);
  const pick = async () => {
    setFailure(null);
    try {
      const path = await call('system:choose-folder', { title });
      if (path) {
        onChange(path);
      }
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };
  return <Picked value={value} button={button} pick={() => void pick()} failure={failure} />;
}

/** One file to open (a trust file, an enrolment bundle). */
export function FilePicker({ value, onChange, title, button, extension }: PickerProps & { extension: string }) {
  const [failure, setFailure] = useState<string | null>(null);
  const pick = async () => {
    setFailure(null);
    try {
      const [path] = await call('system:choose-files', { title, extensions: [extension], multiple: false });
      if (path) {
        onChange(path);
      }
    } catch (err) {
      setFailure(errorMessage(err));
    }
  };
  return <Picked value={value} button={button} pick={() => void pick()} failure={failure} />;
}
