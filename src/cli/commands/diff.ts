import { diagnostic, renderDiagnostic, type Diagnostic } from '../../diagnostics/index.js';
import { diffTables, type DiffResult, type RelationRef } from '../../validate/index.js';
import { ConnectionUrlError, parseConnectionUrl } from '../../validate/url.js';
import { UsageError } from './transpile.js';

export interface DiffCommandOptions {
  readonly source: string;
  readonly target: string;
  readonly table?: string;
  readonly sourceQuery?: string;
  readonly targetQuery?: string;
  readonly key?: string;
  readonly columns?: string;
  readonly rename?: readonly string[];
  readonly where?: string;
  readonly tolerance?: string;
  readonly collation?: string;
  readonly timeout?: string;
  readonly profile?: boolean;
  readonly json?: boolean;
}

const list = (s: string | undefined): string[] | undefined => (s === undefined ? undefined : s.split(',').map((x) => x.trim()).filter((x) => x !== ''));

function relations(o: DiffCommandOptions): { source: RelationRef; target: RelationRef } {
  const [s, t] = o.table !== undefined ? o.table.split('=', 2).map((x) => x.trim()) : [];
  const source: RelationRef | undefined = o.sourceQuery !== undefined ? { query: o.sourceQuery } : s ? { table: s } : undefined;
  const target: RelationRef | undefined = o.targetQuery !== undefined ? { query: o.targetQuery } : t || s ? { table: (t || s) as string } : undefined;
  if (!source || !target) throw new UsageError('give --table <schema.table>[=<schema.table>] or --source-query/--target-query');
  return { source, target };
}

function summary(r: DiffResult): string[] {
  const lines = [`${r.status} (score ${r.score ?? '-'}): ${r.source.engine} ${r.source.relation} → ${r.target.engine} ${r.target.relation}`];
  if (r.status === 'unverifiable') return lines;
  lines.push(`  rows: ${r.rowsSource} → ${r.rowsTarget}; missing in target ${r.missingInTarget}, missing in source ${r.missingInSource}, changed ${r.changed}, duplicated keys ${r.duplicates}${r.complete ? '' : ' (incomplete: lower bounds)'}`);
  for (const c of r.columns) {
    const notes = [...c.schema.map((d) => `${d.kind}: ${d.detail}`), ...(c.changedRows ? [`${c.changedRows} changed (${Object.entries(c.kinds).map(([k, n]) => `${k} ${n}`).join(', ')})`] : []), ...(c.profile?.differences ?? [])];
    if (notes.length) lines.push(`  column ${c.source ?? '-'} → ${c.target ?? '-'}: ${notes.join('; ')}`);
  }
  const key = (k: readonly (string | null)[]): string => k.map((v) => (v === null ? 'NULL' : v)).join(', ');
  if (r.samples.missingInTarget.length) lines.push(`  missing in target: ${r.samples.missingInTarget.map(key).join(' | ')}`);
  if (r.samples.missingInSource.length) lines.push(`  missing in source: ${r.samples.missingInSource.map(key).join(' | ')}`);
  for (const d of r.samples.duplicates) lines.push(`  duplicated key ${key(d.key)}: ${d.source} in source, ${d.target} in target`);
  for (const c of r.samples.changed) {
    lines.push(`  changed ${key(c.key)}: ${c.columns.map((v) => `${v.column} ${JSON.stringify(v.source)} → ${JSON.stringify(v.target)}${v.kind === 'value' ? '' : ` (${v.kind})`}`).join('; ')}`);
  }
  return lines;
}

/**
 * `mssql2dbt diff`: compare a source relation with a target relation (see src/validate/README.md).
 * Exit 0 when verified, 1 when different, 2 on usage or connection errors (unverifiable).
 */
export async function runDiff(o: DiffCommandOptions, out: (s: string) => void, err: (s: string) => void): Promise<number> {
  for (const url of [o.source, o.target]) {
    try {
      parseConnectionUrl(url);
    } catch (e) {
      if (e instanceof ConnectionUrlError) throw new UsageError(e.message);
      throw e;
    }
  }
  const tolerance = o.tolerance === undefined ? undefined : Number(o.tolerance);
  if (tolerance !== undefined && !(tolerance >= 0)) throw new UsageError(`--tolerance must be a number ≥ 0, not '${o.tolerance}'`);
  const timeout = o.timeout === undefined ? undefined : Number(o.timeout);
  if (timeout !== undefined && !(timeout > 0)) throw new UsageError(`--timeout must be seconds > 0, not '${o.timeout}'`);
  if (o.collation !== undefined && o.collation !== 'ci' && o.collation !== 'cs') throw new UsageError(`--collation must be ci or cs, not '${o.collation}'`);
  const renames: Record<string, string> = {};
  for (const r of o.rename ?? []) {
    const [a, b] = r.split('=');
    if (!a || !b) throw new UsageError(`--rename needs source=target, not '${r}'`);
    renames[a.trim()] = b.trim();
  }
  const { source, target } = relations(o);
  const key = list(o.key);
  const columns = list(o.columns);
  const result = await diffTables({
    source: o.source,
    target: o.target,
    sourceRelation: source,
    targetRelation: target,
    ...(key ? { key } : {}),
    ...(columns ? { columns } : {}),
    renames,
    ...(o.where !== undefined ? { where: o.where } : {}),
    ...(tolerance !== undefined ? { tolerance } : {}),
    ...(o.collation === 'ci' || o.collation === 'cs' ? { collation: o.collation } : {}),
    ...(timeout !== undefined ? { timeoutMs: timeout * 1000 } : {}),
    ...(o.profile === false ? { profile: false } : {}),
  });
  const d = toDiagnostic(result);
  if (o.json) out(JSON.stringify({ ...result, diagnostics: [d] }, null, 2));
  else {
    for (const line of summary(result)) out(line);
    if (result.status !== 'verified') err(renderDiagnostic(d));
  }
  return result.status === 'verified' ? 0 : result.status === 'mismatch' ? 1 : 2;
}

function toDiagnostic(r: DiffResult): Diagnostic {
  const names = { source: `${r.source.engine}:${r.source.relation}`, target: `${r.target.engine}:${r.target.relation}` };
  if (r.status === 'verified') return diagnostic('MD6011', { ...names, rows: r.rowsSource });
  if (r.status === 'mismatch') return diagnostic('MD6010', { ...names, reason: r.reason ?? '' });
  const reason = r.reason ?? 'unknown';
  if (r.failure === 'connection') return diagnostic('MD6001', { server: reason.replace(/^cannot (connect to|open DuckDB database) /, '').split(':')[0] ?? '', reason });
  if (r.failure === 'usage') return diagnostic('MD6003', { message: reason });
  return diagnostic('MD6002', { reason });
}
