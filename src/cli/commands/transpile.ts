import { readFile } from 'node:fs/promises';
import { renderDiagnostic } from '../../diagnostics/index.js';
import { decodeSqlBytes } from '../../tsql/index.js';
import { isTargetName, TARGETS, transpile } from '../../translate/index.js';
import { InputPathError } from '../../io/sql-files.js';

export interface TranspileCommandOptions {
  readonly to: string;
  readonly collation?: string;
  readonly trailingSpaces?: string;
  /** `from=to` schema renames (`dbo=` drops the schema), added to the default { dbo: null }. */
  readonly schema?: readonly string[];
  readonly strict?: boolean;
  readonly json?: boolean;
}

/** A usage error the CLI reports with exit code 2. */
export class UsageError extends Error {}

async function readInput(input: string | undefined): Promise<{ bytes: Buffer; file: string }> {
  if (input === undefined || input === '-') {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return { bytes: Buffer.concat(chunks), file: '<stdin>' };
  }
  try {
    return { bytes: await readFile(input), file: input };
  } catch {
    throw new InputPathError(input, 'no such file');
  }
}

/** `--schema from=to` options over the default { dbo: null }: an empty `to` drops the schema. */
function schemaMap(pairs: readonly string[]): Record<string, string | null> {
  const map: Record<string, string | null> = { dbo: null };
  for (const pair of pairs) {
    const m = /^([^=]+)=(.*)$/.exec(pair);
    if (!m) throw new UsageError(`--schema takes from=to (an empty 'to' drops the schema), not '${pair}'`);
    const from = m[1]!.trim();
    // The map is looked up case-insensitively: a later --schema for the same schema replaces the earlier one.
    for (const k of Object.keys(map)) if (k.toLowerCase() === from.toLowerCase()) delete map[k];
    map[from] = m[2]!.trim() === '' ? null : m[2]!.trim();
  }
  return map;
}

/**
 * `mssql2dbt transpile`: T-SQL from a file or stdin → target SQL on stdout, diagnostics on
 * stderr (or one JSON object with `sql` and `diagnostics`). Exit 1 on syntax errors, or with
 * --strict on any diagnostic.
 */
export async function runTranspile(input: string | undefined, options: TranspileCommandOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  if (!isTargetName(options.to)) throw new UsageError(`unknown target '${options.to}': one of ${TARGETS.join(', ')}`);
  const collation = options.collation ?? 'ci';
  if (collation !== 'ci' && collation !== 'cs') throw new UsageError(`--collation must be ci or cs, not '${collation}'`);
  const trailingSpaces = options.trailingSpaces ?? 'ignore';
  if (trailingSpaces !== 'ignore' && trailingSpaces !== 'keep') throw new UsageError(`--trailing-spaces must be ignore or keep, not '${trailingSpaces}'`);
  const schemas = schemaMap(options.schema ?? []);
  const { bytes, file } = await readInput(input);
  const decoded = decodeSqlBytes(bytes, file);
  const result = transpile(decoded.text, { to: options.to, collation, trailingSpaces, schemas, strict: options.strict ?? false, file });
  const diagnostics = [...decoded.diagnostics, ...result.diagnostics];
  if (options.json) out(JSON.stringify({ sql: result.sql, diagnostics }, null, 2));
  else {
    out(result.sql);
    for (const d of diagnostics) err(renderDiagnostic(d, decoded.text));
  }
  const failed = diagnostics.some((d) => d.severity === 'error') || (options.strict === true && diagnostics.length > 0);
  return failed ? 1 : 0;
}
