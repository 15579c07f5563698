/** A vote threshold as a fraction of the electorate (2/3 in every rulebook so far). */
export type VoteRatio = { numerator: number; denominator: number };

export const TWO_THIRDS: VoteRatio = { numerator: 2, denominator: 3 };

export type VoteOutcome = {
  passes: boolean;
  /** The fewest yes votes that pass: ceil(eligible × 2/3). */
  needed: number;
};

/**
 * Whether `yes` votes out of `eligible` reach the threshold: `yes × 3 ≥ eligible × 2` in integers, so 8 of 12
 * passes and 7 of 11 fails with no rounding doubt. An empty electorate never passes.
 */
export function voteOutcome(yes: number, eligible: number, ratio: VoteRatio = TWO_THIRDS): VoteOutcome {
  const needed = Math.ceil((eligible * ratio.numerator) / ratio.denominator);
  const passes = eligible > 0 && yes <= eligible && yes * ratio.denominator >= eligible * ratio.numerator;
  return { passes, needed };
}
