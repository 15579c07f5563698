import { useEffect, useState } from 'react';
import { formatViDate, parseViDate } from '../../../../electron/core/model/dates';
import type { VoteCheck } from '../../../../electron/core/model/checks';
import { call, errorMessage } from '../../api';
import { ToneIcon } from '../../components/SeverityTag';

type Props = {
  kind: 'chi-bo' | 'ducs';
  /** The form's raw text: the date as typed (dd/MM/yyyy), the counts as typed. */
  date: string;
  yes: string;
  total: string;
  /** Called with the roster's count of full members on the vote date, to fill an empty total. */
  onRoster: (count: number) => void;
  /** The form already shows what is wrong with these numbers: a second message about them would only repeat it. */
  formShowsError: boolean;
};

// Long enough to skip the requests of a number still being typed, short enough to feel immediate.
const TYPING_DELAY_MS = 150;

function whole(text: string): number | undefined {
  return /^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : undefined;
}

/** A check with the numbers it was asked about, so what is shown always matches its own answer. */
type Answered = { date: string; yes: number | undefined; total: number | undefined; value: VoteCheck };

function Outcome({ check: { value: check, yes, total } }: { check: Answered }) {
  const ratio = `${check.numerator}/${check.denominator}`;
  // More yes votes than voters is a typing mistake the form names under the field; no outcome can be read from it.
  if (total === undefined || total === 0 || (yes !== undefined && yes > total)) {
    return null;
  }
  if (yes === undefined || check.passes === null) {
    return (
      <p className="vote-need">
        Cần ít nhất <strong>{check.needed}</strong>/{total} phiếu tán thành ({ratio}).
      </p>
    );
  }
  return check.passes ? (
    <p className="vote-result vote-pass" data-testid="vote-outcome">
      <ToneIcon tone="ok" />
      Đạt {ratio}: {yes}/{total} tán thành, cần ít nhất {check.needed}.
    </p>
  ) : (
    <p className="vote-result vote-fail" data-testid="vote-outcome">
      <ToneIcon tone="error" />
      Không đạt {ratio}: {yes}/{total} tán thành, cần ít nhất {check.needed}. Nghị quyết không được thông qua.
    </p>
  );
}

/**
 * Live help while a vote is recorded: who may vote on that date according to the roster (chi bộ votes), and whether
 * the yes votes typed so far reach the threshold of the rulebook in force that day.
 */
export function VotePanel({ kind, date, yes, total, onRoster, formShowsError }: Props) {
  const iso = parseViDate(date);
  const yesCount = whole(yes);
  const totalCount = whole(total);
  const [check, setCheck] = useState<Answered | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  useEffect(() => {
    if (!iso) {
      return;
    }
    let current = true;
    const timer = setTimeout(() => {
      call('checks:vote', { kind, date: iso, yes: yesCount, members: totalCount }).then(
        (value) => {
          if (current) {
            setCheck({ date: iso, yes: yesCount, total: totalCount, value });
            setFailure(null);
          }
        },
        (err: unknown) => current && setFailure(errorMessage(err)),
      );
    }, TYPING_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [kind, iso, yesCount, totalCount]);

  const roster = kind === 'chi-bo' && check ? check.value.eligibleNames.length : null;
  useEffect(() => {
    if (roster !== null) {
      onRoster(roster);
    }
    // Only a new roster count (another date) may fill the total; the callback itself changes every render.
    // oxlint-disable-next-line react/exhaustive-deps
  }, [roster]);

  if (!iso) {
    return <p className="muted">Nhập ngày biểu quyết để xem ai có quyền biểu quyết và số phiếu cần đạt.</p>;
  }
  return (
    <div className="vote-panel" role="status" aria-live="polite" data-testid="vote-panel">
      {check && kind === 'chi-bo' ? (
        <div className="vote-roster">
          <p>
            Theo danh sách đảng viên, ngày {formatViDate(check.date)} chi bộ có{' '}
            <strong data-testid="vote-roster-count">{check.value.eligibleNames.length}</strong> đảng viên chính thức có quyền
            biểu quyết (không tính đảng viên dự bị và người được miễn sinh hoạt).
          </p>
          {check.value.eligibleNames.length > 0 ? <p className="vote-names">{check.value.eligibleNames.join(', ')}</p> : null}
          {check.total !== undefined && check.total !== check.value.eligibleNames.length ? (
            <p className="vote-mismatch">
              <ToneIcon tone="warning" />
              Số đã nhập ({check.total}) khác danh sách ({check.value.eligibleNames.length}). Tỷ lệ biểu quyết tính trên tổng số đảng
              viên chính thức của chi bộ, không phải số có mặt; hãy kiểm tra lại.
            </p>
          ) : null}
        </div>
      ) : null}
      {check ? <Outcome check={check} /> : null}
      {failure && !formShowsError ? <p className="form-error">{failure}</p> : null}
    </div>
  );
}
