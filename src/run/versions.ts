/**
 * Which Python, dbt-core and adapters a dbt executable runs with. The fast, offline way asks the
 * dbt's own interpreter (`importlib.metadata`, ~50 ms); `dbt --version` is the fallback (seconds,
 * and it asks PyPI for the latest version) for a dbt whose interpreter cannot be found.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isExecutableFile, whichOnPath } from './locate.js';
import { dbtEnv } from './dbt.js';

/** Python ≥ this is what the pinned dbt-core 1.11 requires. */
export const MIN_PYTHON: readonly [number, number] = [3, 10];

export interface DbtVersions {
  /** The Python dbt runs on, when known. */
  readonly python?: string;
  readonly pythonPath?: string;
  readonly dbtCore?: string;
  /** Adapter plugin versions by adapter name (`duckdb`, `postgres`). */
  readonly adapters: Readonly<Record<string, string>>;
  /** How they were found. */
  readonly via: 'python' | 'dbt --version' | 'none';
  /** Why nothing could be read, when `via` is `none`. */
  readonly error?: string;
}

export interface ExecOutcome {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly error?: string;
}

/** execFile that resolves with whatever happened (doctor reports failures, it does not throw them). */
export function execCapture(file: string, args: readonly string[], timeoutMs: number, env: NodeJS.ProcessEnv = process.env): Promise<ExecOutcome> {
  return new Promise((resolve) => {
    execFile(file, args, { timeout: timeoutMs, env, windowsHide: true, maxBuffer: 4 * 1024 * 1024 }, (err, stdout, stderr) => {
      const e = err as (Error & { code?: number | string; killed?: boolean }) | null;
      resolve({
        code: e === null ? 0 : typeof e.code === 'number' ? e.code : null,
        stdout: String(stdout),
        stderr: String(stderr),
        ...(e !== null && typeof e.code !== 'number' ? { error: e.killed ? `timed out after ${timeoutMs} ms` : e.message } : {}),
      });
    });
  });
}

/**
 * The Python interpreter a console script runs with, from its first line: `#!/venv/bin/python3`,
 * `#!/usr/bin/env python3`, or pip's `#!/bin/sh` + `'''exec' "/path with spaces/python"` form.
 * Falls back to a python beside the script (a venv's bin/ or Scripts/).
 */
export function interpreterOf(script: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  let head = '';
  try {
    head = readFileSync(script, { encoding: 'latin1' }).slice(0, 1024);
  } catch {
    // Unreadable: try the sibling below.
  }
  const lines = head.split(/\r?\n/);
  const shebang = lines[0]?.startsWith('#!') ? lines[0].slice(2).trim() : undefined;
  if (shebang !== undefined) {
    const exec = /^'''exec' "?([^"]+?)"? "\$0"/.exec(lines[1] ?? '');
    if (exec && isExecutableFile(exec[1]!)) return exec[1];
    const parts = shebang.split(/\s+/);
    if (path.basename(parts[0]!) === 'env' && parts[1]) return whichOnPath(parts[1], env);
    if (/python/i.test(path.basename(parts[0]!)) && isExecutableFile(parts[0]!)) return parts[0];
  }
  const dir = path.dirname(script);
  for (const name of process.platform === 'win32' ? ['python.exe'] : ['python3', 'python']) {
    const candidate = path.join(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

const PROBE = [
  'import json, sys',
  'from importlib import metadata',
  'out = {"python": sys.version.split()[0]}',
  'for d in ("dbt-core", "dbt-duckdb", "dbt-postgres"):',
  '    try:',
  '        out[d] = metadata.version(d)',
  '    except metadata.PackageNotFoundError:',
  '        out[d] = None',
  'print(json.dumps(out))',
].join('\n');

/** Parses `dbt --version` (dbt ≥ 1.0: `installed: 1.11.16` and a `Plugins:` list). */
export function parseDbtVersionOutput(text: string): { core?: string; adapters: Record<string, string> } {
  const core = /installed(?: version)?:\s*v?([0-9][\w.+-]*)/i.exec(text)?.[1];
  const adapters: Record<string, string> = {};
  const plugins = text.split(/^\s*Plugins:\s*$/im)[1];
  if (plugins !== undefined) {
    for (const m of plugins.matchAll(/^\s*-\s*([\w-]+):\s*v?([0-9][\w.+-]*)/gm)) adapters[m[1]!] = m[2]!;
  }
  return { ...(core !== undefined ? { core } : {}), adapters };
}

/** A Python's version (`3.11.7`), or undefined when it does not run. */
export async function pythonVersion(python: string): Promise<string | undefined> {
  const r = await execCapture(python, ['-c', 'import sys; print(sys.version.split()[0])'], 15_000);
  return r.code === 0 ? r.stdout.trim() || undefined : undefined;
}

/** The first `python3`/`python` on PATH that runs, with its version. */
export async function findSystemPython(env: NodeJS.ProcessEnv = process.env): Promise<{ path: string; version: string } | undefined> {
  for (const name of ['python3', 'python']) {
    const p = whichOnPath(name, env);
    if (p === undefined) continue;
    const version = await pythonVersion(p);
    if (version !== undefined) return { path: p, version };
  }
  return undefined;
}

export function atLeast(version: string, min: readonly number[]): boolean {
  const parts = version.split('.').map((x) => parseInt(x, 10));
  for (let i = 0; i < min.length; i++) {
    const v = parts[i] ?? 0;
    if (Number.isNaN(v)) return false;
    if (v !== min[i]) return v > min[i]!;
  }
  return true;
}

/** Python, dbt-core and adapter versions of the dbt at `dbtPath`. */
export async function dbtVersions(dbtPath: string, env: NodeJS.ProcessEnv = process.env): Promise<DbtVersions> {
  const python = interpreterOf(dbtPath, env);
  if (python !== undefined) {
    const r = await execCapture(python, ['-c', PROBE], 15_000, env);
    if (r.code === 0) {
      try {
        const v = JSON.parse(r.stdout.trim().split('\n').pop() ?? '') as Record<string, string | null>;
        // A sibling python that is not dbt's own would report no dbt-core: then ask dbt itself.
        if (v['dbt-core']) {
          const adapters: Record<string, string> = {};
          if (v['dbt-duckdb']) adapters.duckdb = v['dbt-duckdb'];
          if (v['dbt-postgres']) adapters.postgres = v['dbt-postgres'];
          return { python: v.python ?? undefined, pythonPath: python, dbtCore: v['dbt-core'], adapters, via: 'python' };
        }
      } catch {
        // Fall through to `dbt --version`.
      }
    }
  }
  const r = await execCapture(dbtPath, ['--version'], 60_000, dbtEnv());
  const parsed = parseDbtVersionOutput(r.stdout + '\n' + r.stderr);
  if (parsed.core === undefined) {
    return { adapters: {}, via: 'none', error: r.error ?? `\`${dbtPath} --version\` exited with ${r.code}: ${(r.stderr || r.stdout).trim().split('\n').slice(-3).join(' ')}` };
  }
  const pyVersion = python !== undefined ? await pythonVersion(python) : undefined;
  return { ...(pyVersion !== undefined ? { python: pyVersion, pythonPath: python } : {}), dbtCore: parsed.core, adapters: parsed.adapters, via: 'dbt --version' };
}
