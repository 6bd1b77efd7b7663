/**
 * `mssql2dbt doctor`'s findings: Node, Python, dbt and adapter versions, the dbt executable's
 * path, and for everything missing what to do about it. Ok means a migration can run dbt on both
 * runnable targets: dbt found, dbt-duckdb and dbt-postgres installed.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { dbtInstallFix, packageRoot, tryLocateDbt, venvDir, type DbtFoundBy } from './locate.js';
import { atLeast, dbtVersions, findSystemPython, MIN_PYTHON } from './versions.js';

export interface MissingItem {
  readonly what: string;
  readonly fix: string;
}

export interface DoctorReport {
  /** Node.js version running mssql2dbt. */
  readonly node: string;
  /** Version of the Python dbt runs on (the system Python when there is no dbt). */
  readonly python: string | null;
  readonly pythonPath: string | null;
  /** The dbt executable's path (the issue's contract: key `dbt`). */
  readonly dbt: string | null;
  readonly dbtFoundBy: DbtFoundBy | null;
  readonly dbtVersion: string | null;
  readonly adapters: { readonly duckdb: string | null; readonly postgres: string | null };
  /** The project-local virtual environment `npm install` builds (it may not exist). */
  readonly venv: string;
  /** The versions python/requirements.txt pins, by package. */
  readonly pinned: Readonly<Record<string, string>>;
  readonly missing: readonly MissingItem[];
  /** Things that work but differ from what was tested (another dbt-core version). */
  readonly warnings: readonly string[];
  readonly ok: boolean;
}

/** `name==version` lines of python/requirements.txt. */
export function pinnedVersions(root = packageRoot()): Record<string, string> {
  const pins: Record<string, string> = {};
  try {
    for (const line of readFileSync(path.join(root, 'python', 'requirements.txt'), 'utf8').split('\n')) {
      const m = /^\s*([A-Za-z0-9_.-]+)\s*==\s*([^\s#;]+)/.exec(line);
      if (m) pins[m[1]!.toLowerCase()] = m[2]!;
    }
  } catch {
    // A package without the file still gets a report; nothing is compared.
  }
  return pins;
}

const NODE_MIN = [20, 19] as const;

export async function collectDoctorReport(env: NodeJS.ProcessEnv = process.env): Promise<DoctorReport> {
  const missing: MissingItem[] = [];
  const warnings: string[] = [];
  const pinned = pinnedVersions();
  const venv = venvDir(env);
  const node = process.versions.node;
  if (!atLeast(node, NODE_MIN)) missing.push({ what: `Node.js ${NODE_MIN.join('.')} or later (found ${node})`, fix: 'install a current Node.js 20 or 22 LTS' });

  const located = tryLocateDbt(env);
  let python: string | null = null;
  let pythonPath: string | null = null;
  let dbt: string | null = null;
  let dbtFoundBy: DbtFoundBy | null = null;
  let dbtVersion: string | null = null;
  const adapters: { duckdb: string | null; postgres: string | null } = { duckdb: null, postgres: null };

  if (located instanceof Error) {
    const system = await findSystemPython(env);
    if (system) {
      python = system.version;
      pythonPath = system.path;
    }
    if (!system || !atLeast(system.version, MIN_PYTHON)) {
      missing.push({
        what: system ? `Python ${MIN_PYTHON.join('.')} or later (found ${system.version} at ${system.path})` : `Python ${MIN_PYTHON.join('.')} or later (python3 on PATH)`,
        fix: 'install Python 3.10+ with its venv module (Debian/Ubuntu: `apt-get install python3 python3-venv`; macOS: `brew install python`), then `npm run setup:dbt`',
      });
    }
    missing.push({ what: `dbt (${env.DBT_PATH ? `DBT_PATH=${env.DBT_PATH} is not an executable` : `not in ${venv} nor on PATH`})`, fix: dbtInstallFix() });
  } else {
    dbt = located.path;
    dbtFoundBy = located.foundBy;
    const v = await dbtVersions(located.path, env);
    python = v.python ?? null;
    pythonPath = v.pythonPath ?? null;
    dbtVersion = v.dbtCore ?? null;
    adapters.duckdb = v.adapters.duckdb ?? null;
    adapters.postgres = v.adapters.postgres ?? null;
    // The venv is ours to repair; a user's own dbt is theirs to pip-install into.
    const ownEnv = located.foundBy === 'venv';
    const pipFix = (pkg: string): string =>
      ownEnv ? '`npm run setup:dbt` (re-installs python/requirements.txt into the venv)' : `\`${pythonPath ?? 'python'} -m pip install ${pkg}${pinned[pkg] ? `==${pinned[pkg]}` : ''}\` (the Python of ${located.path}), or unset DBT_PATH to use mssql2dbt's own dbt`;
    if (dbtVersion === null) missing.push({ what: `a working dbt-core at ${located.path} (${v.error ?? 'no version reported'})`, fix: ownEnv ? 'delete the venv folder and run `npm run setup:dbt`' : pipFix('dbt-core') });
    if (adapters.duckdb === null) missing.push({ what: 'dbt-duckdb adapter', fix: pipFix('dbt-duckdb') });
    if (adapters.postgres === null) missing.push({ what: 'dbt-postgres adapter', fix: pipFix('dbt-postgres') });
    for (const [pkg, have] of [['dbt-core', dbtVersion], ['dbt-duckdb', adapters.duckdb], ['dbt-postgres', adapters.postgres]] as const) {
      if (have !== null && pinned[pkg] !== undefined && have !== pinned[pkg]) warnings.push(`${pkg} ${have} is not the tested ${pinned[pkg]} (python/requirements.txt)`);
    }
  }
  return { node, python, pythonPath, dbt, dbtFoundBy, dbtVersion, adapters, venv, pinned, missing, warnings, ok: missing.length === 0 };
}
