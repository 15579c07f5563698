import { useCallback, useEffect, useMemo, useState } from 'react';
import { call, errorMessage, onLocked } from '../api';
import { NewPassphraseScreen } from '../features/setup/NewPassphraseScreen';
import { RecoveryCodeScreen } from '../features/setup/RecoveryCodeScreen';
import { RecoveryScreen } from '../features/setup/RecoveryScreen';
import { SetupScreen } from '../features/setup/SetupScreen';
import { UnlockScreen } from '../features/setup/UnlockScreen';
import { SessionContext, type SessionStatus } from './session';
import { preloadHomeScreens, Shell } from './Shell';
import { setFixedToday } from '../lib/form';

/** Chooses the screen from the session state: first-run setup, unlock, or the app itself. */
export function App() {
  const [status, setStatus] = useState<SessionStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Shown once, right after setup; it lives only in memory and is gone once the user continues.
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);

  const refresh = useCallback(() => {
    call('session:get-status', {}).then(
      (s) => {
        setFixedToday(s.fixedToday);
        setStatus(s);
        setError(null);
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  }, []);

  useEffect(() => {
    refresh();
    return onLocked(refresh);
  }, [refresh]);

  const lock = useCallback(() => {
    call('session:lock', {}).then(setStatus, (err: unknown) => setError(errorMessage(err)));
  }, []);
  const session = useMemo(() => (status ? { status, lock, replace: setStatus } : null), [status, lock]);
  const locked = status?.state === 'locked';
  useEffect(() => {
    if (locked) {
      preloadHomeScreens();
    }
  }, [locked]);

  if (error) {
    return (
      <div className="center-screen">
        <div className="card narrow">
          <h1>Không mở được ptdv</h1>
          <p className="form-error">{error}</p>
          <button type="button" className="btn btn-primary" onClick={refresh}>
            Thử lại
          </button>
        </div>
      </div>
    );
  }
  if (!session) {
    return <div className="center-screen muted">Đang mở…</div>;
  }
  if (recoveryCode) {
    return <RecoveryCodeScreen code={recoveryCode} onDone={() => setRecoveryCode(null)} />;
  }
  if (session.status.state === 'needs-recovery') {
    return <RecoveryScreen status={session.status} onDone={setStatus} />;
  }
  if (session.status.state === 'no-database') {
    return (
      <SetupScreen
        onDone={(code) => {
          setRecoveryCode(code);
          refresh();
        }}
      />
    );
  }
  if (session.status.state === 'locked') {
    return (
      <UnlockScreen
        onUnlocked={(unlocked) => {
          // Unlocking starts at the unit's home screen, not wherever the app was when it was locked.
          window.history.replaceState(null, '', `${window.location.pathname}${window.location.search}#/`);
          setStatus(unlocked);
        }}
      />
    );
  }
  if (session.status.needsNewPassphrase) {
    return <NewPassphraseScreen onDone={setStatus} onLock={lock} />;
  }
  return (
    <SessionContext value={session}>
      <Shell />
    </SessionContext>
  );
}
