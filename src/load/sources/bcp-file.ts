/**
 * BCP widenative bytes (a file, or a .bacpac part streamed out of the zip) → batches of rows.
 * Damage (a truncated last row, a length that fits no column) is reported with the byte offset;
 * the rows decoded before it are kept.
 */
import { createReadStream } from 'node:fs';
import { diagnostic } from '../../diagnostics/index.js';
import type { Row } from '../model.js';
import { BcpDecoder, BcpFormatError, bcpFields } from './bcp-native.js';
import { checkAborted, type SourceContext } from './source.js';

export async function* bcpRows(chunks: AsyncIterable<Buffer>, part: string, ctx: SourceContext): AsyncGenerator<Row[]> {
  const fields = bcpFields(ctx.columns);
  if (!Array.isArray(fields)) {
    ctx.report(diagnostic('MD5111', { column: fields.column.name, table: ctx.tableName, type: fields.type, reader: 'BCP' }));
    return;
  }
  const decoder = new BcpDecoder(fields);
  let batch: Row[] = [];
  try {
    for await (const chunk of chunks) {
      checkAborted(ctx.signal);
      for (const row of decoder.push(chunk)) {
        batch.push(row);
        if (batch.length >= ctx.batchRows) {
          yield batch;
          batch = [];
        }
      }
    }
  } catch (err) {
    if (!(err instanceof BcpFormatError)) throw err;
    if (batch.length) yield batch;
    ctx.report(diagnostic('MD5104', { table: ctx.tableName, part, offset: err.offset, reason: err.message, rows: decoder.rows }, { file: part, line: 1, col: 1, offset: err.offset, end: err.offset }));
    return;
  }
  if (batch.length) yield batch;
  const left = decoder.end();
  if (left) {
    ctx.report(diagnostic('MD5104', { table: ctx.tableName, part, offset: left.offset, reason: 'the data ends inside a row', rows: decoder.rows }, { file: part, line: 1, col: 1, offset: left.offset, end: left.offset }));
  }
}

export function bcpFileRows(file: string, ctx: SourceContext): AsyncGenerator<Row[]> {
  return bcpRows(createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>, file, ctx);
}
