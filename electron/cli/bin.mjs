#!/usr/bin/env node
// Development entry of the `ptdv` command: runs the TypeScript sources through tsx so the CLI works right
// after `npm ci`, with no build step. The packaged app ships a bundled out/main/cli.cjs instead.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
