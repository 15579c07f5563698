-- Substring search over names without diacritics ("thi lan" finds "Nguyễn Thị Lan") must stay fast at 50,000
-- candidates; LIKE '%…%' scans every row. A trigram FTS5 index answers substring queries of 3+ characters.
CREATE VIRTUAL TABLE candidates_fts USING fts5(search_key, content='candidates', content_rowid='rowid', tokenize='trigram');
--> statement-breakpoint
INSERT INTO candidates_fts(rowid, search_key) SELECT rowid, search_key FROM candidates;
--> statement-breakpoint
CREATE TRIGGER candidates_fts_insert AFTER INSERT ON candidates BEGIN
  INSERT INTO candidates_fts(rowid, search_key) VALUES (new.rowid, new.search_key);
END;
--> statement-breakpoint
CREATE TRIGGER candidates_fts_delete AFTER DELETE ON candidates BEGIN
  INSERT INTO candidates_fts(candidates_fts, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
END;
--> statement-breakpoint
CREATE TRIGGER candidates_fts_update AFTER UPDATE OF search_key ON candidates BEGIN
  INSERT INTO candidates_fts(candidates_fts, rowid, search_key) VALUES ('delete', old.rowid, old.search_key);
  INSERT INTO candidates_fts(rowid, search_key) VALUES (new.rowid, new.search_key);
END;
