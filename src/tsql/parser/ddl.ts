import type {
  AlterTable, AlterTableAction, ColumnDefinition, Constraint, CreateFunction, CreateIndex, CreateMode, CreateProcedure,
  CreateSequence, CreateTable, CreateTrigger, CreateType, Expression, FunctionReturns, Identifier, IndexColumn, KeyConstraint,
  ModuleOption, ObjectName, Parameter, PeriodForSystemTime, RawTokens, Statement, TableElement, TableIndex, Variable,
  ViewDefinition, Drop, CreateSchema, CreateSynonym, CreatePartitionFunction, CreatePartitionScheme, CreateXmlSchemaCollection,
  CreateFulltextIndex,
} from '../ast/index.js';
import type { Mark, ParserCore } from './core.js';
import { parseDataType, parseExpression, parseExpressionList } from './expressions.js';
import { parseIdentifierList, parseQuery, parseWithClause } from './queries.js';
import { parseStatement, parseStatementsUntil } from './statements.js';

// ---- tables ----

/** `( element, … )` of CREATE TABLE, DECLARE @t TABLE, CREATE TYPE … AS TABLE, RETURNS @t TABLE. */
export function parseTableElements(p: ParserCore): TableElement[] {
  p.expectOp('(');
  const elements: TableElement[] = [];
  do {
    if (p.isOp(')')) break; // tolerate a trailing comma, as SQL Server does in table definitions
    elements.push(parseTableElement(p));
  } while (p.eatOp(','));
  p.expectOp(')');
  return elements;
}

const CONSTRAINT_START = new Set(['CONSTRAINT', 'PRIMARY', 'UNIQUE', 'FOREIGN', 'CHECK', 'DEFAULT', 'CONNECTION']);

function parseTableElement(p: ParserCore): TableElement {
  const m = p.mark();
  if (p.isWordIn(CONSTRAINT_START)) return parseConstraint(p, m, true);
  if (p.isWord('INDEX')) return parseTableIndex(p, m);
  if (p.isWord('PERIOD') && p.isWord('FOR', 1)) {
    p.next(); p.next();
    p.expectWord('SYSTEM_TIME');
    p.expectOp('(');
    const start = p.identifier();
    p.expectOp(',');
    const end = p.identifier();
    p.expectOp(')');
    return p.finish(m, { kind: 'PeriodForSystemTime' as const, start, end }) as PeriodForSystemTime;
  }
  return parseColumnDefinition(p, m);
}

function parseIndexColumns(p: ParserCore): IndexColumn[] {
  p.expectOp('(');
  const cols: IndexColumn[] = [];
  do {
    const name = p.identifier(true);
    let direction: 'ASC' | 'DESC' | undefined;
    if (p.isWord('ASC') || p.isWord('DESC')) direction = p.next().value as 'ASC' | 'DESC';
    cols.push({ name, ...(direction ? { direction } : {}) });
  } while (p.eatOp(','));
  p.expectOp(')');
  return cols;
}

/** WITH (…), ON filegroup, BUCKET_COUNT … after an index or key: kept verbatim. */
function parseIndexTail(p: ParserCore, stopAtComma = true): RawTokens | undefined {
  if (!(p.isWord('WITH') || p.isWord('ON') || p.isWord('TEXTIMAGE_ON') || p.isWord('FILESTREAM_ON') || p.isWord('USING'))) return undefined;
  let first = true;
  const raw = p.rawWhile((t) => {
    const ok = first || !(
      (stopAtComma && t.kind === 'op' && t.value === ',') ||
      (t.kind === 'op' && t.value === ';') ||
      (t.kind === 'word' && t.lineStart && !['WITH', 'ON', 'TEXTIMAGE_ON', 'FILESTREAM_ON', 'USING', 'BUCKET_COUNT'].includes(t.value))
    );
    first = false;
    return ok;
  });
  return raw.tokens.length ? raw : undefined;
}

function parseClustered(p: ParserCore): string | undefined {
  if (p.isWord('HASH')) return p.next().value;
  if (p.isWord('CLUSTERED') || p.isWord('NONCLUSTERED')) {
    let c = p.next().value;
    if (p.isWord('HASH') || p.isWord('COLUMNSTORE')) c += ' ' + p.next().value;
    return c;
  }
  return undefined;
}

