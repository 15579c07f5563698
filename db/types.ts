import type Sqlite from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type * as schema from './schema/index';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Sqlite.Database };
/** Inside `db.transaction((tx) => …)`; repositories accept either. */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
export type DbOrTx = Db | Tx;
