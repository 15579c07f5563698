-- An act still open (a decision, a ceremony, a recognition vote) is reminded of the rule in force today, the one it
-- will be judged by if done now, instead of the rule of the day its deadline started; an unsigned introducer's letter
-- is judged on its own day for an introducer with no other letter; a recognition vote held before the probation end
-- starts no decision deadline. The stored findings are dropped and evaluated again.
DELETE FROM `candidate_findings`;