function parseTableIndex(p: ParserCore, m: Mark): TableIndex {
  p.expectWord('INDEX');
  const name = p.identifier();
  const unique = p.eatWord('UNIQUE');
  const clustered = parseClustered(p);
  const columns = p.isOp('(') ? parseIndexColumns(p) : undefined;
  const options = parseIndexTail(p);
  return p.finish(m, { kind: 'TableIndex' as const, name, unique, ...(clustered ? { clustered } : {}), ...(columns ? { columns } : {}), ...(options ? { options } : {}) });
}

function parseReferentialAction(p: ParserCore): string {
  if (p.eatWords('NO', 'ACTION')) return 'NO ACTION';
  if (p.eatWord('CASCADE')) return 'CASCADE';
  p.expectWord('SET');
  return 'SET ' + p.expectOneOf(['NULL', 'DEFAULT']);
}

/** A table-level or inline constraint. `tableLevel` decides whether a column list is required. */
function parseConstraint(p: ParserCore, m: Mark, tableLevel: boolean): Constraint {
  let name: Identifier | undefined;
  if (p.eatWord('CONSTRAINT')) name = p.identifier();
  let constraint: KeyConstraint;
  if (p.isWord('PRIMARY') || p.isWord('UNIQUE')) {
    const kind = p.next().value === 'PRIMARY' ? ('PrimaryKey' as const) : ('Unique' as const);
    if (kind === 'PrimaryKey') p.expectWord('KEY');
    const clustered = parseClustered(p) as 'CLUSTERED' | 'NONCLUSTERED' | undefined;
    const columns = p.isOp('(') ? parseIndexColumns(p) : undefined;
    const options = parseIndexTail(p);
    constraint = { kind, ...(clustered ? { clustered } : {}), ...(columns ? { columns } : {}), ...(options ? { options } : {}) };
  } else if (p.isWord('FOREIGN') || p.isWord('REFERENCES')) {
    let columns: Identifier[] | undefined;
    if (p.eatWord('FOREIGN')) {
      p.expectWord('KEY');
      columns = parseIdentifierList(p, true);
    }
    p.expectWord('REFERENCES');
    const refTable = p.objectName();
    const refColumns = p.isOp('(') ? parseIdentifierList(p, true) : undefined;
    let onDelete: string | undefined;
    let onUpdate: string | undefined;
    let notForReplication = false;
    for (;;) {
      if (p.isWord('ON') && p.isWord('DELETE', 1)) {
        p.next(); p.next();
        onDelete = parseReferentialAction(p);
      } else if (p.isWord('ON') && p.isWord('UPDATE', 1)) {
        p.next(); p.next();
        onUpdate = parseReferentialAction(p);
      } else if (p.isWord('NOT') && p.isWord('FOR', 1)) {
        p.next(); p.next();
        p.expectWord('REPLICATION');
        notForReplication = true;
      } else break;
    }
    constraint = {
      kind: 'ForeignKey', ...(columns ? { columns } : {}), refTable, ...(refColumns ? { refColumns } : {}),
      ...(onDelete ? { onDelete } : {}), ...(onUpdate ? { onUpdate } : {}), notForReplication,
    };
  } else if (p.eatWord('CHECK')) {
    let notForReplication = false;
    if (p.isWord('NOT') && p.isWord('FOR', 1)) {
      p.next(); p.next();
      p.expectWord('REPLICATION');
      notForReplication = true;
    }
    p.expectOp('(');
    const expr = parseExpression(p);
    p.expectOp(')');
    constraint = { kind: 'Check', expr, notForReplication };
  } else if (p.eatWord('DEFAULT')) {
    const expr = parseExpression(p);
    let forColumn: Identifier | undefined;
    if (tableLevel && p.eatWord('FOR')) forColumn = p.identifier(true);
    const withValues = p.isWord('WITH') && p.isWord('VALUES', 1) ? (p.next(), p.next(), true) : undefined;
    constraint = { kind: 'Default', expr, ...(forColumn ? { forColumn } : {}), ...(withValues ? { withValues } : {}) };
  } else if (p.isWord('CONNECTION')) {
    constraint = { kind: 'Connection', tokens: p.rawWhile((t) => !(t.kind === 'op' && t.value === ',')) };
  } else {
    p.fail('PRIMARY KEY, UNIQUE, FOREIGN KEY, CHECK or DEFAULT');
  }
  return p.finish(m, { kind: 'Constraint' as const, ...(name ? { name } : {}), constraint });
}

