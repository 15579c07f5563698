/**
 * The data folder's archive of superseded received files (docs/sync-limits.md "Retention"): `luu-tru/<unit>/<file>`
 * beside the database. Backups carry it and restores put it back (db/backup.ts).
 */
export const ARCHIVE_FOLDER = 'luu-tru';

/** The only shape an archived file's path (relative to the data folder, `/`-separated) may have. */
export const ARCHIVE_PATH = /^luu-tru\/(?!\.{1,2}\/)[\w.-]+\/(?!\.{1,2}$)[\w.-]+$/;
