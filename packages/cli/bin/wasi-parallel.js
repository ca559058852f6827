#!/usr/bin/env node
// The `wasi-parallel` command. It is plain JS and committed, so npm links it at install time,
// before a fresh clone has built dist/.
import { exitOnSignals, main } from '../dist/main.js';

exitOnSignals();
process.exitCode = await main(process.argv.slice(2));
