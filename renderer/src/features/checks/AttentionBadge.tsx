import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { call } from '../../api';
import { onChecksChanged } from './attention';
import { dailyCheck } from './daily-check';

/**
 * The number of errors and overdue items across all candidates, and of what the superior asked (a returned report,
 * a request not yet handled), beside "Việc cần làm" in the navigation.
 */
export function AttentionBadge() {
  const [location] = useLocation();
  const [count, setCount] = useState<number | null>(null);
  const [revision, setRevision] = useState(0);

  useEffect(() => onChecksChanged(() => setRevision((r) => r + 1)), []);
  useEffect(() => {
    let current = true;
    // Counted once the day's re-evaluation is done (it runs in steps, so the first screen does not wait for it).
    dailyCheck()
      .then(() => Promise.all([call('checks:todo-page', { limit: 0 }), call('reports:list-returned', {}), call('directives:list-open-requests', {})]))
      .then(
        ([page, returned, requests]) => {
          if (current) {
            setCount(page.summary.attention + returned.length + requests.length);
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
  const text = `${count.toLocaleString('vi-VN')} việc có lỗi, đã quá hạn hoặc cấp trên yêu cầu`;
  return (
    <span className="nav-badge" title={text} data-testid="attention-badge">
      <span aria-hidden="true">{count.toLocaleString('vi-VN')}</span>
      <span className="sr-only">{text}</span>
    </span>
  );
}
