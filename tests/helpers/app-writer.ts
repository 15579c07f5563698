// Stands in for the app in kill tests: opens the database the way the app does (openDatabase, which holds the
// shared lock) and commits one record after another, printing each number once it is committed, until killed.
import { openDatabase } from '../../db/client';

const [file, migrationsDir] = process.argv.slice(2);
const database = openDatabase(file!, process.env.PTDV_PASSPHRASE!, { migrationsDir: migrationsDir! });
const insert = database.sqlite.prepare('INSERT INTO settings (key, value) VALUES (?, ?)');
// Closing at exit also keeps the handle reachable: a collected handle would close and drop the lock it holds.
process.on('exit', () => database.close());
let n = 0;
const next = () => {
  n += 1;
  insert.run(`app-${n}`, '1');
  process.stdout.write(`${n}\n`);
  setTimeout(next, 2);
};
next();
