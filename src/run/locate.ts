/**
 * Finding the dbt executable. Order: `DBT_PATH` (the user's own dbt, taken as given), then the
 * project-local virtual environment that `npm install` builds (`MSSQL2DBT_VENV` or
 * `<package root>/.venv`), then `dbt` on PATH. The venv comes before PATH on purpose: its versions
 * are the pinned ones (python/requirements.txt), a dbt on PATH may be any version.
 */
import { accessSync, constants, existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type DbtFoundBy = 'DBT_PATH' | 'venv' | 'PATH';

export interface LocatedDbt {
  /** Absolute path of the dbt executable. */
  readonly path: string;
  readonly foundBy: DbtFoundBy;
}

/** What to run to get dbt, for every "not found" message. */
export function dbtInstallFix(): string {
  let where = 'the mssql2dbt folder';
  try {
    where = packageRoot();
  } catch {
    // Keep the generic wording.
  }
  return `run \`npm run setup:dbt\` in ${where} (or set DBT_PATH to a dbt executable)`;
}

export class DbtNotFoundError extends Error {
  /** Every place looked at, in order, for the message and `doctor`. */
  readonly tried: readonly string[];
  constructor(reason: string, tried: readonly string[]) {
    super(`${reason}; ${dbtInstallFix()}. Looked at: ${tried.join(', ')}`);
    this.name = 'DbtNotFoundError';
    this.tried = tried;
  }
}

const isWindows = process.platform === 'win32';

/**
 * The folder holding mssql2dbt's package.json. Walks up from this module so the same code works
 * from src/run (vitest) and from dist/src/run (the built CLI) without counting levels.
 */
let cachedRoot: string | undefined;
export function packageRoot(): string {
  if (cachedRoot !== undefined) return cachedRoot;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      try {
        if ((JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'mssql2dbt') return (cachedRoot = dir);
      } catch {
        // An unreadable package.json on the way up is not ours; keep walking.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the mssql2dbt package root above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

/** The project-local virtual environment: `MSSQL2DBT_VENV` when set, else `<package root>/.venv`. */
export function venvDir(env: NodeJS.ProcessEnv = process.env): string {
  const override = env.MSSQL2DBT_VENV;
  return override ? path.resolve(override) : path.join(packageRoot(), '.venv');
}

/** Where a venv keeps its executables (`bin`, or `Scripts` on Windows). */
export function venvBin(venv: string, name: string): string {
  return isWindows ? path.join(venv, 'Scripts', `${name}.exe`) : path.join(venv, 'bin', name);
}

export function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, isWindows ? constants.F_OK : constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first `name` on PATH that is an executable file (with PATHEXT on Windows). */
export function whichOnPath(name: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const dirs = (env.PATH ?? env.Path ?? '').split(path.delimiter).filter((d) => d !== '');
  const exts = isWindows ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.resolve(dir, name + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/** Finds dbt or throws DbtNotFoundError naming every place it looked and the fix. */
export function locateDbt(env: NodeJS.ProcessEnv = process.env): LocatedDbt {
  const explicit = env.DBT_PATH;
  if (explicit) {
    // The user asked for this dbt: falling back to another one would hide their mistake.
    const resolved = path.resolve(explicit);
    if (!isExecutableFile(resolved)) throw new DbtNotFoundError(`DBT_PATH=${explicit} is not an executable file`, [`DBT_PATH (${resolved})`]);
    return { path: resolved, foundBy: 'DBT_PATH' };
  }
  const venvDbt = venvBin(venvDir(env), 'dbt');
  if (isExecutableFile(venvDbt)) return { path: venvDbt, foundBy: 'venv' };
  const onPath = whichOnPath('dbt', env);
  if (onPath) return { path: onPath, foundBy: 'PATH' };
  throw new DbtNotFoundError('dbt is not installed', [venvDbt, 'dbt on PATH']);
}

/** locateDbt without the throw, for callers that report rather than fail (doctor). */
export function tryLocateDbt(env: NodeJS.ProcessEnv = process.env): LocatedDbt | DbtNotFoundError {
  try {
    return locateDbt(env);
  } catch (e) {
    if (e instanceof DbtNotFoundError) return e;
    throw e;
  }
}
