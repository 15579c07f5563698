import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { call } from '../../api';
import { onChecksChanged } from './attention';

/** The number of errors and overdue items across all candidates, beside "Việc cần làm" in the navigation. */
export function AttentionBadge() {
  const [location] = useLocation();
  const [count, setCount] = useState<number | null>(null);
  const [revision, setRevision] = useState(0);

  useEffect(() => onChecksChanged(() => setRevision((r) => r + 1)), []);
  useEffect(() => {
    let current = true;
    call('checks:todo-page', { limit: 0 }).then(
      (page) => {
        if (current) {
          setCount(page.summary.attention);
        }
      },
      // A badge that cannot be counted is left out; the to-do page itself shows the error.
      () => {
        if (current) {
          setCount(null);
        }
      },
    );
    return () => {
      current = false;
    };
  }, [location, revision]);

  if (!count) {
    return null;
  }
  const text = `${count.toLocaleString('vi-VN')} việc có lỗi hoặc đã quá hạn`;
  return (
    <span className="nav-badge" title={text} data-testid="attention-badge">
      <span aria-hidden="true">{count.toLocaleString('vi-VN')}</span>
      <span className="sr-only">{text}</span>
    </span>
  );
}
