import type { Identifier, NodeBase, ObjectName } from './base.js';
import type { Query } from './queries.js';
import type { DataType } from './types.js';

export type Expression =
  | Literal
  | ColumnRef
  | Star
  | Variable
  | SqlcmdVariable
  | Unary
  | Binary
  | Between
  | InList
  | InSubquery
  | Like
  | IsNull
  | Exists
  | Quantified
  | Case
  | FunctionCall
  | Cast
  | Convert
  | ParseCall
  | ScalarSubquery
  | Paren
  | Collate
  | AtTimeZone
  | MethodCall
  | StaticMethodCall
  | NextValueFor
  | OdbcEscape
  | DefaultValue;

export interface Literal extends NodeBase {
  readonly kind: 'Literal';
  readonly type: 'string' | 'nstring' | 'integer' | 'decimal' | 'float' | 'money' | 'binary' | 'null';
  /** The value as written: digits for numbers, unescaped content for strings, `0x…` for binary. */
  readonly value: string;
}

/** A column or other unqualified/qualified name used as a value: `c`, `t.c`, `$action`. */
export interface ColumnRef extends NodeBase {
  readonly kind: 'ColumnRef';
  readonly name: ObjectName;
}

/** `*` or `t.*` */
export interface Star extends NodeBase {
  readonly kind: 'Star';
  readonly qualifier?: ObjectName;
}

/** `@local` or `@@GLOBAL` */
export interface Variable extends NodeBase {
  readonly kind: 'Variable';
  readonly name: string;
}

/** sqlcmd `$(Name)` where a value stands. */
export interface SqlcmdVariable extends NodeBase {
  readonly kind: 'SqlcmdVariable';
  readonly name: string;
}

export interface Unary extends NodeBase {
  readonly kind: 'Unary';
  readonly op: '-' | '+' | '~' | 'NOT';
  readonly operand: Expression;
}

export type BinaryOp =
  | '+' | '-' | '*' | '/' | '%' | '&' | '|' | '^'
  | '=' | '<>' | '!=' | '<' | '>' | '<=' | '>=' | '!<' | '!>'
  | 'AND' | 'OR';

export interface Binary extends NodeBase {
  readonly kind: 'Binary';
  readonly op: BinaryOp;
  readonly left: Expression;
  readonly right: Expression;
}

export interface Between extends NodeBase {
  readonly kind: 'Between';
  readonly expr: Expression;
  readonly not: boolean;
  readonly low: Expression;
  readonly high: Expression;
}

export interface InList extends NodeBase {
  readonly kind: 'InList';
  readonly expr: Expression;
  readonly not: boolean;
  readonly list: readonly Expression[];
}

export interface InSubquery extends NodeBase {
  readonly kind: 'InSubquery';
  readonly expr: Expression;
  readonly not: boolean;
  readonly query: Query;
}

export interface Like extends NodeBase {
  readonly kind: 'Like';
  readonly expr: Expression;
  readonly not: boolean;
  readonly pattern: Expression;
  readonly escape?: Expression;
}

export interface IsNull extends NodeBase {
  readonly kind: 'IsNull';
  readonly expr: Expression;
  readonly not: boolean;
}

export interface Exists extends NodeBase {
  readonly kind: 'Exists';
  readonly query: Query;
}

/** `x > ALL (subquery)`, `x = ANY (…)`, `x = SOME (…)` */
export interface Quantified extends NodeBase {
  readonly kind: 'Quantified';
  readonly left: Expression;
  readonly op: BinaryOp;
  readonly quantifier: 'ALL' | 'ANY' | 'SOME';
  readonly query: Query;
}

export interface Case extends NodeBase {
  readonly kind: 'Case';
  /** Present for the simple form `CASE x WHEN 1 THEN …`. */
  readonly operand?: Expression;
  readonly whens: readonly { readonly when: Expression; readonly then: Expression }[];
  readonly else?: Expression;
}

export interface OrderItem extends NodeBase {
  readonly kind: 'OrderItem';
  readonly expr: Expression;
  readonly direction?: 'ASC' | 'DESC';
}

export interface FrameBound {
  readonly type: 'UNBOUNDED PRECEDING' | 'UNBOUNDED FOLLOWING' | 'CURRENT ROW' | 'PRECEDING' | 'FOLLOWING';
  readonly offset?: Expression;
}

