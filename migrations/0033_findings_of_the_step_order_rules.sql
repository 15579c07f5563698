-- This version judges EVENT_ORDER_INVALID on the first date of each step and reports an admission decision, a
-- ceremony or a recognition decision recorded twice. Findings stored by the version before were computed by the old
-- rules and would stay on lists and reports until their candidate changes: all are dropped, and recomputed the first
-- time each is needed (the triggers of 0011, 0029 and 0030 clear the summaries, period findings and kept counts made
-- from them). See tests/core/rules/stored-findings-reset.test.ts.
DELETE FROM `candidate_findings`;
