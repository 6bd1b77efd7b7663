/**
 * A folder of data files named after the tables: `<schema>.<table>.csv|parquet` or
 * `<table>.csv|parquet` (case-insensitive). CSV: RFC 4180 quoting; the delimiter (`,` `|` tab `;`)
 * and a header row are recognised from the first line (a header maps fields to columns by name,
 * otherwise fields are positional). Parquet is read by an in-memory DuckDB, streamed chunk by chunk
 * as text and handed to the same bulk path as every other source.
 */
import { closeSync, openSync, readdirSync, readSync } from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { diagnostic } from '../../diagnostics/index.js';
import type { Row, Table } from '../model.js';
import { readText, shown } from '../values.js';
import { readDelimited } from './delimited.js';
import { checkAborted, type SourceContext, type TableData } from './source.js';
import { textRows } from './text-rows.js';

export function folderFile(dataDir: string, table: Table): { file: string; kind: 'csv' | 'parquet' } | undefined {
  let names: string[];
  try {
    names = readdirSync(dataDir);
  } catch {
    return undefined;
  }
  const lower = new Map(names.map((n) => [n.toLowerCase(), n]));
  for (const stem of [`${table.schema}.${table.name}`, table.name]) {
    for (const kind of ['parquet', 'csv'] as const) {
      const hit = lower.get(`${stem}.${kind}`.toLowerCase());
      if (hit) return { file: path.join(dataDir, hit), kind };
    }
  }
  return undefined;
}

function firstLine(file: string): string {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    let text = buf.subarray(0, n);
    let enc: 'utf-8' | 'utf-16le' = 'utf-8';
    if (text[0] === 0xff && text[1] === 0xfe) {
      enc = 'utf-16le';
      text = text.subarray(2);
    }
    const s = new TextDecoder(enc).decode(text).replace(/^\uFEFF/, '');
    return s.split(/\r?\n/)[0] ?? '';
  } finally {
    closeSync(fd);
  }
}

const unquote = (s: string) => s.trim().replace(/^"(.*)"$/, '$1').replace(/""/g, '"');

export function csvData(file: string): TableData {
  return {
    kind: 'csv',
    from: [file],
    async *batches(ctx: SourceContext): AsyncGenerator<Row[]> {
      const line = firstLine(file);
      const names = ctx.columns.map((c) => c.name.toLowerCase());
      const delimiters = [',', '|', '\t', ';'];
      const delimiter = delimiters.find((d) => line.split(d).length === names.length)
        ?? delimiters.find((d) => line.split(d).map(unquote).every((f) => names.includes(f.toLowerCase())) && line.includes(d)) ?? ',';
      const first = line.split(delimiter).map(unquote);
      const header = first.length > 0 && first.every((f) => names.includes(f.toLowerCase()));
      const fieldOf = header ? names.map((n) => first.findIndex((f) => f.toLowerCase() === n)) : names.map((_, i) => i);
      const records = readDelimited(file, {
        fieldTerminator: delimiter, rowTerminator: '\n', lfMatchesCrLf: true, encoding: 'utf-8', quote: '"',
        firstRow: header ? 2 : 1, ...(ctx.signal ? { signal: ctx.signal } : {}),
      });
      yield* textRows(records, ctx, { fieldOf, expectedFields: header ? first.length : names.length, file, fieldTerminatorLength: delimiter.length });
    },
  };
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`;
const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

export function parquetData(file: string): TableData {
  return {
    kind: 'parquet',
    from: [file],
    async *batches(ctx: SourceContext): AsyncGenerator<Row[]> {
      const instance = await DuckDBInstance.create(':memory:');
      const conn = await instance.connect();
      try {
        const described = (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet(${sqlString(file)})`)).getRows();
        const fileCols = described.map((r) => ({ name: String(r[0]), type: String(r[1]) }));
        const picks = ctx.columns.map((c) => fileCols.find((f) => f.name.toLowerCase() === c.name.toLowerCase()));
        const exprs = picks.map((f) => (!f ? 'NULL' : f.type === 'BLOB' ? `hex(${quoteIdent(f.name)})` : `CAST(${quoteIdent(f.name)} AS VARCHAR)`));
        const result = await conn.stream(`SELECT ${exprs.join(', ')} FROM read_parquet(${sqlString(file)})`);
        let batch: Row[] = [];
        for (;;) {
          const chunk = await result.fetchChunk();
          if (!chunk || chunk.rowCount === 0) break;
          checkAborted(ctx.signal);
          for (const values of chunk.getRows()) {
            const row: Row = values.map((v, i) => {
              if (v === null || v === undefined) return null;
              const col = ctx.columns[i]!;
              const text = String(v);
              const cell = col.kind === 'string' ? text : readText(text, col.kind);
              if (cell === undefined) {
                ctx.report(diagnostic('MD5103', { value: shown(text), type: col.type.name, column: col.name, table: ctx.tableName }, { file, line: 0, col: 0, offset: 0, end: 0 }));
                return null;
              }
              return cell;
            });
            batch.push(row);
          }
          if (batch.length >= ctx.batchRows) {
            yield batch;
            batch = [];
          }
        }
        if (batch.length) yield batch;
      } finally {
        conn.closeSync();
        instance.closeSync();
      }
    },
  };
}
