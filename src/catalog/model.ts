/**
 * The catalog (`metadata.json`): one description of a SQL Server database, whatever it was read
 * from (script folders, .dacpac/.bacpac packages, a live server, the JSON of extract-catalog.sql).
 * Nothing downstream may care which input produced it. `schemas/metadata.schema.json` mirrors these
 * types; change both together and bump `CATALOG_FORMAT_VERSION` on an incompatible change.
 *
 * Plain data only (JSON-serialisable): no Maps, no class instances, no undefined-vs-missing games.
 */
import type { Diagnostic } from '../diagnostics/index.js';

export const CATALOG_FORMAT_VERSION = 1 as const;

/** Where an object was declared: a script position, a part of a package, or an object in a live database. */
export type SourceLocation = FileLocation | PackageLocation | DatabaseLocation;

export interface FileLocation {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export interface PackageLocation {
  /** Path of the .dacpac/.bacpac file as given by the user. */
  readonly package: string;
  /** Part inside the zip, e.g. `model.xml`. */
  readonly part: string;
}

/** An object read from a database's catalog views (live, or extract-catalog.sql output). */
export interface DatabaseLocation {
  readonly database: string;
  /** sys.objects.object_id at extract time. */
  readonly objectId: number;
}

/** A SQL Server data type as declared. `schema` is set only for user-defined types. */
export interface SqlType {
  readonly name: string;
  readonly schema?: string;
  readonly length?: number;
  readonly precision?: number;
  readonly scale?: number;
  /** `varchar(max)` and friends. */
  readonly max?: boolean;
}

/** What every catalog object carries. */
export interface CatalogObjectBase {
  readonly schema: string;
  readonly name: string;
  readonly location: SourceLocation;
  /** The original SQL text of the object, when the input has it. */
  readonly definition?: string;
  /**
   * True when `definition` was rebuilt from parts (a package keeps a routine's body but not always
   * its CREATE header), so it is equivalent SQL but not the author's exact text.
   */
  readonly definitionSynthesized?: boolean;
  /** `MS_Description` extended property. */
  readonly description?: string;
}

export interface Identity {
  readonly seed: number;
  readonly increment: number;
}

export interface Column {
  readonly name: string;
  /** Absent for computed columns whose type the input does not state. */
  readonly type?: SqlType;
  readonly nullable: boolean;
  readonly identity?: Identity;
  /** Default constraint expression text, e.g. `(getdate())`. */
  readonly default?: string;
  readonly defaultName?: string;
  readonly computed?: { readonly expression: string; readonly persisted: boolean };
  readonly collation?: string;
  readonly description?: string;
}

export interface KeyConstraint {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly clustered: boolean;
}

export type ReferentialAction = 'NO ACTION' | 'CASCADE' | 'SET NULL' | 'SET DEFAULT';

export interface ForeignKey {
  readonly name?: string;
  readonly columns: readonly string[];
  readonly referencedTable: ObjectRef;
  readonly referencedColumns: readonly string[];
  readonly onDelete: ReferentialAction;
  readonly onUpdate: ReferentialAction;
}

export interface CheckConstraint {
  readonly name?: string;
  readonly expression: string;
}

export interface IndexColumn {
  readonly name: string;
  readonly descending: boolean;
}

export interface Index {
  readonly name: string;
  readonly clustered: boolean;
  readonly unique: boolean;
  /** Columnstore, XML, spatial … indexes say so here; rowstore indexes leave it out. */
  readonly kind?: string;
  readonly columns: readonly IndexColumn[];
  readonly includedColumns: readonly string[];
  /** Filtered-index predicate text. */
  readonly filter?: string;
}

/** A table's data inside a .bacpac (`Data/<schema>.<table>/*.BCP`). Loading it is another stage's job. */
export interface DataPart {
  readonly part: string;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
}

export interface Table extends CatalogObjectBase {
  readonly columns: readonly Column[];
  readonly primaryKey?: KeyConstraint;
  readonly uniqueKeys: readonly KeyConstraint[];
  readonly foreignKeys: readonly ForeignKey[];
  readonly checks: readonly CheckConstraint[];
  readonly indexes: readonly Index[];
  readonly rowCount?: number;
  readonly dataParts?: readonly DataPart[];
  /** Memory-optimized, temporal, external … when the input says so. */
  readonly options?: readonly string[];
}

/** Result column of a view or table-valued function. Types are often unknown for views. */
export interface ResultColumn {
  readonly name: string;
  readonly type?: SqlType;
  readonly nullable?: boolean;
}

export interface View extends CatalogObjectBase {
  readonly columns: readonly ResultColumn[];
  readonly indexes: readonly Index[];
}

export interface Parameter {
  /** With the leading `@`. */
  readonly name: string;
  readonly type?: SqlType;
  /** Default expression text. */
  readonly default?: string;
  readonly output: boolean;
  readonly readonly?: boolean;
}

/**
 * What the assessment needs to know about a routine's body. Filled from the AST by the scripts
 * pass; a package or live input leaves it out until the body has been parsed.
 */
export interface RoutineFacts {
  /** Tables, views and table-valued functions read (FROM, JOIN, APPLY, subqueries, MERGE USING). */
  readonly tablesRead: readonly ObjectRef[];
  /** Targets of INSERT/UPDATE/DELETE/MERGE/TRUNCATE/SELECT INTO/BULK INSERT, aliases resolved. */
  readonly tablesWritten: readonly ObjectRef[];
  /** `#temp` tables created or used, as spelled first. */
  readonly tempTables: readonly string[];
  /** `DECLARE @t TABLE (…)` variables. */
  readonly tableVariables: readonly string[];
  /** Procedures run with EXEC, system procedures included (`sp_send_dbmail` …). */
  readonly calls: readonly ObjectRef[];
  /** Number of WHILE loops. */
  readonly loops: number;
  readonly usesMerge: boolean;
  readonly usesCursor: boolean;
  readonly usesDynamicSql: boolean;
  /**
   * True when dynamic SQL is built at run time (`EXEC(@sql)`, `sp_executesql @sql`): the objects it
   * touches cannot be known, so this routine's dependency edges may be incomplete. Constant SQL
   * strings are parsed instead, and their edges carry `dynamic: true`.
   */
  readonly dynamicSqlOpaque: boolean;
  readonly usesTransaction: boolean;
  readonly usesErrorHandling: boolean;
}

export interface Procedure extends CatalogObjectBase {
  readonly parameters: readonly Parameter[];
  readonly resultColumns?: readonly ResultColumn[];
  readonly facts?: RoutineFacts;
}

export type FunctionKind = 'scalar' | 'inline-table' | 'multi-statement-table' | 'clr-scalar' | 'clr-table' | 'aggregate';

export interface SqlFunction extends CatalogObjectBase {
  readonly kind: FunctionKind;
  readonly parameters: readonly Parameter[];
  /** Scalar functions. */
  readonly returnType?: SqlType;
  /** Table-valued functions. */
  readonly resultColumns?: readonly ResultColumn[];
  readonly facts?: RoutineFacts;
}

export interface Trigger extends CatalogObjectBase {
  /** The table or view the trigger fires on; absent for database-level (DDL) triggers. */
  readonly parent?: ObjectRef;
  readonly timing: 'AFTER' | 'INSTEAD OF';
  /** INSERT / UPDATE / DELETE for DML triggers; DDL event names (CREATE_TABLE …) for database triggers. */
  readonly events: readonly string[];
  readonly disabled?: boolean;
  readonly facts?: RoutineFacts;
}

export interface Sequence extends CatalogObjectBase {
  readonly type?: SqlType;
  readonly start?: string;
  readonly increment?: string;
  readonly minValue?: string;
  readonly maxValue?: string;
  readonly cycle: boolean;
  readonly cache?: number;
}

export interface UserType extends CatalogObjectBase {
  readonly kind: 'alias' | 'table' | 'clr';
  /** Alias types: the system type they stand for. */
  readonly baseType?: SqlType;
  readonly nullable?: boolean;
  /** Table types. */
  readonly columns?: readonly Column[];
}

export interface Synonym extends CatalogObjectBase {
  readonly target: ObjectRef;
}

export type ObjectKind = 'table' | 'view' | 'procedure' | 'function' | 'trigger' | 'sequence' | 'type' | 'synonym';

/** A name of an object, possibly in another database or on a linked server. */
export interface ObjectRef {
  readonly schema: string;
  readonly name: string;
  readonly database?: string;
  readonly server?: string;
  readonly objectKind?: ObjectKind;
}

/**
 * `uses` is a reference whose direction the input does not state (package BodyDependencies,
 * sys.sql_expression_dependencies); the AST pass refines it into reads/writes/calls.
 */
export type DependencyKind = 'reads' | 'writes' | 'calls' | 'triggers-on' | 'references' | 'uses';

export interface Dependency {
  readonly from: ObjectRef;
  readonly to: ObjectRef;
  readonly kind: DependencyKind;
  /** Set when `to` lives in another database or on a linked server. */
  readonly external?: { readonly database?: string; readonly server?: string };
  /** The reference was found inside a constant dynamic SQL string (`EXEC('…')`, `sp_executesql N'…'`). */
  readonly dynamic?: boolean;
}

export type SourceKind = 'scripts' | 'sqlproj' | 'dacpac' | 'bacpac' | 'live' | 'extract-json';

/** One input that was read. Secrets (passwords) never appear here. */
export interface CatalogSource {
  readonly kind: SourceKind;
  /** File or folder path, or `server/database` for live input. */
  readonly path: string;
  /** Format version the input declared (model.xml SchemaVersion, extract JSON version …). */
  readonly formatVersion?: string;
  readonly database?: string;
  readonly serverVersion?: string;
}

export interface Catalog {
  readonly formatVersion: typeof CATALOG_FORMAT_VERSION;
  readonly sources: readonly CatalogSource[];
  readonly tables: readonly Table[];
  readonly views: readonly View[];
  readonly procedures: readonly Procedure[];
  readonly functions: readonly SqlFunction[];
  readonly triggers: readonly Trigger[];
  readonly sequences: readonly Sequence[];
  readonly types: readonly UserType[];
  readonly synonyms: readonly Synonym[];
  readonly dependencies: readonly Dependency[];
  readonly diagnostics: readonly Diagnostic[];
}

/** A catalog under construction: the same shape with arrays that readers push into. */
export type MutableCatalog = { -readonly [K in keyof Catalog]: Catalog[K] extends readonly (infer E)[] ? E[] : Catalog[K] };

export function emptyCatalog(): MutableCatalog {
  return {
    formatVersion: CATALOG_FORMAT_VERSION,
    sources: [],
    tables: [],
    views: [],
    procedures: [],
    functions: [],
    triggers: [],
    sequences: [],
    types: [],
    synonyms: [],
    dependencies: [],
    diagnostics: [],
  };
}

/** Object counts by kind, for `extract --json` summaries and tests. */
export function countObjects(catalog: Catalog): Record<'tables' | 'views' | 'procedures' | 'functions' | 'triggers' | 'sequences' | 'types' | 'synonyms' | 'dependencies', number> {
  return {
    tables: catalog.tables.length,
    views: catalog.views.length,
    procedures: catalog.procedures.length,
    functions: catalog.functions.length,
    triggers: catalog.triggers.length,
    sequences: catalog.sequences.length,
    types: catalog.types.length,
    synonyms: catalog.synonyms.length,
    dependencies: catalog.dependencies.length,
  };
}
