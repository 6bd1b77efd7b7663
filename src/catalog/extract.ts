/**
 * `extractCatalog`: the one entry point that turns any mix of inputs into one catalog.
 *
 *   folder with a .sqlproj   → SSDT project (item list, pre/post-deploy, :r, $(Var))
 *   .sqlproj                 → the same
 *   other folder             → every .sql file below it, in any order
 *   .sql (or any text file)  → one script (SSMS "Generate Scripts", install scripts); :setvar/:r honoured
 *   .dacpac / .bacpac        → package model.xml
 *   .json                    → saved output of extract-catalog.sql
 *   mssql://… or Server=…;…  → live SQL Server
 *
 * Inputs are read in order into one catalog; when two inputs describe the same object the later
 * one wins (MD2037). Then the AST pass (dependencies.ts) resolves names across all of them.
 * Nothing the user's input can cause throws: missing paths, corrupt packages and refused
 * connections are diagnostics, and whatever could be read is kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import { analyzeCatalog, moduleKey, type ModuleKind, type ParsedModule } from './dependencies.js';
import { readLive, type LiveOptions } from './live/connect.js';
import { readExtractJson } from './live/read-extract-json.js';
import { emptyCatalog, type Catalog, type CatalogObjectBase, type CatalogSource, type MutableCatalog } from './model.js';
import { bracketName, nameKey } from './names.js';
import { readPackage } from './package/read-package.js';
import { ScriptCatalogBuilder, type ScriptSource } from './scripts.js';
import { expandSqlcmdFile } from './sqlcmd.js';
import { readSqlProject } from './sqlproj.js';

export interface ExtractOptions {
  /** `--var NAME=VALUE`: sqlcmd variables, winning over :setvar and project defaults. */
  readonly vars?: Readonly<Record<string, string>>;
  /** Time-outs and password source for live inputs. */
  readonly live?: LiveOptions;
}

export interface ExtractResult {
  readonly catalog: Catalog;
  /** The same list as `catalog.diagnostics`. */
  readonly diagnostics: readonly Diagnostic[];
}

export type InputKind = 'sqlproj' | 'scripts' | 'package' | 'extract-json' | 'live' | 'missing';

/** What kind of input a command-line argument is (without reading more than a directory listing). */
export function inputKind(input: string): InputKind {
  if (/^mssql:\/\//i.test(input)) return 'live';
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(input);
  } catch {
    st = undefined;
  }
  if (!st) return looksLikeConnectionString(input) ? 'live' : 'missing';
  if (st.isDirectory()) return findProjectFile(input) ? 'sqlproj' : 'scripts';
  const ext = path.extname(input).toLowerCase();
  if (ext === '.sqlproj') return 'sqlproj';
  if (ext === '.dacpac' || ext === '.bacpac') return 'package';
  if (ext === '.json') return 'extract-json';
  return 'scripts';
}

function looksLikeConnectionString(input: string): boolean {
  return /(^|;)\s*(server|data source|address|addr|network address)\s*=/i.test(input);
}

function findProjectFile(dir: string): string | undefined {
  try {
    const names = fs.readdirSync(dir).filter((n) => n.toLowerCase().endsWith('.sqlproj')).sort();
    return names[0] !== undefined ? path.join(dir, names[0]) : undefined;
  } catch {
    return undefined;
  }
}

/** Every .sql file below `dir`, sorted, skipping dot-folders and node_modules. */
/** `.sql` files below a folder, depth first in name order (hidden folders and node_modules skipped). */
export function sqlFilesUnder(dir: string, out: string[] = []): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.') || e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sqlFilesUnder(p, out);
    else if (e.isFile() && e.name.toLowerCase().endsWith('.sql')) out.push(p);
  }
  return out;
}

/**
 * Shows files found below an input relative to the path the user typed, so locations read like
 * `../corpus/wwi-dw/Dimension/Tables/Customer.sql:1:1` rather than machine-specific absolute paths.
 */
function displayPathFor(given: string): (file: string) => string {
  const base = path.resolve(given);
  return (file: string) => {
    const rel = path.relative(base, file);
    if (rel === '') return given;
    if (rel.startsWith('..') || path.isAbsolute(rel)) return file;
    return path.join(given, rel);
  };
}

/** Reads every input into one catalog. Never throws for bad input. */
export async function extractCatalog(inputs: readonly string[], options: ExtractOptions = {}): Promise<ExtractResult> {
  const catalog = emptyCatalog();
  const modules = new Map<string, ParsedModule & { owner: object }>();
  for (const input of inputs) {
    switch (inputKind(input)) {
      case 'missing':
        catalog.diagnostics.push(diagnostic('MD2033', { path: input, reason: 'no such file or folder' }));
        break;
      case 'live':
        await readLive(input, catalog, options.live ?? {});
        break;
      case 'package':
        await readPackage(input, catalog);
        break;
      case 'extract-json':
        readExtractJson(input, catalog);
        break;
      case 'sqlproj':
        readProjectInput(input, options, catalog, modules);
        break;
      case 'scripts':
        readScriptsInput(input, options, catalog, modules);
        break;
    }
  }
  dedupe(catalog);
  const parsed = new Map<string, ParsedModule>();
  // A parsed statement is used only for the very object it created (a later input may have replaced it).
  const owners = new Set<object>([...catalog.views, ...catalog.procedures, ...catalog.functions, ...catalog.triggers]);
  for (const [k, m] of modules) if (owners.has(m.owner)) parsed.set(k, m);
  analyzeCatalog(catalog, parsed);
  return { catalog, diagnostics: catalog.diagnostics };
}

