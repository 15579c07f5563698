-- With one introducer, the only introduction letter (3-KNĐ) is theirs whoever is written as its signer (RULES.md §3):
-- findings stored when a letter signed under another name was not counted are dropped and made again.
DELETE FROM `candidate_findings`;
