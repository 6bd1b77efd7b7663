/** What every benchmark needs: where the repository and corpus are, the corpus scripts, medians, result files. */
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
/** Works from bench/ and from the compiled dist/bench/. */
export const repoRoot = path.resolve(here, existsSync(path.resolve(here, '../package.json')) ? '..' : '../..');
export const corpusRoot = path.resolve(repoRoot, '../shared/corpus');

/** Every .sql file below `dir`, sorted. */
export function sqlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sqlFiles(p));
    else if (name.endsWith('.sql')) out.push(p);
  }
  return out;
}

export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Writes bench/results/<name>.json and returns its path. */
export function writeResults(name: string, report: unknown): string {
  const dir = path.join(repoRoot, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  return file;
}
