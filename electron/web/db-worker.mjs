// The web host runs from the TypeScript sources through tsx, and on Node 20 a worker thread does not inherit tsx's
// loader: this registers it in the worker, then starts the same database worker the desktop app bundles.
import { register } from 'tsx/esm/api';

register();
await import('../main/db-worker-entry.ts');
