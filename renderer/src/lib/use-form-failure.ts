import { useEffect, useState } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { errorMessage, UiError } from '../api';

const holds = (values: unknown, path: string): boolean =>
  path.split('.').reduce<{ ok: boolean; at: unknown }>(({ ok, at }, key) => (ok && at !== null && typeof at === 'object' && key in at ? { ok, at: (at as Record<string, unknown>)[key] } : { ok: false, at }), { ok: true, at: values }).ok;

/** A rule's message as a sentence under its field: the schemas say "nhập tên đơn vị", the field "Nhập tên đơn vị." */
function sentence(message: string): string {
  const text = message.trim();
  return `${text.charAt(0).toLocaleUpperCase('vi-VN')}${text.slice(1)}${/[.!?…)]$/.test(text) ? '' : '.'}`;
}

/**
 * The message a refused save leaves under a form, gone as soon as the user changes any field: it spoke of the values
 * sent, and staying on screen beside corrected values it would read as if they were still wrong. `fail` puts a
 * refusal that names fields of this form under those fields, where the user looks to correct them, and anything else
 * under the form. `shown` are the fields whose errors the form displays: a refusal about any other field stays under
 * the form, or it would be set on a field no one sees and the save would fail without a word.
 */
export function useFormFailure<T extends FieldValues>(form: Pick<UseFormReturn<T>, 'watch' | 'setError' | 'getValues'>, shown: readonly Path<T>[]) {
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    const subscription = form.watch(() => setFailure(null));
    return () => subscription.unsubscribe();
  }, [form]);
  const fail = (err: unknown) => {
    const problems = err instanceof UiError ? err.fields : [];
    const values = form.getValues();
    const placed = problems.filter((p) => (shown as readonly string[]).includes(p.field) && holds(values, p.field));
    if (placed.length === 0) {
      setFailure(errorMessage(err));
      return;
    }
    const byField = new Map<string, string[]>();
    for (const p of placed) {
      byField.set(p.field, [...(byField.get(p.field) ?? []), p.message]);
    }
    for (const [field, said] of byField) {
      // The first rule a value breaks says what to do (an empty name breaks "enter it" and "at least 2" both).
      form.setError(field as Path<T>, { type: 'server', message: sentence(said[0]!) });
    }
    // What no shown field answers for (a vote's counts against each other) stays under the form.
    const rest = problems.filter((p) => !placed.includes(p));
    setFailure(rest.length > 0 ? rest.map((p) => p.message).join(' ') : null);
  };
  return [failure, setFailure, fail] as const;
}
