/**
 * Table data held in scripts: INSERT … VALUES rows (constants evaluated per column type, SET
 * DATEFORMAT honoured, omitted columns from identity or default) and BULK INSERT data files, in
 * script order per table. Scripts are read the way extract reads them (sqlcmd :setvar/:r/$(Var),
 * .sqlproj items), parsed batch by batch; rows wait in a spool until their table is loaded.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inputKind, sqlFilesUnder } from '../../catalog/extract.js';
import { nameKey } from '../../catalog/names.js';
import { expandSqlcmdFile } from '../../catalog/sqlcmd.js';
import { readSqlProject } from '../../catalog/sqlproj.js';
import { diagnostic, type Diagnostic } from '../../diagnostics/index.js';
import type { DateFormat } from '../../translate/index.js';
import { parseStatementsStreaming, type Expression, type Insert, type ObjectName, type Statement } from '../../tsql/index.js';
import type { LoadColumn } from '../columns.js';
import type { Row, Table } from '../model.js';
import { bulkRows, bulkSpec, type BulkSpec } from './bulk-insert.js';
import { defaultExpression, evaluate } from './literals.js';
import type { SourceContext, TableData } from './source.js';
import { RowSpool } from './spool.js';

type Part = { readonly kind: 'rows'; readonly spool: RowSpool } | { readonly kind: 'bulk'; readonly spec: BulkSpec };

export interface ScriptTable {
  readonly table: Table;
  readonly columns: readonly LoadColumn[];
}

/** One table's script data: every INSERT row and BULK INSERT file, in order. */
export class ScriptTableData implements TableData {
  readonly parts: Part[] = [];
  /** Next identity value for rows that omit the identity column. */
  nextIdentity: number | undefined;

  get kind(): TableData['kind'] {
    return this.parts.some((p) => p.kind === 'bulk') ? 'bulk-insert' : 'script-inserts';
  }

  get from(): string[] {
    return [...new Set(this.parts.map((p) => (p.kind === 'bulk' ? (p.spec.file ?? p.spec.written) : 'INSERT statements')))];
  }

  rowCount(): number {
    return this.parts.reduce((n, p) => n + (p.kind === 'rows' ? p.spool.count : 0), 0);
  }

  rowsPart(): RowSpool {
    const last = this.parts.at(-1);
    if (last?.kind === 'rows') return last.spool;
    const spool = new RowSpool();
    this.parts.push({ kind: 'rows', spool });
    return spool;
  }

  async *batches(ctx: SourceContext): AsyncGenerator<Row[]> {
    for (const p of this.parts) {
      if (p.kind === 'rows') yield* p.spool.batches(ctx.batchRows);
      else yield* bulkRows(p.spec, ctx);
    }
  }

  dispose(): void {
    for (const p of this.parts) if (p.kind === 'rows') p.spool.dispose();
  }
}

export interface ScanOptions {
  readonly vars?: Readonly<Record<string, string>>;
  readonly dataDir?: string;
  /** Findings, with the table they concern (nameKey) when there is one. */
  readonly report: (d: Diagnostic, table?: string) => void;
}

interface ScriptFile {
  readonly file: string;
  readonly defaults?: Readonly<Record<string, string>>;
}


/** The script files among the user's inputs (folders, .sql files, .sqlproj items incl. post-deploy). */
export function scriptFiles(inputs: readonly string[]): ScriptFile[] {
  const out: ScriptFile[] = [];
  for (const input of inputs) {
    const kind = inputKind(input);
    if (kind === 'scripts') {
      const files = fs.statSync(input).isDirectory() ? sqlFilesUnder(input) : [input];
      for (const file of files) out.push({ file });
    } else if (kind === 'sqlproj') {
      const projectFile = fs.statSync(input).isDirectory()
        ? path.join(input, fs.readdirSync(input).filter((n) => n.toLowerCase().endsWith('.sqlproj')).sort()[0]!)
        : input;
      const project = readSqlProject(projectFile);
      for (const s of project.scripts) out.push({ file: s.file, defaults: project.variables });
    }
  }
  return out;
}

const targetName = (insertTarget: Insert['target']): ObjectName | undefined => (insertTarget.kind === 'TableRef' ? insertTarget.name : undefined);

