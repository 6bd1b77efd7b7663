#!/usr/bin/env node
// The `mssql2dbt` executable: everything lives in main.ts so tests can call it in-process.
import { main } from './main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`internal error: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 70;
  },
);
