import type { Identifier, NodeBase, ObjectName, RawTokens } from './base.js';
import type { Expression, Variable } from './expressions.js';
import type { Query, WithClause } from './queries.js';
import type { Statement } from './statements.js';
import type { DataType } from './types.js';

/** CREATE / ALTER / CREATE OR ALTER */
export type CreateMode = 'CREATE' | 'ALTER' | 'CREATE OR ALTER';

export interface IndexColumn {
  readonly name: Identifier;
  readonly direction?: 'ASC' | 'DESC';
}

export type KeyConstraint =
  | { readonly kind: 'PrimaryKey' | 'Unique'; readonly clustered?: 'CLUSTERED' | 'NONCLUSTERED' | 'NONCLUSTERED HASH' | 'CLUSTERED COLUMNSTORE'; readonly columns?: readonly IndexColumn[]; readonly options?: RawTokens }
  | { readonly kind: 'ForeignKey'; readonly columns?: readonly Identifier[]; readonly refTable: ObjectName; readonly refColumns?: readonly Identifier[]; readonly onDelete?: string; readonly onUpdate?: string; readonly notForReplication: boolean }
  | { readonly kind: 'Check'; readonly expr: Expression; readonly notForReplication: boolean }
  | { readonly kind: 'Default'; readonly expr: Expression; readonly forColumn?: Identifier; readonly withValues?: boolean }
  | { readonly kind: 'Connection'; readonly tokens: RawTokens };

export interface Constraint extends NodeBase {
  readonly kind: 'Constraint';
  readonly name?: Identifier;
  readonly constraint: KeyConstraint;
}

export interface ColumnDefinition extends NodeBase {
  readonly kind: 'ColumnDefinition';
  readonly name: Identifier;
  readonly type?: DataType;
  readonly computed?: { readonly expr: Expression; readonly persisted: boolean };
  readonly filestream?: boolean;
  readonly sparse?: boolean;
  readonly collate?: string;
  readonly identity?: { readonly seed?: Expression; readonly increment?: Expression; readonly notForReplication: boolean };
  readonly rowguidcol?: boolean;
  readonly generatedAlways?: string;
  readonly hidden?: boolean;
  readonly masked?: Expression;
  readonly encrypted?: RawTokens;
  readonly nullable?: boolean;
  readonly notForReplication?: boolean;
  /** Inline constraints, including DEFAULT, in source order. */
  readonly constraints: readonly Constraint[];
  readonly index?: TableIndex;
}

/** An inline `INDEX ix (…)` inside CREATE TABLE or a table type/variable. */
export interface TableIndex extends NodeBase {
  readonly kind: 'TableIndex';
  readonly name: Identifier;
  readonly unique: boolean;
  readonly clustered?: string;
  readonly columns?: readonly IndexColumn[];
  readonly options?: RawTokens;
}

export interface PeriodForSystemTime extends NodeBase {
  readonly kind: 'PeriodForSystemTime';
  readonly start: Identifier;
  readonly end: Identifier;
}

export type TableElement = ColumnDefinition | Constraint | TableIndex | PeriodForSystemTime;

export interface CreateTable extends NodeBase {
  readonly kind: 'CreateTable';
  readonly name: ObjectName;
  readonly elements: readonly TableElement[];
  /** `AS FILETABLE`, `AS NODE`, `AS EDGE` */
  readonly as?: string;
  /** ON filegroup/partition scheme, TEXTIMAGE_ON, FILESTREAM_ON and WITH (…) options, verbatim. */
  readonly storage?: RawTokens;
}

export type AlterTableAction =
  | { readonly kind: 'AddElements'; readonly check?: 'WITH CHECK' | 'WITH NOCHECK'; readonly elements: readonly TableElement[] }
  | { readonly kind: 'AlterColumn'; readonly column: ColumnDefinition }
  | { readonly kind: 'DropElements'; readonly ifExists: boolean; readonly elements: readonly { readonly type: 'CONSTRAINT' | 'COLUMN' | 'INDEX' | 'PERIOD'; readonly name: Identifier }[] }
  | { readonly kind: 'CheckConstraints'; readonly check?: 'WITH CHECK' | 'WITH NOCHECK'; readonly enable: boolean; readonly all: boolean; readonly names: readonly Identifier[] }
  | { readonly kind: 'Trigger'; readonly enable: boolean; readonly all: boolean; readonly names: readonly Identifier[] }
  | { readonly kind: 'Other'; readonly tokens: RawTokens };

