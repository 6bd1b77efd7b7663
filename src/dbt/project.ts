/**
 * `writeDbtProject`: the Executor. Walks the plan's nodes, makes every file of the dbt project as
 * text (models, snapshots, analyses, macros, YAML, manual hand-offs, notes), then writes them all
 * through the re-run-safe writer. Building and writing are separate so `buildDbtProject` can be
 * tested and benchmarked without touching the disk.
 */
import path from 'node:path';
import type { Table } from '../catalog/model.js';
import { diagnostic, type Diagnostic } from '../diagnostics/index.js';
import type { PlanNode } from '../plan/model.js';
import { isTargetName, type TargetName } from '../translate/index.js';
import { buildContext, objectId, type GenContext, type Routine } from './context.js';
import { DBT_TARGETS, type DbtTarget, type GeneratedFile, type GenerateOptions, type GenerateReport } from './model.js';
import { functionMacro, inlineFunctionModel, routineModel, singularTest, usedVars, viewModel, type NodeSql } from './models.js';
import { objectKey } from './names.js';
import { migrationNotes, manualFile } from './notes.js';
import { dbtProjectYml, divideDecimalMacro, FOLDER_MATERIALIZATION, profilesYml, shippedFiles, surrogateKeyMacro } from './project-files.js';
import { modelYml, sourcesYml } from './schema-yml.js';
import { stagingModel } from './staging.js';
import { writeFiles } from './write-files.js';
import { dateSpineMacro } from './date-spine.js';
import { toYaml } from './yaml.js';

const posix = path.posix;

function defaultPath(ctx: GenContext, node: PlanNode): string {
  const f = ctx.plan.naming.folders;
  switch (node.disposition) {
    case 'snapshot': return `snapshots/${node.name}.sql`;
    case 'macro': return `macros/${node.name}.sql`;
    case 'analysis': return `analyses/${node.name}.sql`;
    case 'manual': return `manual/${node.name}.sql`;
    default: {
      const source = node.raw?.sourceName ?? (ctx.byObject.get(objectId(node.source.kind, node.source.schema, node.source.name)) ?? []).find((n) => n.raw)?.raw?.sourceName;
      const layer = node.layer === 'staging' ? `${f.staging}/${source ?? 'sources'}` : node.layer === 'intermediate' ? f.intermediate : f.marts;
      return `models/${layer}/${node.name}.sql`;
    }
  }
}

/** The folder default materialization a model path falls under (config() is written only when it differs). */
function folderDefault(ctx: GenContext, p: string): string | undefined {
  const f = ctx.plan.naming.folders;
  const parts = p.split('/');
  if (parts[0] !== 'models') return undefined;
  if (parts[1] === f.staging) return FOLDER_MATERIALIZATION.staging;
  if (parts[1] === f.intermediate) return FOLDER_MATERIALIZATION.intermediate;
  if (parts[1] === f.marts) return FOLDER_MATERIALIZATION.marts;
  return undefined;
}

const objectOf = (ctx: GenContext, node: PlanNode) => {
  const key = objectKey(node.source.schema, node.source.name);
  switch (node.source.kind) {
    case 'table': return ctx.tables.get(key);
    case 'view': return ctx.views.get(key);
    default: return ctx.routines.get(key);
  }
};

