/**
 * Delimited records → rows: fields matched to columns, each read as its column's kind; a record
 * with the wrong number of fields is skipped and a bad value loaded as NULL, both reported at
 * file:line(:col) so the rest of the file still loads.
 */
import { diagnostic } from '../../diagnostics/index.js';
import type { Row } from '../model.js';
import { readText, shown } from '../values.js';
import type { DelimitedRecord } from './delimited.js';
import { checkAborted, type SourceContext } from './source.js';

export interface TextRowsOptions {
  /** For each raw-table column, the index of its field in a record (-1: none, loaded as NULL). */
  readonly fieldOf: readonly number[];
  /** Fields a record must have. */
  readonly expectedFields: number;
  /** File name as shown in diagnostics. */
  readonly file: string;
  /** Field separator length and per-field positions are only known for single-line records. */
  readonly fieldTerminatorLength: number;
  /** Identity columns take seed + n × increment instead of the file's values (BULK INSERT without KEEPIDENTITY). */
  readonly generateIdentity?: boolean;
}

const span = (file: string, line: number, col: number) => ({ file, line, col, offset: 0, end: 0 });

export async function* textRows(records: AsyncIterable<DelimitedRecord>, ctx: SourceContext, o: TextRowsOptions): AsyncGenerator<Row[]> {
  const { columns } = ctx;
  let batch: Row[] = [];
  let n = 0;
  for await (const rec of records) {
    if (rec.fields.length !== o.expectedFields) {
      // A blank last line is not a row.
      if (rec.fields.length === 1 && rec.fields[0] === null) continue;
      ctx.report(diagnostic('MD5102', { found: rec.fields.length, table: ctx.tableName, expected: o.expectedFields }, span(o.file, rec.line, 1)));
      continue;
    }
    const row: Row = new Array(columns.length);
    for (let c = 0; c < columns.length; c++) {
      const col = columns[c]!;
      if (o.generateIdentity && col.identity) {
        row[c] = String(col.identity.seed + n * col.identity.increment);
        continue;
      }
      const i = o.fieldOf[c]!;
      const text = i < 0 ? null : rec.fields[i]!;
      if (text === null) {
        row[c] = null;
        continue;
      }
      const v = col.kind === 'string' ? text : readText(text, col.kind);
      if (v === undefined) {
        let at = 1;
        for (let k = 0; k < i; k++) at += (rec.fields[k]?.length ?? 0) + o.fieldTerminatorLength;
        ctx.report(diagnostic('MD5103', { value: shown(text), type: col.type.name, column: col.name, table: ctx.tableName }, span(o.file, rec.line, at)));
        row[c] = null;
      } else row[c] = v;
    }
    n++;
    batch.push(row);
    if (batch.length >= ctx.batchRows) {
      checkAborted(ctx.signal);
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}
