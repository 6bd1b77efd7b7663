import type { Identifier, NodeBase, ObjectName, RawTokens } from './base.js';
import type { ColumnRef, Expression, MethodCall, Variable } from './expressions.js';
import type { Query, SelectItem, TableHint, TableSource, Top, WithClause } from './queries.js';
import type { ExecuteProcedure, ExecuteString } from './procedural.js';

export interface SelectStatement extends NodeBase {
  readonly kind: 'SelectStatement';
  readonly with?: WithClause;
  readonly query: Query;
  /** OPTION (…) query hints, kept verbatim. */
  readonly option?: RawTokens;
}

/** Where rows go: a table (with hints), a table variable, or OPENQUERY/OPENROWSET. */
export type DmlTarget = TableSource;

export interface OutputClause extends NodeBase {
  readonly kind: 'OutputClause';
  readonly columns: readonly SelectItem[];
  readonly into?: { readonly target: ObjectName | Variable; readonly columns?: readonly Identifier[] };
}

export type InsertSource =
  | { readonly kind: 'Values'; readonly rows: readonly (readonly Expression[])[] }
  | { readonly kind: 'DefaultValues' }
  | { readonly kind: 'QuerySource'; readonly query: Query }
  | { readonly kind: 'ExecSource'; readonly exec: ExecuteProcedure | ExecuteString };

export interface Insert extends NodeBase {
  readonly kind: 'Insert';
  readonly with?: WithClause;
  readonly top?: Top;
  /** `INSERT INTO t` vs `INSERT t` */
  readonly into: boolean;
  readonly target: DmlTarget;
  readonly columns?: readonly Identifier[];
  readonly output?: readonly OutputClause[];
  readonly source: InsertSource;
  readonly option?: RawTokens;
}

export type SetItem =
  | { readonly kind: 'SetColumn'; readonly column: ColumnRef; readonly op: string; readonly expr: Expression }
  | { readonly kind: 'SetVariable'; readonly variable: Variable; readonly op: string; readonly expr: Expression; readonly column?: ColumnRef }
  | { readonly kind: 'SetMethod'; readonly call: MethodCall };

export interface Update extends NodeBase {
  readonly kind: 'Update';
  readonly with?: WithClause;
  readonly top?: Top;
  readonly target: DmlTarget;
  readonly set: readonly SetItem[];
  readonly output?: readonly OutputClause[];
  readonly from?: readonly TableSource[];
  readonly where?: Expression;
  /** `WHERE CURRENT OF cursor` */
  readonly currentOf?: Identifier;
  readonly option?: RawTokens;
}

export interface Delete extends NodeBase {
  readonly kind: 'Delete';
  readonly with?: WithClause;
  readonly top?: Top;
  /** `DELETE FROM t` vs `DELETE t` */
  readonly fromKeyword: boolean;
  readonly target: DmlTarget;
  readonly output?: readonly OutputClause[];
  readonly from?: readonly TableSource[];
  readonly where?: Expression;
  readonly currentOf?: Identifier;
  readonly option?: RawTokens;
}

export type MergeAction =
  | { readonly kind: 'MergeUpdate'; readonly set: readonly SetItem[] }
  | { readonly kind: 'MergeDelete' }
  | { readonly kind: 'MergeInsert'; readonly columns?: readonly Identifier[]; readonly values?: readonly Expression[] };

export interface MergeClause extends NodeBase {
  readonly kind: 'MergeClause';
  readonly match: 'MATCHED' | 'NOT MATCHED' | 'NOT MATCHED BY SOURCE';
  readonly condition?: Expression;
  readonly action: MergeAction;
}

export interface Merge extends NodeBase {
  readonly kind: 'Merge';
  readonly with?: WithClause;
  readonly top?: Top;
  readonly target: DmlTarget;
  readonly using: TableSource;
  readonly on: Expression;
  readonly clauses: readonly MergeClause[];
  readonly output?: readonly OutputClause[];
  readonly option?: RawTokens;
}

export interface Truncate extends NodeBase {
  readonly kind: 'Truncate';
  readonly table: ObjectName;
  readonly partitions?: RawTokens;
}

export interface BulkInsert extends NodeBase {
  readonly kind: 'BulkInsert';
  readonly table: ObjectName;
  readonly file: Expression;
  readonly options: readonly { readonly name: string; readonly value?: Expression }[];
}

export type { TableHint };