export interface WindowSpec extends NodeBase {
  readonly kind: 'WindowSpec';
  /** `OVER w` or `OVER (w …)` referring to a WINDOW clause. */
  readonly name?: Identifier;
  readonly partitionBy: readonly Expression[];
  readonly orderBy: readonly OrderItem[];
  readonly frame?: { readonly unit: 'ROWS' | 'RANGE'; readonly start: FrameBound; readonly end?: FrameBound };
}

export interface FunctionCall extends NodeBase {
  readonly kind: 'FunctionCall';
  readonly name: ObjectName;
  readonly args: readonly Expression[];
  readonly quantifier?: 'DISTINCT' | 'ALL';
  /** `WITHIN GROUP (ORDER BY …)` for STRING_AGG, PERCENTILE_CONT … */
  readonly withinGroup?: readonly OrderItem[];
  readonly over?: WindowSpec;
  /** `IGNORE NULLS` / `RESPECT NULLS` on LAG/LEAD/FIRST_VALUE (SQL Server 2022). */
  readonly nulls?: 'IGNORE NULLS' | 'RESPECT NULLS';
  /** CURRENT_TIMESTAMP, USER, … written without parentheses. */
  readonly niladic?: boolean;
  /**
   * `TRIM([LEADING | TRAILING | BOTH] [chars FROM] s)` (SQL Server 2022): `args` are then `[s]` or
   * `[s, chars]`, and this records the side as written (undefined: none) for printing back.
   */
  readonly trim?: { readonly side?: 'LEADING' | 'TRAILING' | 'BOTH' };
}

export interface Cast extends NodeBase {
  readonly kind: 'Cast';
  readonly fn: 'CAST' | 'TRY_CAST';
  readonly expr: Expression;
  readonly type: DataType;
}

export interface Convert extends NodeBase {
  readonly kind: 'Convert';
  readonly fn: 'CONVERT' | 'TRY_CONVERT';
  readonly type: DataType;
  readonly expr: Expression;
  readonly style?: Expression;
}

export interface ParseCall extends NodeBase {
  readonly kind: 'ParseCall';
  readonly fn: 'PARSE' | 'TRY_PARSE';
  readonly expr: Expression;
  readonly type: DataType;
  readonly culture?: Expression;
}

export interface ScalarSubquery extends NodeBase {
  readonly kind: 'ScalarSubquery';
  readonly query: Query;
}

/** Parentheses the user wrote; kept so printing preserves their grouping exactly. */
export interface Paren extends NodeBase {
  readonly kind: 'Paren';
  readonly expr: Expression;
}

export interface Collate extends NodeBase {
  readonly kind: 'Collate';
  readonly expr: Expression;
  readonly collation: string;
}

export interface AtTimeZone extends NodeBase {
  readonly kind: 'AtTimeZone';
  readonly expr: Expression;
  readonly zone: Expression;
}

/** `x.value('(/a)[1]', 'int')`, `@doc.nodes('/r')`, `col.ToString()` */
export interface MethodCall extends NodeBase {
  readonly kind: 'MethodCall';
  readonly target: Expression;
  readonly method: Identifier;
  readonly args: readonly Expression[];
}

/** `geography::Point(1, 2, 4326)`, `hierarchyid::GetRoot()` */
export interface StaticMethodCall extends NodeBase {
  readonly kind: 'StaticMethodCall';
  readonly type: ObjectName;
  readonly method: Identifier;
  readonly args?: readonly Expression[];
}

export interface NextValueFor extends NodeBase {
  readonly kind: 'NextValueFor';
  readonly sequence: ObjectName;
  readonly over?: readonly OrderItem[];
}

/** ODBC escapes `{fn UCASE(x)}`, `{d '2020-01-01'}`, `{ts '…'}` */
export interface OdbcEscape extends NodeBase {
  readonly kind: 'OdbcEscape';
  readonly type: string;
  readonly expr: Expression;
}

/** `DEFAULT` in VALUES lists, SET col = DEFAULT, and procedure arguments. */
export interface DefaultValue extends NodeBase {
  readonly kind: 'DefaultValue';
}
