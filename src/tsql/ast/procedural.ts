import type { Identifier, NodeBase, ObjectName, RawTokens } from './base.js';
import type { Expression, Variable } from './expressions.js';
import type { Query } from './queries.js';
import type { Statement } from './statements.js';
import type { TableElement } from './ddl.js';
import type { DataType } from './types.js';

export type DeclareItem =
  | { readonly kind: 'DeclareVariable'; readonly name: Variable; readonly type: DataType; readonly init?: Expression }
  | { readonly kind: 'DeclareTable'; readonly name: Variable; readonly elements: readonly TableElement[] }
  /** `DECLARE @c CURSOR` (a cursor variable) */
  | { readonly kind: 'DeclareCursorVariable'; readonly name: Variable };

export interface Declare extends NodeBase {
  readonly kind: 'Declare';
  readonly items: readonly DeclareItem[];
}

export interface DeclareCursor extends NodeBase {
  readonly kind: 'DeclareCursor';
  readonly name: Identifier;
  /** LOCAL, GLOBAL, FORWARD_ONLY, SCROLL, STATIC, KEYSET, DYNAMIC, FAST_FORWARD, READ_ONLY, … (and ISO INSENSITIVE/SCROLL before CURSOR). */
  readonly options: readonly string[];
  readonly query: Query;
  readonly forUpdate?: { readonly readOnly?: boolean; readonly columns?: readonly Identifier[] };
}

/** `SET @v = expr`, `SET @v += expr`, `SET @cursor = CURSOR FOR …` */
export interface SetVariable extends NodeBase {
  readonly kind: 'SetVariable';
  readonly variable: Variable;
  readonly op: string;
  readonly expr: Expression;
  /** Set for `SET @c = CURSOR [options] FOR …`, whose query is then `expr` (a ScalarSubquery). */
  readonly cursorOptions?: readonly string[];
}

/** `SET NOCOUNT ON`, `SET IDENTITY_INSERT t ON`, `SET ROWCOUNT 10`, `SET TRANSACTION ISOLATION LEVEL …` */
export interface SetOption extends NodeBase {
  readonly kind: 'SetOption';
  readonly options: readonly string[];
  readonly target?: ObjectName;
  readonly value: RawTokens;
}

export interface If extends NodeBase {
  readonly kind: 'If';
  readonly condition: Expression;
  readonly then: Statement;
  readonly else?: Statement;
}

export interface While extends NodeBase {
  readonly kind: 'While';
  readonly condition: Expression;
  readonly body: Statement;
}

export interface Block extends NodeBase {
  readonly kind: 'Block';
  readonly statements: readonly Statement[];
  /** `BEGIN ATOMIC WITH (…)` in natively compiled modules. */
  readonly atomic?: RawTokens;
}

export interface TryCatch extends NodeBase {
  readonly kind: 'TryCatch';
  readonly tryBlock: readonly Statement[];
  readonly catchBlock: readonly Statement[];
}

export interface Return extends NodeBase {
  readonly kind: 'Return';
  readonly expr?: Expression;
}

export interface Break extends NodeBase { readonly kind: 'Break' }
export interface Continue extends NodeBase { readonly kind: 'Continue' }

export interface Goto extends NodeBase {
  readonly kind: 'Goto';
  readonly label: Identifier;
}

export interface Label extends NodeBase {
  readonly kind: 'Label';
  readonly name: Identifier;
}

export interface WaitFor extends NodeBase {
  readonly kind: 'WaitFor';
  readonly type: 'DELAY' | 'TIME';
  readonly expr: Expression;
}

export interface Throw extends NodeBase {
  readonly kind: 'Throw';
  readonly args?: readonly [Expression, Expression, Expression];
}

export interface Raiserror extends NodeBase {
  readonly kind: 'Raiserror';
  readonly args: readonly Expression[];
  readonly options: readonly string[];
  /** Legacy `RAISERROR 50001 'msg'` without parentheses. */
  readonly legacy: boolean;
}

export interface Print extends NodeBase {
  readonly kind: 'Print';
  readonly expr: Expression;
}

export interface Transaction extends NodeBase {
  readonly kind: 'Transaction';
  readonly action: 'BEGIN' | 'BEGIN DISTRIBUTED' | 'COMMIT' | 'ROLLBACK' | 'SAVE';
  /** TRAN vs TRANSACTION vs WORK vs none, as written. */
  readonly keyword?: 'TRANSACTION' | 'TRAN' | 'WORK';
  readonly name?: Identifier | Variable;
  readonly options?: RawTokens;
}

export interface CursorStatement extends NodeBase {
  readonly kind: 'CursorStatement';
  readonly action: 'OPEN' | 'CLOSE' | 'DEALLOCATE';
  readonly global: boolean;
  readonly cursor: Identifier | Variable;
}

export interface Fetch extends NodeBase {
  readonly kind: 'Fetch';
  /** NEXT, PRIOR, FIRST, LAST, ABSOLUTE n, RELATIVE n; absent when FROM follows directly. */
  readonly direction?: string;
  readonly offset?: Expression;
  readonly fromKeyword: boolean;
  readonly global: boolean;
  readonly cursor: Identifier | Variable;
  readonly into?: readonly Variable[];
}

export interface ExecArgument {
  readonly name?: string;
  readonly value: Expression;
  readonly output: boolean;
}

/** `EXEC [@rc =] proc args [WITH RECOMPILE | RESULT SETS …]` */
export interface ExecuteProcedure extends NodeBase {
  readonly kind: 'ExecuteProcedure';
  readonly keyword: 'EXEC' | 'EXECUTE' | 'NONE';
  readonly returnStatus?: Variable;
  readonly procedure: ObjectName | Variable;
  readonly args: readonly ExecArgument[];
  readonly options?: RawTokens;
}

/** `EXEC (@sql)`, `EXEC ('…' + @x) AT linked_server`: dynamic SQL. */
export interface ExecuteString extends NodeBase {
  readonly kind: 'ExecuteString';
  readonly keyword: 'EXEC' | 'EXECUTE';
  readonly parts: readonly Expression[];
  readonly args?: readonly Expression[];
  readonly tail?: RawTokens;
}

export interface Use extends NodeBase {
  readonly kind: 'Use';
  readonly database: Identifier;
}

/** An `EXECUTE AS` / `REVERT` context switch. */
export interface ExecuteAs extends NodeBase {
  readonly kind: 'ExecuteAs';
  readonly revert: boolean;
  readonly tokens: RawTokens;
}
