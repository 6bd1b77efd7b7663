/** Public types of the evaluator: options in, one JSON-friendly DiffResult out. */

/** The engines a relation can live on. */
export type Engine = 'duckdb' | 'postgres' | 'mssql';

/** A table (schema.table or table) or a query whose result is compared. */
export type RelationRef = { readonly table: string } | { readonly query: string };

/** How strings are compared: `cs` exactly; `ci` as a case-insensitive SQL Server collation (trailing spaces and case ignored). */
export type CollationMode = 'cs' | 'ci';

export interface DiffOptions {
  /** A URL (duckdb:///abs/file.db, postgres://…, mssql://…) or an open connector. */
  readonly source: string | import('./connector.js').Connector;
  readonly target: string | import('./connector.js').Connector;
  readonly sourceRelation: RelationRef;
  readonly targetRelation: RelationRef;
  /** Key columns (source names). Without a key, rows are compared as a multiset of row hashes. */
  readonly key?: readonly string[];
  /** Source columns to compare (default: every source column). */
  readonly columns?: readonly string[];
  /** Source name → target name, for columns the migration renamed. */
  readonly renames?: Readonly<Record<string, string>>;
  /** A SQL predicate applied on both sides (written in a syntax both engines accept). */
  readonly where?: string;
  /** Relative float tolerance (default 1e-9; at least 1e-6 when either side is a 4-byte real). */
  readonly tolerance?: number;
  /** Source collation for strings (default `cs`). */
  readonly collation?: CollationMode;
  /** Compute column profiles (default true). */
  readonly profile?: boolean;
  /** At most this many keys/rows per difference kind in `samples` (default 20). */
  readonly sampleLimit?: number;
  /** Statement time-out in ms for every query (default 300000). */
  readonly timeoutMs?: number;
  /** Stop bisecting a segment when it holds at most this many rows (default 1000). */
  readonly maxSegmentRows?: number;
  /** At most this many rows fetched per side to compare row by row (default 1000000); beyond it the result is incomplete. */
  readonly maxFetchRows?: number;
}

export type Status = 'verified' | 'mismatch' | 'unverifiable';

/** How two values of one column differ. `null-vs-empty` is never folded into equality. */
export type ValueDifferenceKind = 'value' | 'null-vs-empty' | 'trailing-spaces' | 'case';

export type SchemaDifferenceKind =
  | 'missing-in-target'
  | 'missing-in-source'
  | 'type'
  | 'precision'
  | 'scale'
  | 'length'
  | 'nullability';

export interface SchemaDifference {
  readonly kind: SchemaDifferenceKind;
  readonly detail: string;
  /** False for differences that cannot change data (a wider type, a nullable target column). */
  readonly blocking: boolean;
}

export interface ProfileStats {
  readonly nonNull: number;
  readonly nulls: number;
  readonly distinct: number | null;
  readonly min: string | null;
  readonly max: string | null;
  readonly sum: string | null;
  readonly avg: number | null;
  readonly minLength: number | null;
  readonly maxLength: number | null;
}

export interface ColumnDiff {
  readonly source: string | null;
  readonly target: string | null;
  readonly sourceType: string | null;
  readonly targetType: string | null;
  /** How values are compared (the normalisation rule chosen for this pair of types). */
  readonly comparedAs: string | null;
  readonly schema: readonly SchemaDifference[];
  /** Rows whose value in this column differs (key mode), by kind. */
  readonly changedRows: number;
  readonly kinds: Partial<Record<ValueDifferenceKind, number>>;
  readonly profile?: { readonly source: ProfileStats; readonly target: ProfileStats; readonly differences: readonly string[] };
}

export interface ChangedValue {
  readonly column: string;
  readonly kind: ValueDifferenceKind;
  readonly source: string | null;
  readonly target: string | null;
}

export interface ChangedRow {
  /** Key values as canonical text, in key order. */
  readonly key: readonly (string | null)[];
  readonly columns: readonly ChangedValue[];
}

export interface DuplicateKey {
  readonly key: readonly (string | null)[];
  readonly source: number;
  readonly target: number;
}

export interface DiffResult {
  readonly status: Status;
  /** 0–100, see README.md "Score". Null when unverifiable. */
  readonly score: number | null;
  readonly reason?: string;
  /** Why an unverifiable result could not be computed: the CLI exits 2 for all three. */
  readonly failure?: 'connection' | 'query' | 'usage';
  readonly source: { readonly engine: Engine; readonly relation: string };
  readonly target: { readonly engine: Engine; readonly relation: string };
  readonly key: readonly string[];
  readonly rowsSource: number;
  readonly rowsTarget: number;
  /** Keys (or, without a key, rows) present in the source and not in the target. */
  readonly missingInTarget: number;
  readonly missingInSource: number;
  /** Rows present on both sides with at least one differing column. */
  readonly changed: number;
  readonly duplicates: number;
  readonly columns: readonly ColumnDiff[];
  readonly samples: {
    readonly missingInTarget: readonly (readonly (string | null)[])[];
    readonly missingInSource: readonly (readonly (string | null)[])[];
    readonly changed: readonly ChangedRow[];
    readonly duplicates: readonly DuplicateKey[];
  };
  /** False when maxFetchRows stopped the row comparison: the counts are lower bounds. */
  readonly complete: boolean;
  /** rowsFetched: (key hash, row hash) pairs of mismatching segments plus full rows of differing keys, both sides. */
  readonly stats: { readonly queries: number; readonly segmentsCompared: number; readonly rowsFetched: number; readonly elapsedMs: number };
}