function parseColumnDefinition(p: ParserCore, m: Mark, alter = false): ColumnDefinition {
  const name = p.identifier(true);
  const col: { -readonly [K in keyof ColumnDefinition]?: ColumnDefinition[K] } = { kind: 'ColumnDefinition', name };
  const constraints: Constraint[] = [];
  if (p.isWord('AS') && !alter) {
    p.next();
    const expr = parseExpression(p);
    col.computed = { expr, persisted: p.eatWord('PERSISTED') };
  } else {
    col.type = parseDataType(p);
  }
  for (;;) {
    const t = p.peek();
    if (t.kind !== 'word') break;
    const cm = p.mark();
    if (t.value === 'COLLATE') {
      p.next();
      col.collate = p.next().text;
    } else if (t.value === 'NULL') {
      p.next();
      col.nullable = true;
    } else if (t.value === 'NOT' && p.isWord('NULL', 1)) {
      p.next(); p.next();
      col.nullable = false;
    } else if (t.value === 'NOT' && p.isWord('FOR', 1)) {
      p.next(); p.next();
      p.expectWord('REPLICATION');
      col.notForReplication = true;
    } else if (t.value === 'IDENTITY') {
      p.next();
      let seed: Expression | undefined;
      let increment: Expression | undefined;
      if (p.eatOp('(')) {
        seed = parseExpression(p);
        p.expectOp(',');
        increment = parseExpression(p);
        p.expectOp(')');
      }
      let nfr = false;
      if (p.isWord('NOT') && p.isWord('FOR', 1)) {
        p.next(); p.next();
        p.expectWord('REPLICATION');
        nfr = true;
      }
      col.identity = { ...(seed ? { seed } : {}), ...(increment ? { increment } : {}), notForReplication: nfr };
    } else if (t.value === 'ROWGUIDCOL') {
      p.next();
      col.rowguidcol = true;
    } else if (t.value === 'SPARSE') {
      p.next();
      col.sparse = true;
    } else if (t.value === 'FILESTREAM') {
      p.next();
      col.filestream = true;
    } else if (t.value === 'PERSISTED' && col.computed) {
      p.next();
      col.computed = { ...col.computed, persisted: true };
    } else if (t.value === 'GENERATED' && p.isWord('ALWAYS', 1)) {
      p.next(); p.next();
      p.expectWord('AS');
      const words = [p.next().value];
      while (p.isWord('ID') || p.isWord('SEQUENCE') || p.isWord('NUMBER') || p.isWord('START') || p.isWord('END')) words.push(p.next().value);
      col.generatedAlways = words.join(' ');
    } else if (t.value === 'HIDDEN') {
      p.next();
      col.hidden = true;
    } else if (t.value === 'MASKED') {
      p.next();
      p.expectWord('WITH');
      p.expectOp('(');
      p.expectWord('FUNCTION');
      p.expectOp('=');
      col.masked = parseExpression(p);
      p.expectOp(')');
    } else if (t.value === 'ENCRYPTED') {
      p.next();
      p.expectWord('WITH');
      col.encrypted = p.rawParens();
    } else if (t.value === 'INDEX') {
      col.index = parseTableIndex(p, cm);
    } else if (CONSTRAINT_START.has(t.value) || t.value === 'REFERENCES') {
      constraints.push(parseConstraint(p, cm, false));
    } else break;
  }
  col.constraints = constraints;
  return p.finish(m, col as ColumnDefinition);
}

export function parseCreateTable(p: ParserCore, m: Mark): CreateTable {
  p.expectWord('TABLE');
  const name = p.objectName();
  let as: string | undefined;
  if (p.isWord('AS') && (p.isWord('FILETABLE', 1) || p.isWord('NODE', 1) || p.isWord('EDGE', 1))) {
    p.next();
    as = p.next().value;
  }
  const elements = p.isOp('(') ? parseTableElements(p) : [];
  if (!as && p.isWord('AS') && (p.isWord('NODE', 1) || p.isWord('EDGE', 1))) {
    p.next();
    as = p.next().value;
  }
  const storage = parseIndexTail(p, false);
  return p.finish(m, { kind: 'CreateTable' as const, name, elements, ...(as ? { as } : {}), ...(storage ? { storage } : {}) });
}