function finishScripts(b: ScriptCatalogBuilder, catalog: MutableCatalog, source: CatalogSource, modules: Map<string, ParsedModule & { owner: object }>): void {
  const before = {
    views: catalog.views.length, procedures: catalog.procedures.length, functions: catalog.functions.length, triggers: catalog.triggers.length,
  };
  const database = b.database;
  catalog.sources.push(database && !source.database ? { ...source, database } : source);
  const parsed = b.finish(catalog);
  const owned = (kind: ModuleKind, list: readonly CatalogObjectBase[]) => {
    for (const o of list) {
      const m = parsed.get(moduleKey(kind, o.schema, o.name));
      if (m) modules.set(moduleKey(kind, o.schema, o.name), { ...m, owner: o });
    }
  };
  owned('view', catalog.views.slice(before.views));
  owned('procedure', catalog.procedures.slice(before.procedures));
  owned('function', catalog.functions.slice(before.functions));
  owned('trigger', catalog.triggers.slice(before.triggers));
}

function readScriptsInput(input: string, options: ExtractOptions, catalog: MutableCatalog, modules: Map<string, ParsedModule & { owner: object }>): void {
  const isDir = fs.statSync(input).isDirectory();
  const files = isDir ? sqlFilesUnder(input) : [input];
  const display = displayPathFor(input);
  const b = new ScriptCatalogBuilder();
  for (const file of files) {
    const expanded = expandSqlcmdFile(file, { variables: options.vars ?? {} });
    for (const d of expanded.diagnostics) b.diagnostics.push(d.span ? { ...d, span: { ...d.span, file: display(d.span.file) } } : d);
    b.addScript({ file: expanded.file, text: expanded.text, map: expanded.map, displayPath: display });
  }
  finishScripts(b, catalog, { kind: 'scripts', path: input }, modules);
}

function readProjectInput(input: string, options: ExtractOptions, catalog: MutableCatalog, modules: Map<string, ParsedModule & { owner: object }>): void {
  const isDir = fs.statSync(input).isDirectory();
  const projectFile = isDir ? findProjectFile(input)! : input;
  const project = readSqlProject(projectFile);
  const display = displayPathFor(isDir ? input : path.dirname(input));
  catalog.diagnostics.push(...project.diagnostics);
  const b = new ScriptCatalogBuilder();
  const sources: ScriptSource[] = [];
  for (const script of project.scripts) {
    const expanded = expandSqlcmdFile(script.file, { variables: options.vars ?? {}, defaults: project.variables });
    for (const d of expanded.diagnostics) b.diagnostics.push(d.span ? { ...d, span: { ...d.span, file: display(d.span.file) } } : d);
    sources.push({ file: expanded.file, text: expanded.text, map: expanded.map, displayPath: display });
  }
  for (const s of sources) b.addScript(s);
  const vars = { ...project.variables, ...(options.vars ?? {}) };
  const database = Object.entries(vars).find(([k]) => k.toLowerCase() === 'databasename')?.[1] ?? project.name;
  const source: CatalogSource = {
    kind: 'sqlproj',
    path: input,
    database,
    ...(project.dsp ? { formatVersion: project.dsp } : {}),
  };
  finishScripts(b, catalog, source, modules);
}

/** The later of two same-named objects wins (tables, views, routines and sequences share one namespace in SQL Server). */
function dedupe(catalog: MutableCatalog): void {
  const lists = [
    ['table', catalog.tables], ['view', catalog.views], ['procedure', catalog.procedures], ['function', catalog.functions],
    ['sequence', catalog.sequences], ['synonym', catalog.synonyms], ['trigger', catalog.triggers], ['type', catalog.types],
  ] as const;
  for (const [kind, list] of lists) {
    const last = new Map<string, number>();
    (list as readonly CatalogObjectBase[]).forEach((o, i) => last.set(nameKey(o.schema, o.name), i));
    if (last.size === list.length) continue;
    const keep = (list as readonly CatalogObjectBase[]).filter((o, i) => {
      const winner = last.get(nameKey(o.schema, o.name))!;
      if (winner === i) return true;
      const w = (list as readonly CatalogObjectBase[])[winner]!;
      catalog.diagnostics.push(diagnostic('MD2037', { kind, name: bracketName(o.schema, o.name), kept: describeLocation(w) }));
      return false;
    });
    (list as CatalogObjectBase[]).length = 0;
    (list as CatalogObjectBase[]).push(...keep);
  }
}

function describeLocation(o: CatalogObjectBase): string {
  const l = o.location;
  if ('file' in l) return `${l.file}:${l.line}:${l.col}`;
  if ('package' in l) return `${l.package}!${l.part}`;
  return `${l.database} (object ${l.objectId})`;
}
