import type { KeyboardEvent } from 'react';

/** Escape closes an inline form as it closes a dialog («Đóng», nothing saved). */
export const closeOnEscape =
  (onClose: () => void) =>
  (e: KeyboardEvent): void => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.preventDefault();
      onClose();
    }
  };
