import type Sqlite from 'better-sqlite3';

/**
 * Sets the cipher and the raw data key on a fresh handle, before its first read. Shared by every connection that
 * opens the database (the app's, and the snapshot worker's), so a copy is always encrypted the same way.
 */
export function applyDataKey(sqlite: Sqlite.Database, dataKey: Uint8Array): void {
  sqlite.pragma(`cipher='sqlcipher'`);
  sqlite.pragma('legacy=4');
  sqlite.pragma(`key="x'${Buffer.from(dataKey).toString('hex')}'"`);
}
