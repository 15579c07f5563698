import { createContext, useContext } from 'react';
import type { Output } from '../../../electron/ipc-contract';

export type SessionStatus = Output<'session:get-status'>;

export type SessionValue = {
  status: SessionStatus;
  /** Locks the database and returns to the unlock screen. */
  lock: () => void;
  /** Replaces the status after the data itself was replaced (a restore from Settings). */
  replace: (status: SessionStatus) => void;
};

export const SessionContext = createContext<SessionValue | null>(null);

/** The open session; only screens shown after unlocking use it. */
export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) {
    throw new Error('useSession outside the unlocked app');
  }
  return value;
}

/** A committee with units below watches them first; a cell works on its own candidates. */
export function isSuperior(status: SessionStatus): boolean {
  return status.unit !== null && status.unit.level !== 'chi-bo' && (status.unitsBelow ?? 0) > 0;
}