export function parseAlterTable(p: ParserCore, m: Mark): AlterTable {
  p.expectWord('TABLE');
  const name = p.objectName();
  let action: AlterTableAction;
  let check: 'WITH CHECK' | 'WITH NOCHECK' | undefined;
  if (p.isWord('WITH') && (p.isWord('CHECK', 1) || p.isWord('NOCHECK', 1))) {
    p.next();
    check = `WITH ${p.next().value}` as 'WITH CHECK' | 'WITH NOCHECK';
  }
  if (p.eatWord('ADD')) {
    const elements: TableElement[] = [];
    do elements.push(parseTableElement(p));
    while (p.eatOp(','));
    action = { kind: 'AddElements', ...(check ? { check } : {}), elements };
  } else if (p.isWord('ALTER') && p.isWord('COLUMN', 1)) {
    p.next(); p.next();
    const cm = p.mark();
    if (p.isIdentifierStart(0, true) && (p.isWord('ADD', 1) || p.isWord('DROP', 1))) {
      action = { kind: 'Other', tokens: p.rawStatementTail() };
    } else action = { kind: 'AlterColumn', column: parseColumnDefinition(p, cm, true) };
  } else if (p.eatWord('DROP')) {
    const ifExists = false;
    const elements: { type: 'CONSTRAINT' | 'COLUMN' | 'INDEX' | 'PERIOD'; name: Identifier }[] = [];
    let type: 'CONSTRAINT' | 'COLUMN' | 'INDEX' | 'PERIOD' = 'CONSTRAINT';
    do {
      if (p.isWord('CONSTRAINT') || p.isWord('COLUMN') || p.isWord('INDEX')) type = p.next().value as 'CONSTRAINT' | 'COLUMN' | 'INDEX';
      p.eatWords('IF', 'EXISTS');
      elements.push({ type, name: p.identifier() });
    } while (p.eatOp(','));
    action = { kind: 'DropElements', ifExists, elements };
  } else if ((p.isWord('CHECK') || p.isWord('NOCHECK')) && p.isWord('CONSTRAINT', 1)) {
    const enable = p.next().value === 'CHECK';
    p.next();
    action = { kind: 'CheckConstraints', ...(check ? { check } : {}), enable, ...allOrNames(p) };
  } else if ((p.isWord('ENABLE') || p.isWord('DISABLE')) && p.isWord('TRIGGER', 1)) {
    const enable = p.next().value === 'ENABLE';
    p.next();
    action = { kind: 'Trigger', enable, ...allOrNames(p) };
  } else {
    action = { kind: 'Other', tokens: p.rawStatementTail() };
  }
  return p.finish(m, { kind: 'AlterTable' as const, name, action });
}

/** `ALL` or `name, name, …` after CHECK CONSTRAINT / ENABLE TRIGGER. */
function allOrNames(p: ParserCore): { all: boolean; names: Identifier[] } {
  const all = p.eatWord('ALL');
  const names: Identifier[] = [];
  if (!all) {
    do names.push(p.identifier());
    while (p.eatOp(','));
  }
  return { all, names };
}

// ---- views and modules ----

function parseModuleOptions(p: ParserCore): ModuleOption[] {
  const options: ModuleOption[] = [];
  if (!p.isWord('WITH')) return options;
  p.next();
  do {
    const name = p.next().value;
    if (name === 'EXECUTE' || name === 'EXEC') {
      p.expectWord('AS');
      const v = p.next();
      options.push({ name: 'EXECUTE AS', value: v.kind === 'string' ? `'${v.value.replace(/'/g, "''")}'` : v.value });
    } else if (name === 'RETURNS' && p.isWord('NULL')) {
      p.next(); p.expectWord('ON'); p.expectWord('NULL'); p.expectWord('INPUT');
      options.push({ name: 'RETURNS NULL ON NULL INPUT' });
    } else if (name === 'CALLED' && p.isWord('ON')) {
      p.next(); p.expectWord('NULL'); p.expectWord('INPUT');
      options.push({ name: 'CALLED ON NULL INPUT' });
    } else if (name === 'INLINE' && p.isOp('=')) {
      p.next();
      options.push({ name: 'INLINE', value: p.next().value });
    } else options.push({ name });
  } while (p.eatOp(','));
  return options;
}

