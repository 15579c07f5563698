import { useEffect, useState } from 'react';

/** The value once it has stopped changing for `delay` ms, so a search is not sent on every keystroke. */
export function useDebounced(value: string, delay: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}
