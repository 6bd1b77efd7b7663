/**
 * Counts what makes a module hard to migrate, from its parsed definition. One iterative pass over
 * the AST (src/catalog/ast/walk.ts finds the children), with a depth counter for nesting.
 */
import { childNodes, walk, type AnyNode } from '../catalog/ast/walk.js';
import { parseScript } from '../tsql/index.js';

/** The AST half of `ComplexityMetrics` (the graph half is filled in by assess.ts). */
export interface BodyMetrics {
  statements: number;
  joins: number;
  subqueries: number;
  nestingDepth: number;
  tempTables: number;
  tableVariables: number;
  cursors: number;
  loops: number;
  dynamicSql: boolean;
  dynamicSqlOpaque: boolean;
  transactions: boolean;
  errorHandling: boolean;
  xmlJson: boolean;
  merge: boolean;
  setRowcount: boolean;
  /** The value of the first SET ROWCOUNT, as written. */
  rowcountValue?: string;
  scd: boolean;
  /** Administration statements: DDL on indexes/sequences/schemas, DBCC, ALTER DATABASE, sp_configure … */
  adminStatements: number;
  /** DML statements (INSERT/UPDATE/DELETE/MERGE/TRUNCATE/SELECT). */
  dmlStatements: number;
  parseErrors: number;
}

/** Statement kinds of the T-SQL AST that count as statements (Block and module wrappers do not). */
const STATEMENTS = new Set([
  'SelectStatement', 'Insert', 'Update', 'Delete', 'Merge', 'Truncate', 'BulkInsert',
  'Declare', 'DeclareCursor', 'SetVariable', 'SetOption', 'If', 'While', 'TryCatch',
  'Return', 'Break', 'Continue', 'Goto', 'Label', 'WaitFor', 'Throw', 'Raiserror', 'Print',
  'Transaction', 'CursorStatement', 'Fetch', 'ExecuteProcedure', 'ExecuteString', 'Use', 'ExecuteAs',
  'CreateTable', 'AlterTable', 'CreateIndex', 'CreateFulltextIndex', 'CreateSequence', 'CreateType', 'CreateSchema',
  'CreateSynonym', 'CreatePartitionFunction', 'CreatePartitionScheme', 'CreateXmlSchemaCollection', 'Drop',
  'OpaqueStatement', 'UnsupportedStatement',
]);
const DML = new Set(['SelectStatement', 'Insert', 'Update', 'Delete', 'Merge', 'Truncate', 'BulkInsert']);
const ADMIN = new Set(['AlterTable', 'CreateIndex', 'CreateFulltextIndex', 'CreateSequence', 'CreateSchema', 'CreatePartitionFunction', 'CreatePartitionScheme', 'Drop', 'OpaqueStatement', 'UnsupportedStatement', 'Use']);
const SUBQUERIES = new Set(['ScalarSubquery', 'Exists', 'InSubquery', 'Quantified', 'DerivedTable', 'CommonTableExpression']);
const NESTING = new Set(['If', 'While', 'TryCatch', 'ScalarSubquery', 'Exists', 'InSubquery', 'Quantified', 'DerivedTable']);
const XML_METHODS = new Set(['value', 'nodes', 'query', 'exist', 'modify']);
const JSON_FUNCTIONS = new Set(['json_value', 'json_query', 'json_modify', 'isjson', 'json_object', 'json_array']);
const ADMIN_PROCS = /^(sp_configure|sp_rename|sp_addextendedproperty|sp_updatestats|sp_recompile|sp_refreshview|sp_msforeachtable|sp_droplogin|sp_addlogin|sp_adduser|sp_addrolemember|sp_change_users_login)$/i;
/** Column names that mark validity periods of a slowly changing dimension. */
const SCD_COLUMN = /valid[\s_]*(to|from|until)|effective|expir|is[\s_]*current|current[\s_]*flag|end[\s_]*date|row[\s_]*(end|start)/i;

interface NameNode extends AnyNode { readonly parts?: readonly ({ readonly name: string } | null)[] }

function lastPart(n: unknown): string {
  const parts = (n as NameNode | undefined)?.parts;
  if (!parts || parts.length === 0) return '';
  return parts[parts.length - 1]?.name ?? '';
}

