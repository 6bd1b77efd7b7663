/**
 * Runs the real dbt (dbt-core + dbt-duckdb in /work/main/.venv) on a generated project — a stop-gap
 * until src/run/ drives dbt. One invocation per command; anonymous usage stats off.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../helpers/paths.js';

export const DBT = path.join(repoRoot, '.venv/bin/dbt');
export const hasDbt = existsSync(DBT);

export function dbt(project: string, ...args: string[]): { code: number; output: string } {
  const r = spawnSync(DBT, [...args, '--project-dir', project, '--profiles-dir', project], {
    cwd: project, encoding: 'utf8', timeout: 120_000,
    env: { ...process.env, DBT_SEND_ANONYMOUS_USAGE_STATS: 'false', DO_NOT_TRACK: '1' },
  });
  return { code: r.status ?? -1, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}
