import { useEffect, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';

/**
 * The message a refused save leaves under a form, gone as soon as the user changes any field: it spoke of the values
 * sent, and staying on screen beside corrected values it would read as if they were still wrong.
 */
export function useFormFailure<T extends FieldValues>(form: Pick<UseFormReturn<T>, 'watch'>) {
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    const subscription = form.watch(() => setFailure(null));
    return () => subscription.unsubscribe();
  }, [form]);
  return [failure, setFailure] as const;
}