export interface AlterTable extends NodeBase {
  readonly kind: 'AlterTable';
  readonly name: ObjectName;
  readonly action: AlterTableAction;
}

export interface ViewDefinition extends NodeBase {
  readonly kind: 'CreateView';
  readonly mode: CreateMode;
  readonly name: ObjectName;
  readonly columns?: readonly Identifier[];
  /** SCHEMABINDING, ENCRYPTION, VIEW_METADATA */
  readonly options: readonly string[];
  readonly with?: WithClause;
  readonly query: Query;
  readonly checkOption: boolean;
}

export interface Parameter extends NodeBase {
  readonly kind: 'Parameter';
  readonly name: Variable;
  readonly type: DataType;
  readonly varying: boolean;
  readonly nullability?: 'NULL' | 'NOT NULL';
  readonly default?: Expression;
  readonly output: boolean;
  readonly readonly: boolean;
}

export interface ModuleOption {
  readonly name: string;
  /** `EXECUTE AS OWNER` / `'user'` */
  readonly value?: string;
}

export interface CreateProcedure extends NodeBase {
  readonly kind: 'CreateProcedure';
  readonly mode: CreateMode;
  /** PROC vs PROCEDURE as written */
  readonly keyword: 'PROC' | 'PROCEDURE';
  readonly name: ObjectName;
  readonly number?: number;
  readonly params: readonly Parameter[];
  readonly parenthesizedParams: boolean;
  readonly options: readonly ModuleOption[];
  readonly forReplication: boolean;
  readonly body: readonly Statement[];
  /** CLR procedures: `AS EXTERNAL NAME a.b.c` */
  readonly externalName?: ObjectName;
}

export type FunctionReturns =
  | { readonly kind: 'Scalar'; readonly type: DataType; readonly body: readonly Statement[] }
  | { readonly kind: 'InlineTable'; readonly with?: WithClause; readonly query: Query; readonly parenthesized: boolean }
  | { readonly kind: 'MultiTable'; readonly variable: Variable; readonly elements: readonly TableElement[]; readonly body: readonly Statement[] }
  | { readonly kind: 'External'; readonly type?: DataType; readonly table?: readonly TableElement[]; readonly externalName: ObjectName };

export interface CreateFunction extends NodeBase {
  readonly kind: 'CreateFunction';
  readonly mode: CreateMode;
  readonly name: ObjectName;
  readonly params: readonly Parameter[];
  readonly options: readonly ModuleOption[];
  readonly returns: FunctionReturns;
}

export interface CreateTrigger extends NodeBase {
  readonly kind: 'CreateTrigger';
  readonly mode: CreateMode;
  readonly name: ObjectName;
  /** The table or view, or DATABASE / ALL SERVER for DDL triggers. */
  readonly target: { readonly kind: 'Object'; readonly name: ObjectName } | { readonly kind: 'Database' } | { readonly kind: 'AllServer' };
  readonly options: readonly ModuleOption[];
  readonly timing: 'FOR' | 'AFTER' | 'INSTEAD OF';
  /** INSERT, UPDATE, DELETE, or DDL event names / groups. */
  readonly events: readonly string[];
  readonly withAppend: boolean;
  readonly notForReplication: boolean;
  readonly body: readonly Statement[];
  readonly externalName?: ObjectName;
}

export interface CreateIndex extends NodeBase {
  readonly kind: 'CreateIndex';
  readonly mode: 'CREATE';
  readonly unique: boolean;
  readonly clustered?: 'CLUSTERED' | 'NONCLUSTERED';
  /** rowstore, COLUMNSTORE, XML, PRIMARY XML, SPATIAL */
  readonly type: 'ROWSTORE' | 'COLUMNSTORE' | 'XML' | 'PRIMARY XML' | 'SPATIAL';
  readonly name: Identifier;
  readonly table: ObjectName;
  readonly columns: readonly IndexColumn[];
  readonly include?: readonly Identifier[];
  readonly where?: Expression;
  /** USING XML INDEX …, WITH (…), ON filegroup, verbatim. */
  readonly options?: RawTokens;
}

