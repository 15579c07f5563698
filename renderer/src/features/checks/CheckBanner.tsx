import { formatViDate } from '../../../../electron/core/model/dates';
import { useCheckProgress } from './daily-check';

/**
 * The day's re-evaluation under way, with how many candidates are done, until the figures of that day can be shown;
 * `partial` when the screen already shows the candidates checked so far.
 */
export function CheckBanner({ partial = false }: { partial?: boolean }) {
  const progress = useCheckProgress();
  if (!progress || progress.done >= progress.total) {
    return null;
  }
  const { asOf, done, total } = progress;
  return (
    <div className="check-banner" data-testid="check-progress">
      <p>
        Đang kiểm tra lại hồ sơ cho hôm nay ({formatViDate(asOf)}):{' '}
        <strong>
          {done.toLocaleString('vi-VN')}/{total.toLocaleString('vi-VN')}
        </strong>{' '}
        người.{' '}
        {partial
          ? 'Danh sách dưới đây mới gồm những người đã kiểm tra xong và sẽ tự thêm người khi kiểm tra tiếp; các con số tổng hợp hiện khi kiểm tra xong.'
          : 'Các con số sẽ hiện khi kiểm tra xong; trong lúc chờ vẫn dùng được các màn hình khác.'}
      </p>
      <div className="progress-track" role="progressbar" aria-label="Tiến độ kiểm tra hồ sơ hôm nay" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        <div className="progress-fill" style={{ width: `${total ? Math.round((done / total) * 100) : 100}%` }} />
      </div>
    </div>
  );
}