export function parseCreateView(p: ParserCore, m: Mark, mode: CreateMode): ViewDefinition {
  p.expectWord('VIEW');
  const name = p.objectName();
  const columns = p.isOp('(') ? parseIdentifierList(p, true) : undefined;
  const options = parseModuleOptions(p).map((o) => o.name);
  p.expectWord('AS');
  const withClause = p.isWord('WITH') ? parseWithClause(p) : undefined;
  const query = parseQuery(p);
  let checkOption = false;
  if (p.isWord('WITH') && p.isWord('CHECK', 1)) {
    p.next(); p.next();
    p.expectWord('OPTION');
    checkOption = true;
  }
  return p.finish(m, {
    kind: 'CreateView' as const, mode, name, ...(columns ? { columns } : {}), options, ...(withClause ? { with: withClause } : {}), query, checkOption,
  });
}

function parseParameters(p: ParserCore, stop: () => boolean): Parameter[] {
  const params: Parameter[] = [];
  if (stop()) return params;
  do {
    const m = p.mark();
    const t = p.peek();
    if (t.kind !== 'variable') p.fail('a @parameter');
    p.next();
    const name: Variable = { kind: 'Variable', name: t.text, span: p.spanOf(t) };
    p.eatWord('AS');
    const type = parseDataType(p);
    const varying = p.eatWord('VARYING');
    let nullability: 'NULL' | 'NOT NULL' | undefined;
    if (p.eatWord('NULL')) nullability = 'NULL';
    else if (p.eatWords('NOT', 'NULL')) nullability = 'NOT NULL';
    const def = p.eatOp('=') ? parseExpression(p) : undefined;
    let output = false;
    let readonly = false;
    for (;;) {
      if (p.isWord('OUTPUT') || p.isWord('OUT')) {
        p.next();
        output = true;
      } else if (p.eatWord('READONLY')) readonly = true;
      else break;
    }
    params.push(p.finish(m, { kind: 'Parameter' as const, name, type, varying, ...(nullability ? { nullability } : {}), ...(def ? { default: def } : {}), output, readonly }));
  } while (p.eatOp(','));
  return params;
}

/** A module body: `BEGIN … END` or statements to the end of the batch. */
function parseModuleBody(p: ParserCore): Statement[] {
  return parseStatementsUntil(p, () => false);
}

export function parseCreateProcedure(p: ParserCore, m: Mark, mode: CreateMode): CreateProcedure {
  const keyword = p.next().value as 'PROC' | 'PROCEDURE';
  const name = p.objectName();
  let num: number | undefined;
  if (p.eatOp(';')) num = Number(p.next().text);
  const parenthesizedParams = p.isOp('(');
  if (parenthesizedParams) p.next();
  const params = parseParameters(p, () => p.isOp(')') || p.isWord('AS') || p.isWord('WITH') || p.isWord('FOR'));
  if (parenthesizedParams) p.expectOp(')');
  const options = parseModuleOptions(p);
  let forReplication = false;
  if (p.isWord('FOR') && p.isWord('REPLICATION', 1)) {
    p.next(); p.next();
    forReplication = true;
  }
  p.expectWord('AS');
  if (p.isWord('EXTERNAL') && p.isWord('NAME', 1)) {
    p.next(); p.next();
    const externalName = p.objectName(true);
    return p.finish(m, { kind: 'CreateProcedure' as const, mode, keyword, name, ...(num !== undefined ? { number: num } : {}), params, parenthesizedParams, options, forReplication, body: [], externalName });
  }
  const body = parseModuleBody(p);
  return p.finish(m, { kind: 'CreateProcedure' as const, mode, keyword, name, ...(num !== undefined ? { number: num } : {}), params, parenthesizedParams, options, forReplication, body });
}