export interface CreateFulltextIndex extends NodeBase {
  readonly kind: 'CreateFulltextIndex';
  readonly table: ObjectName;
  readonly tokens: RawTokens;
}

export interface CreateSequence extends NodeBase {
  readonly kind: 'CreateSequence';
  readonly mode: 'CREATE' | 'ALTER';
  readonly name: ObjectName;
  readonly type?: DataType;
  /** START WITH, INCREMENT BY, MINVALUE, MAXVALUE, CYCLE, CACHE, RESTART and their NO forms. */
  readonly options: readonly { readonly name: string; readonly value?: Expression }[];
}

export interface CreateType extends NodeBase {
  readonly kind: 'CreateType';
  readonly name: ObjectName;
  readonly from?: DataType;
  readonly nullability?: 'NULL' | 'NOT NULL';
  readonly table?: readonly TableElement[];
  readonly tableOptions?: RawTokens;
  readonly externalName?: ObjectName;
}

export interface CreateSchema extends NodeBase {
  readonly kind: 'CreateSchema';
  readonly name?: Identifier;
  readonly authorization?: Identifier;
  readonly elements: readonly Statement[];
}

export interface CreateSynonym extends NodeBase {
  readonly kind: 'CreateSynonym';
  readonly name: ObjectName;
  readonly target: ObjectName;
}

export interface CreatePartitionFunction extends NodeBase {
  readonly kind: 'CreatePartitionFunction';
  readonly name: Identifier;
  readonly inputType: DataType;
  readonly range?: 'LEFT' | 'RIGHT';
  readonly values: readonly Expression[];
}

export interface CreatePartitionScheme extends NodeBase {
  readonly kind: 'CreatePartitionScheme';
  readonly name: Identifier;
  readonly function: Identifier;
  readonly all: boolean;
  readonly filegroups: readonly Identifier[];
}

export interface CreateXmlSchemaCollection extends NodeBase {
  readonly kind: 'CreateXmlSchemaCollection';
  readonly mode: 'CREATE' | 'ALTER';
  readonly name: ObjectName;
  readonly add: boolean;
  readonly expr: Expression;
}

export interface Drop extends NodeBase {
  readonly kind: 'Drop';
  /** TABLE, VIEW, PROCEDURE, FUNCTION, TRIGGER, INDEX, SEQUENCE, TYPE, SCHEMA, SYNONYM, … */
  readonly objectType: string;
  readonly ifExists: boolean;
  readonly names: readonly ObjectName[];
  /** `DROP INDEX ix ON t`, `DROP TRIGGER t ON DATABASE` */
  readonly on?: ObjectName | 'DATABASE' | 'ALL SERVER';
}

/**
 * A well-formed statement whose details migration never needs (GRANT, CREATE DATABASE, DBCC,
 * CREATE LOGIN, …): its head names it, its tokens keep it, and a report can still count it.
 */
export interface OpaqueStatement extends NodeBase {
  readonly kind: 'OpaqueStatement';
  readonly statement: string;
  readonly tokens: RawTokens;
}

/** A statement mssql2dbt does not recognise; kept verbatim with an MD1102 diagnostic. */
export interface UnsupportedStatement extends NodeBase {
  readonly kind: 'UnsupportedStatement';
  readonly tokens: RawTokens;
}

/** What is left of a statement with a syntax error: its tokens, for reports. */
export interface ErrorStatement extends NodeBase {
  readonly kind: 'ErrorStatement';
  readonly tokens: RawTokens;
  readonly message: string;
}

/** A sqlcmd directive line (`:r file`, `:setvar Name Value`, `:on error exit`). */
export interface SqlcmdCommand extends NodeBase {
  readonly kind: 'SqlcmdCommand';
  readonly command: string;
  readonly args: string;
}

export type { Query };
