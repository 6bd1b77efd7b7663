/**
 * The loader's contract: what `loadSourceData` is asked to do and what it reports. Plain data
 * (JSON-serialisable reports) so the orchestrator can store them in migration_state.json.
 */
import type { Catalog, Table } from '../catalog/model.js';
import type { Diagnostic } from '../diagnostics/index.js';
import type { RawRelation } from '../plan/model.js';

export type LoadTarget = { readonly kind: 'duckdb'; readonly path: string } | { readonly kind: 'postgres'; readonly url: string };

/** Where a table's rows came from. */
export type DataSourceKind = 'script-inserts' | 'bulk-insert' | 'bacpac' | 'csv' | 'parquet' | 'live' | 'none';

export interface LoadTableInput {
  readonly table: Table;
  readonly raw: RawRelation;
}

export interface LoadProgress {
  /** `schema.name` of the source table. */
  readonly table: string;
  readonly phase: 'start' | 'rows' | 'done';
  readonly rows: number;
  readonly index: number;
  readonly total: number;
}

export interface LoadOptions {
  readonly catalog: Catalog;
  readonly tables: readonly LoadTableInput[];
  /** The user's inputs (script files/folders, .sqlproj, .bacpac, mssql:// URL), as given to extract. */
  readonly inputs: readonly string[];
  readonly target: LoadTarget;
  /** A folder of `<schema>.<table>.csv|parquet` or `<table>.csv|parquet` files; wins over every other source. */
  readonly dataDir?: string;
  /** sqlcmd variables (`--var`), e.g. SqlSamplesSourceDataPath for BULK INSERT paths. */
  readonly vars?: Readonly<Record<string, string>>;
  readonly onProgress?: (p: LoadProgress) => void;
  readonly signal?: AbortSignal;
  /** Rows handed to the engine per write (default 10,000). */
  readonly batchRows?: number;
}

export interface TableLoadReport {
  /** Source table. */
  readonly schema: string;
  readonly name: string;
  readonly raw: RawRelation;
  readonly source: DataSourceKind;
  /** Files, package parts or server the rows came from. */
  readonly from: readonly string[];
  readonly rows: number;
  readonly seconds: number;
  /** loaded: committed (possibly with skipped rows, see diagnostics); empty: no data anywhere; failed: rolled back. */
  readonly status: 'loaded' | 'empty' | 'failed' | 'cancelled';
  readonly diagnostics: readonly Diagnostic[];
}

export interface LoadReport {
  readonly target: LoadTarget['kind'];
  readonly tables: readonly TableLoadReport[];
  readonly rows: number;
  readonly seconds: number;
  /** Findings not about one table (inputs, connection). */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * One value on its way to the engine: canonical text for the column's target type (ISO dates,
 * plain decimal digits, '0'/'1' for bit), bytes for binary columns, or NULL.
 */
export type Cell = string | Uint8Array | null;
export type Row = Cell[];

export type { Catalog, Table };
