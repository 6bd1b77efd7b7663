import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, wherever the tests run from. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The shared corpus beside the repository: read in place, never copied. */
export const corpusRoot = path.resolve(repoRoot, '../shared/corpus');

/**
 * Corpus tests skip in a user's clone (no ../shared there) but must never skip silently on CI,
 * where the corpus is always beside the repository.
 */
export const hasCorpus = existsSync(corpusRoot);
if (!hasCorpus && process.env.CI) {
  throw new Error(`CI run without the shared corpus at ${corpusRoot}: corpus tests would be skipped`);
}

/** Every file below `dir` whose name ends with `ext`, sorted. */
export function filesUnder(dir: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.toLowerCase().endsWith(ext)) out.push(p);
    }
  };
  walk(dir);
  return out;
}
