import { cloneElement, isValidElement, useId, type ReactElement, type ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';

type FieldProps = {
  label: string;
  error?: string | undefined;
  hint?: string;
  /** Spans the whole row of a form grid. */
  wide?: boolean;
  /** Spans two columns of a three-column grid. */
  span2?: boolean;
  /** One control (input, select, textarea, or a component passing these props on to one). */
  children: ReactNode;
};

type ControlProps = { id?: string; 'aria-invalid'?: boolean; 'aria-describedby'?: string };

/** A labelled form control with its hint and, in red below it, what is wrong with it. */
export function Field({ label, error, hint, wide, span2, children }: FieldProps) {
  const id = useId();
  const describedBy = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  const control = isValidElement(children)
    ? cloneElement(children as ReactElement<ControlProps>, {
        id,
        ...(error ? { 'aria-invalid': true } : {}),
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
      })
    : children;
  return (
    <div className={`field${wide ? ' field-wide' : ''}${span2 ? ' field-span2' : ''}${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {control}
      {hint && !error ? (
        <small className="field-hint" id={`${id}-hint`}>
          {hint}
        </small>
      ) : null}
      {error ? (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** What an empty date box shows: the order a Vietnamese reader writes a date in. */
export const DATE_PLACEHOLDER = 'ngày/tháng/năm';

/** A date typed as dd/MM/yyyy, the way every form in the app takes one (its schema parses and checks it). */
export function DateField({
  label,
  error,
  registration,
  autoFocus,
}: {
  label: string;
  error?: string | undefined;
  registration: UseFormRegisterReturn;
  autoFocus?: boolean;
}) {
  return (
    <Field label={label} error={error} hint={DATE_PLACEHOLDER}>
      <input {...registration} placeholder={DATE_PLACEHOLDER} inputMode="numeric" autoFocus={autoFocus} />
    </Field>
  );
}

/** The options of a select, one per label, in the order the labels were written. */
export function LabelOptions({ labels }: { labels: Readonly<Record<string, string>> }) {
  return Object.entries(labels).map(([value, label]) => (
    <option key={value} value={value}>
      {label}
    </option>
  ));
}

/** A checkbox with its label on the right. */
export function Check({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="check">
      {children}
      <span>{label}</span>
    </label>
  );
}

/** A problem with the whole form (usually the service's answer), shown above its buttons. */
export function FormError({ message }: { message: string | null }) {
  return message ? (
    <p className="form-error" role="alert">
      {message}
    </p>
  ) : null;
}
