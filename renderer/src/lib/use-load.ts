import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api';

export type Loaded<T> = {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
  /** Replaces the data with what a mutation returned, saving a round trip. */
  setData: (data: T) => void;
};

/** Loads data for a screen; a newer load (changed key or reload) wins over a slower older one. */
export function useLoad<T>(load: () => Promise<T>, key: string): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);
  // The caller's closure changes every render; `key` says when it means something new.
  // oxlint-disable-next-line react/exhaustive-deps
  const stableLoad = useCallback(load, [key]);

  useEffect(() => {
    let current = true;
    setLoading(true);
    stableLoad().then(
      (value) => {
        if (current) {
          setData(value);
          setError(null);
          setLoading(false);
        }
      },
      (err: unknown) => {
        if (current) {
          setError(errorMessage(err));
          setLoading(false);
        }
      },
    );
    return () => {
      current = false;
    };
  }, [stableLoad, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload, setData };
}
