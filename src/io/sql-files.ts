import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** A path the user named that could not be used. */
export class InputPathError extends Error {
  constructor(readonly inputPath: string, reason: string) {
    super(`${inputPath}: ${reason}`);
  }
}

/**
 * Expands files and folders into the .sql files they hold (folders recursively, in a stable
 * sorted order so output and tests are deterministic). A file named explicitly is kept whatever
 * its extension. Throws InputPathError for a path that does not exist.
 */
export async function collectSqlFiles(inputs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const input of inputs) {
    let st;
    try {
      st = await stat(input);
    } catch {
      throw new InputPathError(input, 'no such file or folder');
    }
    if (st.isDirectory()) await walk(input, out);
    else out.push(input);
  }
  return out;
}

async function walk(dir: string, out: string[]): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) await walk(p, out);
    else if (e.isFile() && e.name.toLowerCase().endsWith('.sql')) out.push(p);
  }
}