export function parseCreateFunction(p: ParserCore, m: Mark, mode: CreateMode): CreateFunction {
  p.expectWord('FUNCTION');
  const name = p.objectName();
  p.expectOp('(');
  const params = parseParameters(p, () => p.isOp(')'));
  p.expectOp(')');
  p.expectWord('RETURNS');
  let returns: FunctionReturns;
  let options: ModuleOption[];
  if (p.peek().kind === 'variable') {
    const t = p.next();
    const variable: Variable = { kind: 'Variable', name: t.text, span: p.spanOf(t) };
    p.expectWord('TABLE');
    const elements = parseTableElements(p);
    options = parseModuleOptions(p);
    p.eatWord('AS');
    returns = { kind: 'MultiTable', variable, elements, body: parseModuleBody(p) };
  } else if (p.isWord('TABLE')) {
    p.next();
    options = parseModuleOptions(p);
    p.expectWord('AS');
    p.expectWord('RETURN');
    if (p.isOp('(') && (p.isWord('SELECT', 1) || p.isWord('WITH', 1) || p.isOp('(', 1))) {
      p.next();
      const withClause = p.isWord('WITH') ? parseWithClause(p) : undefined;
      const query = parseQuery(p);
      p.expectOp(')');
      returns = { kind: 'InlineTable', ...(withClause ? { with: withClause } : {}), query, parenthesized: true };
    } else {
      const withClause = p.isWord('WITH') ? parseWithClause(p) : undefined;
      const query = parseQuery(p);
      returns = { kind: 'InlineTable', ...(withClause ? { with: withClause } : {}), query, parenthesized: false };
    }
  } else {
    const type = parseDataType(p);
    options = parseModuleOptions(p);
    p.eatWord('AS');
    if (p.isWord('EXTERNAL') && p.isWord('NAME', 1)) {
      p.next(); p.next();
      returns = { kind: 'External', type, externalName: p.objectName(true) };
    } else returns = { kind: 'Scalar', type, body: parseModuleBody(p) };
  }
  return p.finish(m, { kind: 'CreateFunction' as const, mode, name, params, options, returns });
}

export function parseCreateTrigger(p: ParserCore, m: Mark, mode: CreateMode): CreateTrigger {
  p.expectWord('TRIGGER');
  const name = p.objectName();
  p.expectWord('ON');
  let target: CreateTrigger['target'];
  if (p.eatWord('DATABASE')) target = { kind: 'Database' };
  else if (p.eatWords('ALL', 'SERVER')) target = { kind: 'AllServer' };
  else target = { kind: 'Object', name: p.objectName() };
  const options = parseModuleOptions(p);
  let timing: CreateTrigger['timing'];
  if (p.eatWords('INSTEAD', 'OF')) timing = 'INSTEAD OF';
  else timing = p.expectOneOf(['FOR', 'AFTER']) as 'FOR' | 'AFTER';
  const events: string[] = [];
  do events.push(p.next().value);
  while (p.eatOp(','));
  let withAppend = false;
  if (p.isWord('WITH') && p.isWord('APPEND', 1)) {
    p.next(); p.next();
    withAppend = true;
  }
  let notForReplication = false;
  if (p.isWord('NOT') && p.isWord('FOR', 1)) {
    p.next(); p.next();
    p.expectWord('REPLICATION');
    notForReplication = true;
  }
  p.expectWord('AS');
  if (p.isWord('EXTERNAL') && p.isWord('NAME', 1)) {
    p.next(); p.next();
    const externalName = p.objectName(true);
    return p.finish(m, { kind: 'CreateTrigger' as const, mode, name, target, options, timing, events, withAppend, notForReplication, body: [], externalName });
  }
  const body = parseModuleBody(p);
  return p.finish(m, { kind: 'CreateTrigger' as const, mode, name, target, options, timing, events, withAppend, notForReplication, body });
}

// ---- indexes, sequences, types, schemas, synonyms, partitions, XML schema collections ----

