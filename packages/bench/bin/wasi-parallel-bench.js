#!/usr/bin/env node
// The `wasi-parallel-bench` command. It is plain JS and committed, so npm links it at install
// time, before a fresh clone has built dist/.
import { runBenchCli } from '../dist/index.js';

process.exitCode = await runBenchCli(process.argv.slice(2));
