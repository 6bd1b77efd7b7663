/**
 * Raw-table DDL printed by the translator's own generator: the same identifier quoting (a name is
 * quoted only when the target needs it, so `Orders` stays unquoted and PostgreSQL folds it exactly
 * as it folds the translated views' references) and the same type map as every translated model.
 * Raw tables carry no keys or NOT NULL: they land data as it is; dbt tests check the constraints.
 */
import type { Diagnostic } from '../diagnostics/index.js';
import type { RawRelation } from '../plan/model.js';
import { Generator, getDialect } from '../translate/index.js';
import type { CreateTableStmt } from '../translate/ir.js';
import type { LoadColumn } from './columns.js';

export type EngineKind = 'duckdb' | 'postgres';

export class RawDdl {
  private readonly gen: Generator;
  readonly diagnostics: Diagnostic[] = [];

  constructor(readonly engine: EngineKind) {
    this.gen = new Generator(getDialect(engine), this.diagnostics);
  }

  ident(name: string): string {
    return this.gen.ident({ name, quoted: false });
  }

  /** `schema.identifier` as the translator prints it. */
  relation(raw: RawRelation): string {
    return this.gen.name([{ name: raw.schema, quoted: false }, { name: raw.identifier, quoted: false }]);
  }

  createSchema(schema: string): string {
    return `CREATE SCHEMA IF NOT EXISTS ${this.ident(schema)}`;
  }

  /** CREATE TABLE through the generator; type-loss findings (MD3008) go to `diagnostics`. */
  createTable(raw: RawRelation, columns: readonly LoadColumn[]): string {
    const stmt: CreateTableStmt = {
      kind: 'CreateTable',
      name: [{ name: raw.schema, quoted: false }, { name: raw.identifier, quoted: false }],
      columns: columns.map((c) => ({ name: { name: c.name, quoted: false }, type: c.type, notNull: false, identity: false })),
    };
    return this.gen.statement(stmt);
  }

  /** The printed type of a column (to compare with what an existing table has). */
  typeOf(c: LoadColumn): string {
    return this.gen.type(c.type);
  }
}