/** Every file of the project, in memory. */
export function buildDbtProject(options: Omit<GenerateOptions, 'force'>): { files: GeneratedFile[]; diagnostics: Diagnostic[] } {
  const { plan, catalog } = options;
  const target: DbtTarget = options.target ?? ((DBT_TARGETS as readonly string[]).includes(plan.target) ? (plan.target as DbtTarget) : 'duckdb');
  const sqlDialect: TargetName = options.sqlDialect ?? 'dbt';
  if (!isTargetName(sqlDialect)) throw new Error(`unknown SQL dialect ${String(sqlDialect)}`);
  const ctx = buildContext(plan, catalog, sqlDialect);
  const files: GeneratedFile[] = [];
  // Every var is declared with SQL text: plan vars (procedure parameters) without a default and a
  // routine's locals default to SQL `null` (YAML null would render as Python's `None` in the SQL);
  // the MD3012 marker at each use and MD4007 on the plan say a value should be passed with --vars.
  const vars = new Map<string, string | null>();
  // YAML entries grouped by the file they go in.
  const sources = new Map<string, { dir: string; entries: { node: PlanNode; table: Table }[] }>();
  const modelDocs = new Map<string, Record<string, unknown>[]>();
  const addDoc = (p: string, doc: Record<string, unknown>) => {
    const dir = posix.dirname(p);
    const file = `${dir}/_${posix.basename(dir)}__${p.startsWith('snapshots/') ? 'snapshots' : p.startsWith('analyses/') ? 'analyses' : 'models'}.yml`;
    modelDocs.set(file, [...(modelDocs.get(file) ?? []), doc]);
  };
  const sourceNodeOf = (table: Table) => ctx.byObject.get(`table:${objectKey(table.schema, table.name)}`)?.find((n) => n.disposition === 'source');

  for (const node of plan.nodes) {
    const object = objectOf(ctx, node);
    if (node.disposition === 'retire') continue;
    if (!object) {
      ctx.diagnostics.push(diagnostic('MD4054', { node: node.name, object: `${node.source.schema}.${node.source.name}` }));
      continue;
    }
    const p = node.path ?? defaultPath(ctx, node);
    if (node.disposition === 'manual') {
      files.push(manualFile(ctx, node, object, p.startsWith('manual/') ? p : `manual/${node.name}.sql`));
      continue;
    }
    if (node.disposition === 'test') {
      // Singular tests (a trigger's rejecting rule) are files; the others go on the model they check, below.
      node.tests?.filter((t) => t.test === 'singular' && typeof t.arguments?.['sql'] === 'string').forEach((t, i) => {
        const made = singularTest(ctx, node, object as Routine, t.arguments!['sql'] as string, t.reason);
        ctx.diagnostics.push(...made.diagnostics);
        const at = i === 0 && node.path?.startsWith('tests/') ? node.path : `tests/${node.name}${i ? `_${i + 1}` : ''}.sql`;
        files.push({ path: at, content: made.sql });
        for (const v of usedVars(made.sql)) if (!vars.has(v)) vars.set(v, 'null');
      });
      continue;
    }
    let made: NodeSql | undefined;
    const fd = folderDefault(ctx, p);
    switch (node.source.kind) {
      case 'table': {
        const table = object as Table;
        if (node.disposition === 'source') {
          const sourceName = node.raw?.sourceName ?? node.name.split('.')[0]!;
          const staging = (ctx.byObject.get(`table:${objectKey(table.schema, table.name)}`) ?? []).find((n) => n.layer === 'staging');
          const dir = staging?.path ? posix.dirname(staging.path) : `models/${plan.naming.folders.staging}/${sourceName}`;
          const s = sources.get(sourceName) ?? { dir, entries: [] };
          s.entries.push({ node, table });
          sources.set(sourceName, s);
          continue;
        }
        const src = sourceNodeOf(table);
        if (!src) {
          ctx.diagnostics.push(diagnostic('MD4054', { node: node.name, object: `source of ${table.schema}.${table.name}` }));
          continue;
        }
        made = { sql: stagingModel(ctx, node, table, src), diagnostics: [] };
        addDoc(p, modelYml(ctx, node, table.description ?? `Staging model of ${table.schema}.${table.name}: every column typed, no business logic.`, table.columns, `${table.schema}.${table.name}`, table));
        break;
      }
      case 'view': {
        made = viewModel(ctx, node, object, fd);
        const view = ctx.views.get(objectKey(node.source.schema, node.source.name))!;
        addDoc(p, modelYml(ctx, node, view.description ?? `Migrated from the view ${view.schema}.${view.name}.`, view.columns, `${view.schema}.${view.name}`));
        break;
      }
      default: {
        const routine = object as Routine;
        if (node.disposition === 'macro') made = functionMacro(ctx, node, routine);
        else if ('kind' in routine && routine.kind === 'inline-table') made = inlineFunctionModel(ctx, node, routine, fd);
        else made = routineModel(ctx, node, routine, fd);
        if (node.disposition !== 'macro') {
          const replaced = node.replaces ? ctx.tables.get(node.replaces.replace(/^[^:]*:/, '').toLowerCase()) : undefined;
          const cols = replaced?.columns ?? ('resultColumns' in routine ? routine.resultColumns ?? [] : []);
          addDoc(p, modelYml(ctx, node, routine.description ?? `Migrated from ${node.source.kind} ${routine.schema}.${routine.name}${node.pattern ? ` (${node.pattern})` : ''}.`, cols, replaced ? `${replaced.schema}.${replaced.name}` : `${routine.schema}.${routine.name}`));
        }
      }
    }
    if (made) {
      ctx.diagnostics.push(...made.diagnostics);
      files.push({ path: p, content: made.sql });
      for (const v of usedVars(made.sql)) if (!vars.has(v)) vars.set(v, 'null');
    }
  }
  // Tests of `test` nodes (e.g. trigger rules) go on the model they depend on.
  for (const node of plan.nodes.filter((n) => n.disposition === 'test' && n.tests?.length)) {
    // The planner names the tested model on each test (`model`); older plans only list it in dependsOn.
    const named = node.tests!.map((t) => (t as { model?: string }).model).find((m) => m && ctx.nodes.has(m));
    const owner = named ? ctx.nodes.get(named) : node.dependsOn.map((d) => ctx.nodes.get(d)).find((n) => n && n.disposition === 'model');
    if (!owner) continue;
    const yamlTest = (t: NonNullable<PlanNode['tests']>[number]) => (t.arguments ? { [t.test]: { arguments: t.arguments } } : t.test);
    const generic = node.tests!.filter((t) => t.test !== 'singular');
    for (const docs of modelDocs.values()) {
      const doc = docs.find((d) => d['name'] === owner.name);
      if (!doc) continue;
      const modelLevel = generic.filter((t) => !t.column);
      if (modelLevel.length) doc['data_tests'] = [...((doc['data_tests'] as unknown[]) ?? []), ...modelLevel.map(yamlTest)];
      for (const t of generic.filter((x) => x.column)) {
        const col = (doc['columns'] as { name: string; data_tests?: unknown[] }[] | undefined)?.find((c) => c.name.toLowerCase() === t.column!.toLowerCase());
        if (col && !(col.data_tests ?? []).some((x) => JSON.stringify(x) === JSON.stringify(yamlTest(t)))) col.data_tests = [...(col.data_tests ?? []), yamlTest(t)];
      }
    }
  }
  for (const [name, s] of sources) {
    files.push({ path: `${s.dir}/_${name}__sources.yml`, content: toYaml({ version: 2, sources: [sourcesYml(ctx, name, s.entries)] }, [`dbt sources for the SQL Server schema ${s.entries[0]!.node.source.schema}: generated by mssql2dbt`]) });
  }
  for (const [file, docs] of modelDocs) {
    const key = file.includes('__snapshots') ? 'snapshots' : file.includes('__analyses') ? 'analyses' : 'models';
    files.push({ path: file, content: toYaml({ version: 2, [key]: docs }, ['model documentation and tests: generated by mssql2dbt (columns from the catalog, tests from constraints)']) });
  }
  const usedFolders = new Set(files.filter((f) => f.path.startsWith('models/') && f.path.endsWith('.sql')).map((f) => f.path.split('/')[1]!));
  files.push(dbtProjectYml(plan, vars, usedFolders));
  files.push(profilesYml(plan, target, options.outDir, options.connection));
  files.push(...shippedFiles());
  // The date spine macro only ships with projects that have a date-dimension loop.
  if (files.some((f) => f.content.includes('mssql2dbt_date_spine('))) files.push(dateSpineMacro());
  if (files.some((f) => f.content.includes('mssql2dbt_surrogate_key('))) files.push(surrogateKeyMacro());
  if (files.some((f) => f.content.includes('mssql2dbt_divide_decimal('))) files.push(divideDecimalMacro());
  files.push(migrationNotes(ctx));
  for (const dir of ['seeds', 'analyses', 'snapshots', 'macros']) if (!files.some((f) => f.path.startsWith(`${dir}/`))) files.push({ path: `${dir}/.gitkeep`, content: '' });
  return { files, diagnostics: ctx.diagnostics };
}

/** Builds the project and writes it to `outDir`, keeping user edits unless `force`. */
export function writeDbtProject(options: GenerateOptions): GenerateReport {
  const { files, diagnostics } = buildDbtProject(options);
  const written = writeFiles(options.outDir, files, options.force ?? false);
  return { outDir: options.outDir, files: written.files, diagnostics: [...diagnostics, ...written.diagnostics] };
}
