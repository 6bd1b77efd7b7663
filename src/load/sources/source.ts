/** What every data source gives the loader: batches of rows in the raw table's column order. */
import type { Diagnostic } from '../../diagnostics/index.js';
import type { LoadColumn } from '../columns.js';
import type { DataSourceKind, Row, Table } from '../model.js';

export interface SourceContext {
  readonly table: Table;
  /** `schema.name`, for messages. */
  readonly tableName: string;
  readonly columns: readonly LoadColumn[];
  readonly report: (d: Diagnostic) => void;
  readonly signal?: AbortSignal;
  readonly batchRows: number;
}

export interface TableData {
  readonly kind: DataSourceKind;
  /** Files, parts or server the rows come from. */
  readonly from: readonly string[];
  batches(ctx: SourceContext): AsyncIterable<Row[]>;
}

export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('load aborted');
}
