-- The messages of missing papers and of a late ceremony name the papers in words (kết quả thẩm tra lý lịch), not
-- by the app's codes (TTLL, DONG-Y-CAP-TREN): findings stored under the former words are dropped and made again.
DELETE FROM `candidate_findings`;
