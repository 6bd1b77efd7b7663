import type { Identifier, NodeBase, ObjectName, RawTokens } from './base.js';
import type { Expression, FunctionCall, OrderItem, Variable, WindowSpec } from './expressions.js';
import type { DataType } from './types.js';

/** A query expression with its ORDER BY / OFFSET / FOR clauses (allowed in subqueries too). */
export interface Query extends NodeBase {
  readonly kind: 'Query';
  readonly body: QueryBody;
  readonly orderBy?: readonly OrderItem[];
  readonly offset?: Expression;
  readonly fetch?: Expression;
  readonly forClause?: ForClause;
}

export type QueryBody = QuerySpec | SetOperation | ParenQuery | ValuesQuery;

export interface QuerySpec extends NodeBase {
  readonly kind: 'QuerySpec';
  readonly quantifier?: 'DISTINCT' | 'ALL';
  readonly top?: Top;
  readonly columns: readonly SelectItem[];
  readonly into?: ObjectName;
  readonly from?: readonly TableSource[];
  readonly where?: Expression;
  readonly groupBy?: GroupBy;
  readonly having?: Expression;
  readonly window?: readonly { readonly name: Identifier; readonly spec: WindowSpec }[];
}

export interface SetOperation extends NodeBase {
  readonly kind: 'SetOperation';
  readonly op: 'UNION' | 'UNION ALL' | 'EXCEPT' | 'INTERSECT';
  readonly left: QueryBody;
  readonly right: QueryBody;
}

export interface ParenQuery extends NodeBase {
  readonly kind: 'ParenQuery';
  readonly query: Query;
}

/** A bare `VALUES (…), (…)` used where a query is expected (derived tables, INSERT). */
export interface ValuesQuery extends NodeBase {
  readonly kind: 'ValuesQuery';
  readonly rows: readonly (readonly Expression[])[];
}

export interface Top extends NodeBase {
  readonly kind: 'Top';
  readonly expr: Expression;
  readonly percent: boolean;
  readonly withTies: boolean;
  /** `TOP 10` (legacy, no parentheses) vs `TOP (10)`. */
  readonly parens: boolean;
}

export type SelectItem = SelectColumn | SelectAssign;

export interface SelectColumn extends NodeBase {
  readonly kind: 'SelectColumn';
  readonly expr: Expression;
  readonly alias?: Identifier;
  /** `x AS a`, `x a`, `a = x`, or a string alias `x AS 'a'`. */
  readonly aliasStyle?: 'as' | 'bare' | 'equals' | 'string';
}

/** `SELECT @v = expr` and `@v += expr` */
export interface SelectAssign extends NodeBase {
  readonly kind: 'SelectAssign';
  readonly variable: Variable;
  readonly op: string;
  readonly expr: Expression;
}

export interface GroupBy extends NodeBase {
  readonly kind: 'GroupBy';
  readonly all: boolean;
  readonly items: readonly GroupingItem[];
  /** Legacy `WITH ROLLUP` / `WITH CUBE` after the list. */
  readonly with?: 'ROLLUP' | 'CUBE';
}

export type GroupingItem = Expression | GroupingSet;

export interface GroupingSet extends NodeBase {
  readonly kind: 'GroupingSet';
  readonly type: 'ROLLUP' | 'CUBE' | 'GROUPING SETS' | 'LIST';
  readonly items: readonly GroupingItem[];
}

export interface ForClause extends NodeBase {
  readonly kind: 'ForClause';
  readonly type: 'XML' | 'JSON' | 'BROWSE';
  /** RAW, AUTO, PATH, EXPLICIT for XML; AUTO, PATH for JSON. */
  readonly mode?: string;
  readonly modeArg?: Expression;
  readonly options: readonly { readonly name: string; readonly arg?: Expression }[];
}

export interface WithClause extends NodeBase {
  readonly kind: 'WithClause';
  readonly xmlNamespaces?: readonly { readonly uri: Expression; readonly prefix?: Identifier; readonly isDefault: boolean }[];
  readonly ctes: readonly CommonTableExpression[];
}

export interface CommonTableExpression extends NodeBase {
  readonly kind: 'CommonTableExpression';
  readonly name: Identifier;
  readonly columns?: readonly Identifier[];
  readonly query: Query;
}