/** Reads every script once and returns the data found per table (key: nameKey(schema, name)). */
export function scanScripts(inputs: readonly string[], tables: ReadonlyMap<string, ScriptTable>, options: ScanOptions): Map<string, ScriptTableData> {
  const found = new Map<string, ScriptTableData>();
  const byName = new Map<string, string[]>();
  for (const [key, t] of tables) {
    const k = t.table.name.toLowerCase();
    byName.set(k, [...(byName.get(k) ?? []), key]);
  }
  const lookup = (name: ObjectName): string | undefined => {
    const parts = name.parts.map((p) => p?.name ?? '');
    const object = parts.at(-1)!;
    if (object.startsWith('#') || object.startsWith('@')) return undefined;
    const schema = parts.length >= 2 && parts.at(-2) ? parts.at(-2)! : 'dbo';
    const key = nameKey(schema, object);
    if (tables.has(key)) return key;
    const candidates = parts.length >= 2 && parts.at(-2) ? [] : (byName.get(object.toLowerCase()) ?? []);
    return candidates.length === 1 ? candidates[0] : undefined;
  };

  for (const script of scriptFiles(inputs)) {
    const expanded = expandSqlcmdFile(script.file, { variables: options.vars ?? {}, ...(script.defaults ? { defaults: script.defaults } : {}) });
    let dateFormat: DateFormat = 'mdy';
    const onStatement = (stmt: Statement) => {
      if (stmt.kind === 'SetOption' && stmt.options.some((o) => o.toUpperCase() === 'DATEFORMAT')) {
        const f = stmt.value.tokens.join('').toLowerCase().replace(/['"]/g, '');
        if (/^[dmy]{3}$/.test(f)) dateFormat = f as DateFormat;
        return;
      }
      if (stmt.kind === 'BulkInsert') {
        const key = lookup(stmt.table);
        if (!key) return;
        const span = expanded.map.remapSpan(stmt.span);
        const spec = bulkSpec(stmt, span, script.file, options.dataDir, (d) => options.report(d, key));
        if (!spec) return;
        if (!spec.file) options.report(diagnostic('MD5100', { path: spec.written, table: tableLabel(tables.get(key)!) }, span), key);
        else dataFor(key).parts.push({ kind: 'bulk', spec });
        return;
      }
      if (stmt.kind === 'Insert') {
        const name = targetName(stmt.target);
        const key = name ? lookup(name) : undefined;
        if (!key) return;
        addInsert(stmt, tables.get(key)!, dataFor(key), dateFormat, (d) => options.report(d.span ? { ...d, span: expanded.map.remapSpan(d.span) } : d, key));
      }
    };
    const dataFor = (key: string) => {
      let d = found.get(key);
      if (!d) found.set(key, (d = new ScriptTableData()));
      return d;
    };
    // Statement by statement: an INSERT script is often one batch of thousands of statements.
    parseStatementsStreaming(expanded.text, { file: expanded.file }, onStatement);
  }
  return found;
}

const tableLabel = (t: ScriptTable) => `${t.table.schema}.${t.table.name}`;

function addInsert(stmt: Insert, t: ScriptTable, data: ScriptTableData, dateFormat: DateFormat, report: (d: Diagnostic) => void): void {
  const label = tableLabel(t);
  const source = stmt.source;
  let rows: readonly (readonly Expression[])[];
  if (source.kind === 'Values') rows = source.rows;
  else if (source.kind === 'DefaultValues') rows = [[]];
  else if (source.kind === 'QuerySource' && source.query.body.kind === 'ValuesQuery') rows = source.query.body.rows;
  else {
    report(diagnostic('MD5105', { table: label, reason: source.kind === 'ExecSource' ? 'INSERT … EXEC needs the source database' : 'INSERT … SELECT needs the source database' }, stmt.span));
    return;
  }
  const { columns } = t;
  // Without a column list, VALUES fill every column SQL Server lets you insert into, in order.
  let targets: number[];
  if (stmt.columns) {
    targets = [];
    for (const c of stmt.columns) {
      const i = columns.findIndex((x) => x.name.toLowerCase() === c.name.toLowerCase());
      if (i < 0) report(diagnostic('MD5113', { table: label, column: c.name }, c.span));
      targets.push(i);
    }
  } else if (source.kind === 'DefaultValues') targets = [];
  else targets = columns.map((c, i) => (c.identity || c.rowversion ? -1 : i)).filter((i) => i >= 0);

  const spool = data.rowsPart();
  for (const values of rows) {
    if (values.length !== targets.length) {
      report(diagnostic('MD5105', { table: label, reason: `${values.length} value(s) for ${targets.length} column(s)` }, stmt.span));
      continue;
    }
    const row: (Row[number] | undefined)[] = new Array(columns.length).fill(undefined);
    values.forEach((e, k) => {
      const i = targets[k]!;
      if (i < 0) return;
      const col = columns[i]!;
      if (e.kind === 'DefaultValue') return;
      const r = evaluate(e, col, dateFormat);
      if ('error' in r) {
        report(r.notConstant
          ? diagnostic('MD5114', { column: col.name, table: label, reason: r.error }, e.span)
          : diagnostic('MD5103', { value: r.error, type: col.type.name, column: col.name, table: label }, e.span));
        row[i] = null;
      } else row[i] = r.value;
    });
    for (let i = 0; i < columns.length; i++) {
      const col = columns[i]!;
      if (col.identity) {
        if (row[i] === undefined) {
          const next = data.nextIdentity ?? col.identity.seed;
          row[i] = String(next);
          data.nextIdentity = next + col.identity.increment;
        } else if (row[i] !== null) {
          // After explicit values (IDENTITY_INSERT ON) the identity continues past the largest one.
          const v = Number(row[i]);
          const next = v + col.identity.increment;
          if (data.nextIdentity === undefined || (col.identity.increment > 0 ? next > data.nextIdentity : next < data.nextIdentity)) data.nextIdentity = next;
        }
        continue;
      }
      if (row[i] !== undefined) continue;
      row[i] = null;
      if (col.default !== undefined) {
        const d = defaultExpression(col.default);
        const r = d ? evaluate(d, col, dateFormat) : undefined;
        if (r && 'value' in r) row[i] = r.value;
      }
    }
    spool.push(row as Row);
  }
}
