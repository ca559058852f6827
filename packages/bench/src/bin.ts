#!/usr/bin/env node
import { runBenchCli } from './cli/bench-cli.js';

process.exitCode = await runBenchCli(process.argv.slice(2));