export function emptyMetrics(): BodyMetrics {
  return {
    statements: 0, joins: 0, subqueries: 0, nestingDepth: 0, tempTables: 0, tableVariables: 0, cursors: 0, loops: 0,
    dynamicSql: false, dynamicSqlOpaque: false, transactions: false, errorHandling: false, xmlJson: false, merge: false,
    setRowcount: false, scd: false, adminStatements: 0, dmlStatements: 0, parseErrors: 0,
  };
}

/** Parses `definition` and counts. Never throws: a definition that does not parse yields what parsed. */
export function bodyMetrics(definition: string): BodyMetrics {
  const m = emptyMetrics();
  let script;
  try {
    const parsed = parseScript(definition);
    script = parsed.script;
    m.parseErrors = parsed.diagnostics.filter((d) => d.severity === 'error').length;
  } catch {
    m.parseErrors = 1;
    return m;
  }
  const temps = new Set<string>();
  const tableVars = new Set<string>();
  let updatesValidity = false;
  let inserts = false;
  // Depth-first with an explicit stack so deep generated SQL cannot overflow.
  const stack: { node: AnyNode; depth: number }[] = [{ node: script, depth: 0 }];
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    const k = node.kind;
    let d = depth;
    if (NESTING.has(k)) {
      d = depth + 1;
      if (d > m.nestingDepth) m.nestingDepth = d;
    }
    if (STATEMENTS.has(k)) {
      m.statements++;
      if (DML.has(k)) m.dmlStatements++;
      if (ADMIN.has(k)) m.adminStatements++;
    }
    if (SUBQUERIES.has(k)) m.subqueries++;
    switch (k) {
      case 'Join': m.joins++; break;
      case 'While': m.loops++; break;
      case 'DeclareCursor': case 'DeclareCursorVariable': m.cursors++; break;
      case 'Transaction': m.transactions = true; break;
      case 'TryCatch': case 'Throw': case 'Raiserror': m.errorHandling = true; break;
      case 'Merge': m.merge = true; break;
      case 'Insert': inserts = true; break;
      case 'OpenJson': case 'OpenXml': m.xmlJson = true; break;
      case 'ForClause': if ((node as unknown as { type: string }).type !== 'BROWSE') m.xmlJson = true; break;
      case 'MethodCall': if (XML_METHODS.has(String((node as unknown as { method: { name: string } }).method?.name).toLowerCase())) m.xmlJson = true; break;
      case 'FunctionCall': if (JSON_FUNCTIONS.has(lastPart((node as unknown as { name: unknown }).name).toLowerCase())) m.xmlJson = true; break;
      case 'DataType': if (lastPart((node as unknown as { name: unknown }).name).toLowerCase() === 'xml') m.xmlJson = true; break;
      case 'ExecuteString': m.dynamicSql = true; m.dynamicSqlOpaque = true; break;
      case 'ExecuteProcedure': {
        const proc = (node as unknown as { procedure: AnyNode }).procedure;
        const name = proc.kind === 'ObjectName' ? lastPart(proc).toLowerCase() : '';
        if (name === 'sp_executesql') { m.dynamicSql = true; m.dynamicSqlOpaque = true; }
        if (ADMIN_PROCS.test(name)) m.adminStatements++;
        break;
      }
      case 'DeclareTable': tableVars.add(String((node as unknown as { name?: { name?: string } }).name?.name ?? tableVars.size)); break;
      case 'ObjectName': {
        const n = lastPart(node);
        if (n.startsWith('#')) temps.add(n.toLowerCase());
        break;
      }
      case 'SetOption': {
        const opt = node as unknown as { options: readonly string[]; value?: { tokens?: readonly string[] } };
        if (opt.options.some((o) => o.toUpperCase() === 'ROWCOUNT')) {
          const value = (opt.value?.tokens ?? []).join(' ');
          // SET ROWCOUNT 0 switches the limit off again: not a use.
          if (value.trim() !== '0') {
            m.setRowcount = true;
            if (m.rowcountValue === undefined) m.rowcountValue = value;
          }
        }
        break;
      }
      case 'Update': {
        const set = (node as unknown as { set: readonly object[] }).set ?? [];
        walk(set.filter((s): s is AnyNode => typeof (s as AnyNode).kind === 'string'), (c) => {
          if (c.kind === 'Identifier' && SCD_COLUMN.test((c as unknown as { name: string }).name)) updatesValidity = true;
        });
        break;
      }
      default: break;
    }
    const children = childNodes(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, depth: d });
  }
  m.tempTables = temps.size;
  m.tableVariables = tableVars.size;
  m.scd = updatesValidity && inserts;
  return m;
}