export function parseCreateIndex(p: ParserCore, m: Mark): CreateIndex | CreateFulltextIndex {
  if (p.eatWord('FULLTEXT')) {
    p.expectWord('INDEX');
    p.expectWord('ON');
    const table = p.objectName();
    return p.finish(m, { kind: 'CreateFulltextIndex' as const, table, tokens: p.rawStatementTail() });
  }
  const unique = p.eatWord('UNIQUE');
  let clustered: 'CLUSTERED' | 'NONCLUSTERED' | undefined;
  if (p.isWord('CLUSTERED') || p.isWord('NONCLUSTERED')) clustered = p.next().value as 'CLUSTERED' | 'NONCLUSTERED';
  let type: CreateIndex['type'] = 'ROWSTORE';
  if (p.eatWord('COLUMNSTORE')) type = 'COLUMNSTORE';
  else if (p.eatWords('PRIMARY', 'XML')) type = 'PRIMARY XML';
  else if (p.eatWord('XML')) type = 'XML';
  else if (p.eatWord('SPATIAL')) type = 'SPATIAL';
  p.expectWord('INDEX');
  const name = p.identifier();
  p.expectWord('ON');
  const table = p.objectName();
  const columns = p.isOp('(') ? parseIndexColumns(p) : [];
  const include = p.eatWord('INCLUDE') ? parseIdentifierList(p, true) : undefined;
  const where = p.eatWord('WHERE') ? parseExpression(p) : undefined;
  const options = parseIndexTail(p, false);
  return p.finish(m, {
    kind: 'CreateIndex' as const, mode: 'CREATE' as const, unique, ...(clustered ? { clustered } : {}), type, name, table, columns,
    ...(include ? { include } : {}), ...(where ? { where } : {}), ...(options ? { options } : {}),
  });
}

const SEQUENCE_OPTIONS = new Set(['START', 'INCREMENT', 'MINVALUE', 'MAXVALUE', 'CYCLE', 'CACHE', 'RESTART', 'NO']);

export function parseCreateSequence(p: ParserCore, m: Mark, mode: 'CREATE' | 'ALTER'): CreateSequence {
  p.expectWord('SEQUENCE');
  const name = p.objectName();
  const type = p.eatWord('AS') ? parseDataType(p) : undefined;
  const options: { name: string; value?: Expression }[] = [];
  while (p.isWordIn(SEQUENCE_OPTIONS)) {
    let word = p.next().value;
    if (word === 'NO') word += ' ' + p.next().value;
    else if ((word === 'START' || word === 'RESTART') && p.isWord('WITH')) word += ' ' + p.next().value;
    else if (word === 'INCREMENT') word += ' ' + p.expectWord('BY').value;
    let value: Expression | undefined;
    if (!word.startsWith('NO ') && word !== 'CYCLE' && !p.isWordIn(SEQUENCE_OPTIONS) && !p.atStatementBoundary()) value = parseExpression(p);
    options.push({ name: word, ...(value ? { value } : {}) });
  }
  return p.finish(m, { kind: 'CreateSequence' as const, mode, name, ...(type ? { type } : {}), options });
}

export function parseCreateType(p: ParserCore, m: Mark): CreateType {
  p.expectWord('TYPE');
  const name = p.objectName();
  if (p.eatWord('FROM')) {
    const from = parseDataType(p);
    let nullability: 'NULL' | 'NOT NULL' | undefined;
    if (p.eatWord('NULL')) nullability = 'NULL';
    else if (p.eatWords('NOT', 'NULL')) nullability = 'NOT NULL';
    return p.finish(m, { kind: 'CreateType' as const, name, from, ...(nullability ? { nullability } : {}) });
  }
  if (p.eatWords('EXTERNAL', 'NAME')) return p.finish(m, { kind: 'CreateType' as const, name, externalName: p.objectName(true) });
  p.expectWord('AS');
  p.expectWord('TABLE');
  const table = parseTableElements(p);
  const tableOptions = p.isWord('WITH') ? p.rawStatementTail() : undefined;
  return p.finish(m, { kind: 'CreateType' as const, name, table, ...(tableOptions ? { tableOptions } : {}) });
}

export function parseCreateSchema(p: ParserCore, m: Mark): CreateSchema {
  p.expectWord('SCHEMA');
  const name = p.isWord('AUTHORIZATION') ? undefined : p.identifier();
  const authorization = p.eatWord('AUTHORIZATION') ? p.identifier(true) : undefined;
  // Schema elements: CREATE TABLE/VIEW and GRANT statements that follow without a separator.
  const elements: Statement[] = [];
  while ((p.isWord('CREATE') && (p.isWord('TABLE', 1) || p.isWord('VIEW', 1))) || p.isWord('GRANT') || p.isWord('DENY') || p.isWord('REVOKE')) {
    elements.push(parseStatement(p));
  }
  return p.finish(m, { kind: 'CreateSchema' as const, ...(name ? { name } : {}), ...(authorization ? { authorization } : {}), elements });
}

