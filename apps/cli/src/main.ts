#!/usr/bin/env node
// `sirocco ...` (npm run sirocco -- ...): see cli.ts.
import { runCli } from './cli.js';

const code = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  env: process.env,
});
process.exitCode = code;
