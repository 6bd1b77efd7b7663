/**
 * Naming conventions: the defaults, `--naming` overrides, and the template rendering that turns a
 * SQL Server object into a dbt name. Templates use `{placeholders}`:
 *
 *   {database}  the database name (snake case)           {schema}  the object's schema (snake case)
 *   {source}    the dbt source name of the table         {table}   the table name (snake case)
 *   {name}      the object's name (snake case, `vw_`/`usp_`/`fn_`/`sp_` prefixes dropped; for a
 *               procedure's target table `dim_`/`fct_` from a Dimension/Fact schema)
 *   {schema_or_database}  the database for dbo, the schema otherwise
 *   {_schema}   empty for dbo, `_<schema>` otherwise
 *
 * dbt's own conventions are the defaults: `stg_<source>__<table>`, `int_<name>`, marts by name.
 */
import { createHash } from 'node:crypto';
import type { NamingConventions } from './model.js';

export const DEFAULT_NAMING: NamingConventions = {
  project: '{database}',
  sourceName: '{schema_or_database}',
  rawSchema: 'raw{_schema}',
  staging: 'stg_{source}__{table}',
  intermediate: 'int_{name}',
  mart: '{name}',
  snapshot: '{name}_snapshot',
  folders: { staging: 'staging', intermediate: 'intermediate', marts: 'marts' },
};

const NAMING_KEYS = new Set(['project', 'sourceName', 'rawSchema', 'staging', 'intermediate', 'mart', 'snapshot', 'folders']);
const FOLDER_KEYS = new Set(['staging', 'intermediate', 'marts']);

/**
 * Checks a `--naming` JSON value: an object with NamingConventions fields only, strings as values.
 * Returns the partial conventions or the reason it is not one.
 */
export function parseNaming(value: unknown): Partial<NamingConventions> | string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return 'expected a JSON object';
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (!NAMING_KEYS.has(k)) return `unknown field "${k}" (expected ${[...NAMING_KEYS].join(', ')})`;
    if (k === 'folders') {
      if (!v || typeof v !== 'object' || Array.isArray(v)) return 'folders must be an object';
      for (const [fk, fv] of Object.entries(v as Record<string, unknown>)) {
        if (!FOLDER_KEYS.has(fk)) return `unknown folder "${fk}" (expected staging, intermediate, marts)`;
        if (typeof fv !== 'string' || !fv.trim() || fv.includes('..')) return `folders.${fk} must be a relative folder name`;
      }
      out[k] = v;
      continue;
    }
    if (typeof v !== 'string' || !v.trim()) return `${k} must be a non-empty string`;
    out[k] = v;
  }
  return out as Partial<NamingConventions>;
}

/** Defaults with the overrides applied (folders merged field by field). */
export function resolveNaming(partial: Partial<NamingConventions> | undefined, database: string): NamingConventions {
  const p = partial ?? {};
  const merged: NamingConventions = {
    ...DEFAULT_NAMING,
    ...p,
    folders: { ...DEFAULT_NAMING.folders, ...(p.folders ?? {}) },
  };
  // The project name is rendered once: dbt_project.yml and profiles.yml need a literal.
  return { ...merged, project: identifierOf(render(merged.project, { database, schema: 'dbo' })) || 'migration' };
}

/**
 * `Order Details` → `order_details`, `DimCustomer` → `dim_customer`, `[WWI City ID]` → `wwi_city_id`.
 * Lower snake case made of [a-z0-9_], never starting with a digit (dbt names are identifiers).
 */
export function snake(name: string): string {
  const s = name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .replace(/_+/g, '_');
  if (!s) return 'x';
  return /^[0-9]/.test(s) ? `_${s}` : s;
}

/** Object-type prefixes that say nothing in a dbt name (the layer says it). */
const NOISE_PREFIX = /^(vw|v|usp|sp|fn|udf|tvf|proc|p)_/;

/** `vw_SalesDetail` → `sales_detail`; `usp_SalesSummary` → `sales_summary`; keeps the name when only the prefix is left. */
export function baseName(name: string): string {
  const s = snake(name);
  const stripped = s.replace(NOISE_PREFIX, '');
  return stripped && stripped !== s && !/^[0-9]/.test(stripped) ? stripped : s;
}

/** The mart-style name of a table a procedure loads: Dimension.City → `dim_city`, Fact.Sale → `fct_sale`, dbo.FactSales → `fct_sales`. */
export function tableModelName(schema: string, name: string): string {
  const s = snake(schema);
  let n = baseName(name);
  n = n.replace(/^fact_/, 'fct_');
  if ((s === 'dimension' || s === 'dimensions' || s === 'dim') && !n.startsWith('dim_')) n = `dim_${n}`;
  if ((s === 'fact' || s === 'facts' || s === 'fct') && !n.startsWith('fct_')) n = `fct_${n}`;
  return n;
}

export interface TemplateValues {
  readonly database: string;
  readonly schema: string;
  readonly source?: string;
  readonly table?: string;
  readonly name?: string;
}

/** Fills `{placeholders}`; unknown placeholders are left as written so a typo shows in the output. */
export function render(template: string, v: TemplateValues): string {
  const isDbo = v.schema.toLowerCase() === 'dbo';
  const values: Record<string, string> = {
    database: snake(v.database),
    schema: snake(v.schema),
    schema_or_database: isDbo ? snake(v.database) : snake(v.schema),
    _schema: isDbo ? '' : `_${snake(v.schema)}`,
    source: v.source ?? '',
    table: v.table ?? '',
    name: v.name ?? '',
  };
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? values[key]! : whole));
}

/**
 * Longest name we hand out: PostgreSQL truncates identifiers at 63 bytes (and dbt-postgres refuses
 * longer relation names); 3 characters stay free for the `_2` … suffixes of NameRegistry.
 */
export const MAX_IDENTIFIER = 60;

/** A rendered name made safe as a dbt identifier (names may contain dots only for source nodes). */
export function identifierOf(s: string): string {
  const id = s.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').replace(/__+/g, (m) => (m.length >= 2 ? '__' : '_'));
  if (id.length <= MAX_IDENTIFIER) return id;
  // Too long: a readable prefix and a hash of the whole name, so distinct long names stay distinct.
  const hash = createHash('sha256').update(id).digest('hex').slice(0, 8);
  return `${id.slice(0, MAX_IDENTIFIER - 9).replace(/_+$/, '')}_${hash}`;
}

/**
 * Hands out unique node names in a deterministic order: the first object (in the planner's sorted
 * order) keeps a name, later ones get `_2`, `_3` … and the caller records an MD4016 note.
 */
export class NameRegistry {
  private readonly taken = new Set<string>();

  /** `alternative` (e.g. `sales_by_category_report`) is tried before numbered suffixes. */
  claim(wanted: string, alternative?: string): { name: string; renamed: boolean } {
    const key = wanted.toLowerCase();
    if (!this.taken.has(key)) {
      this.taken.add(key);
      return { name: wanted, renamed: false };
    }
    if (alternative && !this.taken.has(alternative.toLowerCase())) {
      this.taken.add(alternative.toLowerCase());
      return { name: alternative, renamed: true };
    }
    for (let i = 2; ; i++) {
      const candidate = `${wanted}_${i}`;
      if (!this.taken.has(candidate.toLowerCase())) {
        this.taken.add(candidate.toLowerCase());
        return { name: candidate, renamed: true };
      }
    }
  }
}
