/**
 * Safe re-runs. `<out>/.mssql2dbt/generated.json` records the content hash of every file as the
 * generator last wrote it. On the next run: same content → not touched (bytes and mtime kept); the
 * file on disk no longer matches its recorded hash → the user edited it: kept (MD4050) unless
 * `force`. Every write is a temp file renamed over the target, so a killed run never leaves half a
 * file; the manifest is written last, so it only ever lists files that were completely written.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { GeneratedFile, WriteOutcome } from './model.js';

export const MANIFEST = '.mssql2dbt/generated.json';

interface Manifest {
  readonly formatVersion: 1;
  /** Project-relative path → sha256 of the content the generator wrote. */
  readonly files: Record<string, string>;
}

const sha256 = (text: string | Buffer): string => createHash('sha256').update(text).digest('hex');

function readManifest(outDir: string): Manifest {
  const p = path.join(outDir, MANIFEST);
  if (!existsSync(p)) return { formatVersion: 1, files: {} };
  try {
    const m = JSON.parse(readFileSync(p, 'utf8')) as Manifest;
    return m.formatVersion === 1 && m.files ? m : { formatVersion: 1, files: {} };
  } catch {
    return { formatVersion: 1, files: {} };
  }
}

/** Writes `text` to `file` through a temp file and a rename (atomic on one file system). */
export function writeAtomic(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

export interface WriteResult {
  readonly files: { path: string; outcome: WriteOutcome }[];
  readonly diagnostics: Diagnostic[];
}

export function writeFiles(outDir: string, files: readonly GeneratedFile[], force: boolean): WriteResult {
  const before = readManifest(outDir);
  const recorded: Record<string, string> = {};
  const out: { path: string; outcome: WriteOutcome }[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const f of [...files].sort((a, b) => a.path.localeCompare(b.path))) {
    const target = path.join(outDir, ...f.path.split('/'));
    const hash = sha256(f.content);
    const onDisk = existsSync(target) ? sha256(readFileSync(target)) : undefined;
    const last = before.files[f.path];
    let outcome: WriteOutcome;
    if (onDisk === hash) outcome = 'unchanged';
    else if (onDisk === undefined) outcome = 'created';
    else if (last !== undefined && onDisk !== last) outcome = force ? 'overwrote-user-edit' : 'kept-user-edit';
    else if (last === undefined && !force) outcome = 'kept-user-edit';
    else outcome = last === undefined ? 'overwrote-user-edit' : 'updated';
    if (outcome === 'created' || outcome === 'updated' || outcome === 'overwrote-user-edit') writeAtomic(target, f.content);
    if (outcome === 'kept-user-edit') {
      diagnostics.push(diagnostic('MD4050', { path: f.path }));
      // Keep the old record: the file stays "edited" until the user forces or reverts it.
      if (last !== undefined) recorded[f.path] = last;
    } else recorded[f.path] = hash;
    out.push({ path: f.path, outcome });
  }
  const manifest: Manifest = { formatVersion: 1, files: recorded };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const manifestPath = path.join(outDir, MANIFEST);
  if (!existsSync(manifestPath) || readFileSync(manifestPath, 'utf8') !== text) writeAtomic(manifestPath, text);
  return { files: out, diagnostics };
}
