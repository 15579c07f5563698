import { useEffect, useState } from 'react';
import { useLocation } from 'wouter';
import { call } from '../../api';
import { onChecksChanged } from './attention';
import { dailyCheck } from './daily-check';

/**
 * How long after unlock the badge waits before it starts the day's re-evaluation. Its first step reads a cold file
 * and holds the database for up to a second on a busy machine; the first screen's rows go first. Việc cần làm, Tổng
 * quan and Tiến trình need today's findings and start it themselves at once.
 */
const FIRST_SCREEN_MS = 1000;

/**
 * The number of errors and overdue items across all candidates, and of what the superior asked (a returned report,
 * a request not yet handled), beside "Việc cần làm" in the navigation.
 */
export function AttentionBadge() {
  const [location] = useLocation();
  const [count, setCount] = useState<number | null>(null);
  const [revision, setRevision] = useState(0);
  const [started, setStarted] = useState(false);

  useEffect(() => onChecksChanged(() => setRevision((r) => r + 1)), []);
  useEffect(() => {
    const timer = setTimeout(() => setStarted(true), FIRST_SCREEN_MS);
    return () => clearTimeout(timer);
  }, []);
  useEffect(() => {
    if (!started) {
      return undefined;
    }
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
  }, [location, revision, started]);

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