export function parseCreateSynonym(p: ParserCore, m: Mark): CreateSynonym {
  p.expectWord('SYNONYM');
  const name = p.objectName();
  p.expectWord('FOR');
  return p.finish(m, { kind: 'CreateSynonym' as const, name, target: p.objectName(true) });
}

export function parseCreatePartition(p: ParserCore, m: Mark): CreatePartitionFunction | CreatePartitionScheme {
  p.expectWord('PARTITION');
  if (p.eatWord('FUNCTION')) {
    const name = p.identifier();
    p.expectOp('(');
    const inputType = parseDataType(p);
    p.expectOp(')');
    p.expectWord('AS');
    p.expectWord('RANGE');
    const range = p.isWord('LEFT') || p.isWord('RIGHT') ? (p.next().value as 'LEFT' | 'RIGHT') : undefined;
    p.expectWord('FOR');
    p.expectWord('VALUES');
    p.expectOp('(');
    const values = p.isOp(')') ? [] : parseExpressionList(p);
    p.expectOp(')');
    return p.finish(m, { kind: 'CreatePartitionFunction' as const, name, inputType, ...(range ? { range } : {}), values });
  }
  p.expectWord('SCHEME');
  const name = p.identifier();
  p.expectWord('AS');
  p.expectWord('PARTITION');
  const fn = p.identifier();
  const all = p.eatWord('ALL');
  p.expectWord('TO');
  const filegroups = parseIdentifierList(p, true);
  return p.finish(m, { kind: 'CreatePartitionScheme' as const, name, function: fn, all, filegroups });
}

export function parseXmlSchemaCollection(p: ParserCore, m: Mark, mode: 'CREATE' | 'ALTER'): CreateXmlSchemaCollection {
  p.expectWord('XML');
  p.expectWord('SCHEMA');
  p.expectWord('COLLECTION');
  const name = p.objectName();
  let add = false;
  if (mode === 'ALTER') {
    p.expectWord('ADD');
    add = true;
  } else p.expectWord('AS');
  return p.finish(m, { kind: 'CreateXmlSchemaCollection' as const, mode, name, add, expr: parseExpression(p) });
}

const DROP_TYPES = new Set(['TABLE', 'VIEW', 'PROCEDURE', 'PROC', 'FUNCTION', 'TRIGGER', 'INDEX', 'SEQUENCE', 'TYPE', 'SCHEMA', 'SYNONYM', 'DEFAULT', 'RULE', 'STATISTICS']);

/** Is this a DROP of an object kind the AST models (tables, views, modules, indexes …)? */
export function isModeledDrop(p: ParserCore): boolean {
  return p.isWordIn(DROP_TYPES, 1) || (p.isWord('XML', 1) && p.isWord('SCHEMA', 2)) || p.isWord('PARTITION', 1);
}

export function parseDrop(p: ParserCore, m: Mark): Drop {
  p.expectWord('DROP');
  let objectType: string;
  if (p.isWord('XML') && p.isWord('SCHEMA', 1)) {
    p.next(); p.next(); p.expectWord('COLLECTION');
    objectType = 'XML SCHEMA COLLECTION';
  } else if (p.isWord('PARTITION')) {
    p.next();
    objectType = 'PARTITION ' + p.expectOneOf(['FUNCTION', 'SCHEME']);
  } else objectType = p.expectOneOf([...DROP_TYPES]);
  if (objectType === 'PROC') objectType = 'PROCEDURE';
  const ifExists = p.eatWords('IF', 'EXISTS');
  const names: ObjectName[] = [];
  let on: Drop['on'];
  do {
    names.push(p.objectName());
    if (p.eatWord('ON')) {
      if (p.eatWord('DATABASE')) on = 'DATABASE';
      else if (p.eatWords('ALL', 'SERVER')) on = 'ALL SERVER';
      else on = p.objectName();
    }
  } while (p.eatOp(','));
  return p.finish(m, { kind: 'Drop' as const, objectType, ifExists, names, ...(on ? { on } : {}) });
}