// ---- table sources ----

export type TableSource =
  | TableRef
  | DerivedTable
  | TableFunction
  | VariableTable
  | Join
  | ParenTableSource
  | Pivot
  | Unpivot
  | OpenJson
  | OpenXml
  | OpenRowset;

export interface TableHint extends NodeBase {
  readonly kind: 'TableHint';
  readonly name: string;
  readonly args: readonly Expression[];
}

export interface TableSample extends NodeBase {
  readonly kind: 'TableSample';
  readonly system: boolean;
  readonly size: Expression;
  readonly unit: 'PERCENT' | 'ROWS';
  readonly repeatable?: Expression;
}

export interface ForSystemTime extends NodeBase {
  readonly kind: 'ForSystemTime';
  readonly type: 'AS OF' | 'FROM' | 'BETWEEN' | 'CONTAINED IN' | 'ALL';
  readonly args: readonly Expression[];
}

export interface TableRef extends NodeBase {
  readonly kind: 'TableRef';
  readonly name: ObjectName;
  readonly alias?: Identifier;
  readonly forSystemTime?: ForSystemTime;
  readonly tableSample?: TableSample;
  readonly hints?: readonly TableHint[];
  /** `FROM t (NOLOCK)`: hints without WITH, a deprecated spelling we still accept. */
  readonly legacyHints?: boolean;
}

export interface DerivedTable extends NodeBase {
  readonly kind: 'DerivedTable';
  readonly query: Query;
  readonly alias?: Identifier;
  readonly columns?: readonly Identifier[];
}

/** A table-valued function, STRING_SPLIT, OPENQUERY, or an XML `.nodes()` method. */
export interface TableFunction extends NodeBase {
  readonly kind: 'TableFunction';
  readonly call: FunctionCall | Expression;
  readonly alias?: Identifier;
  readonly columns?: readonly Identifier[];
}

export interface VariableTable extends NodeBase {
  readonly kind: 'VariableTable';
  readonly variable: Variable;
  readonly alias?: Identifier;
}

export interface Join extends NodeBase {
  readonly kind: 'Join';
  readonly type: 'INNER' | 'LEFT' | 'RIGHT' | 'FULL' | 'CROSS' | 'CROSS APPLY' | 'OUTER APPLY';
  readonly hint?: 'LOOP' | 'HASH' | 'MERGE' | 'REMOTE';
  readonly left: TableSource;
  readonly right: TableSource;
  readonly on?: Expression;
}

export interface ParenTableSource extends NodeBase {
  readonly kind: 'ParenTableSource';
  readonly source: TableSource;
  readonly alias?: Identifier;
}

export interface Pivot extends NodeBase {
  readonly kind: 'Pivot';
  readonly source: TableSource;
  readonly aggregate: FunctionCall;
  readonly column: Expression;
  readonly values: readonly Identifier[];
  readonly alias: Identifier;
}

export interface Unpivot extends NodeBase {
  readonly kind: 'Unpivot';
  readonly source: TableSource;
  readonly valueColumn: Identifier;
  readonly nameColumn: Identifier;
  readonly columns: readonly Identifier[];
  readonly alias: Identifier;
}

export interface SchemaColumn {
  readonly name: Identifier;
  readonly type?: DataType;
  readonly path?: Expression;
  readonly asJson?: boolean;
}

export interface OpenJson extends NodeBase {
  readonly kind: 'OpenJson';
  readonly expr: Expression;
  readonly path?: Expression;
  readonly with?: readonly SchemaColumn[];
  readonly alias?: Identifier;
}

export interface OpenXml extends NodeBase {
  readonly kind: 'OpenXml';
  readonly args: readonly Expression[];
  readonly with?: readonly SchemaColumn[] | ObjectName;
  readonly alias?: Identifier;
}

/** OPENROWSET / OPENDATASOURCE / OPENQUERY kept with their arguments as written. */
export interface OpenRowset extends NodeBase {
  readonly kind: 'OpenRowset';
  readonly fn: string;
  readonly args: RawTokens;
  readonly alias?: Identifier;
  readonly columns?: readonly Identifier[];
  /** `OPENDATASOURCE(…).db.schema.table` */
  readonly member?: ObjectName;
}
