import type * as A from '../ast/index.js';
import {
  comments, dataType, expr, ident, indent, list, objectName, query, raw, selectItem, tableSource, top, trailing, withClause,
} from './printer.js';

type Printers<U extends { kind: string }> = { [K in U['kind']]: (n: Extract<U, { kind: K }>) => string };

function withPrefix(w: A.WithClause | undefined): string {
  return w ? withClause(w) + '\n' : '';
}
function option(o: A.RawTokens | undefined): string {
  return o ? '\nOPTION ' + raw(o) : '';
}
function output(o: readonly A.OutputClause[] | undefined): string {
  if (!o) return '';
  return o
    .map((c) => {
      let s = '\n' + comments(c) + 'OUTPUT ' + list(c.columns, selectItem);
      if (c.into) {
        const t = c.into.target;
        s += ' INTO ' + (t.kind === 'Variable' ? t.name : objectName(t)) + (c.into.columns ? ` (${list(c.into.columns, ident)})` : '');
      }
      return s;
    })
    .join('');
}
function variable(v: A.Variable): string {
  return comments(v) + v.name;
}

function setItem(i: A.SetItem): string {
  switch (i.kind) {
    case 'SetColumn':
      return `${expr(i.column)} ${i.op} ${expr(i.expr)}`;
    case 'SetVariable':
      return `${i.variable.name} ${i.op} ${i.column ? expr(i.column) + ' = ' : ''}${expr(i.expr)}`;
    case 'SetMethod':
      return expr(i.call);
  }
}

function block(statements: readonly A.Statement[]): string {
  if (!statements.length) return '';
  return indent('\n' + statements.map(statement).join('\n')) + '\n';
}

function elementList(elements: readonly A.TableElement[]): string {
  return `(${indent('\n' + list(elements, tableElement, ',\n'))}\n)`;
}

function indexColumns(cols: readonly A.IndexColumn[]): string {
  return `(${cols.map((c) => ident(c.name) + (c.direction ? ' ' + c.direction : '')).join(', ')})`;
}

function keyConstraint(c: A.KeyConstraint): string {
  switch (c.kind) {
    case 'PrimaryKey':
    case 'Unique':
      return `${c.kind === 'PrimaryKey' ? 'PRIMARY KEY' : 'UNIQUE'}${c.clustered ? ' ' + c.clustered : ''}${c.columns ? ' ' + indexColumns(c.columns) : ''}${c.options ? ' ' + raw(c.options) : ''}`;
    case 'ForeignKey':
      return `${c.columns ? `FOREIGN KEY (${list(c.columns, ident)}) ` : ''}REFERENCES ${objectName(c.refTable)}${c.refColumns ? ` (${list(c.refColumns, ident)})` : ''}${c.onDelete ? ' ON DELETE ' + c.onDelete : ''}${c.onUpdate ? ' ON UPDATE ' + c.onUpdate : ''}${c.notForReplication ? ' NOT FOR REPLICATION' : ''}`;
    case 'Check':
      return `CHECK${c.notForReplication ? ' NOT FOR REPLICATION' : ''} (${expr(c.expr)})`;
    case 'Default':
      return `DEFAULT ${expr(c.expr)}${c.forColumn ? ' FOR ' + ident(c.forColumn) : ''}${c.withValues ? ' WITH VALUES' : ''}`;
    case 'Connection':
      return raw(c.tokens);
  }
}

function constraint(c: A.Constraint): string {
  return comments(c) + (c.name ? `CONSTRAINT ${ident(c.name)} ` : '') + keyConstraint(c.constraint);
}

function tableIndex(i: A.TableIndex): string {
  return comments(i) + `INDEX ${ident(i.name)}${i.unique ? ' UNIQUE' : ''}${i.clustered ? ' ' + i.clustered : ''}${i.columns ? ' ' + indexColumns(i.columns) : ''}${i.options ? ' ' + raw(i.options) : ''}`;
}

function columnDefinition(c: A.ColumnDefinition): string {
  let s = ident(c.name);
  if (c.computed) s += ` AS ${expr(c.computed.expr)}${c.computed.persisted ? ' PERSISTED' : ''}`;
  if (c.type) s += ' ' + dataType(c.type);
  if (c.filestream) s += ' FILESTREAM';
  if (c.sparse) s += ' SPARSE';
  if (c.collate) s += ' COLLATE ' + c.collate;
  if (c.generatedAlways) s += ' GENERATED ALWAYS AS ' + c.generatedAlways;
  if (c.hidden) s += ' HIDDEN';
  if (c.masked) s += ` MASKED WITH (FUNCTION = ${expr(c.masked)})`;
  if (c.encrypted) s += ' ENCRYPTED WITH ' + raw(c.encrypted);
  if (c.identity) {
    s += ' IDENTITY';
    if (c.identity.seed && c.identity.increment) s += `(${expr(c.identity.seed)}, ${expr(c.identity.increment)})`;
    if (c.identity.notForReplication) s += ' NOT FOR REPLICATION';
  }
  if (c.notForReplication) s += ' NOT FOR REPLICATION';
  if (c.rowguidcol) s += ' ROWGUIDCOL';
  if (c.nullable !== undefined) s += c.nullable ? ' NULL' : ' NOT NULL';
  for (const k of c.constraints) s += ' ' + constraint(k);
  if (c.index) s += ' ' + tableIndex(c.index);
  return comments(c) + s;
}

function tableElement(e: A.TableElement): string {
  switch (e.kind) {
    case 'ColumnDefinition':
      return columnDefinition(e);
    case 'Constraint':
      return constraint(e);
    case 'TableIndex':
      return tableIndex(e);
    case 'PeriodForSystemTime':
      return comments(e) + `PERIOD FOR SYSTEM_TIME (${ident(e.start)}, ${ident(e.end)})`;
  }
}

function moduleOptions(o: readonly A.ModuleOption[]): string {
  if (!o.length) return '';
  return '\nWITH ' + o.map((x) => (x.name === 'INLINE' ? `INLINE = ${x.value}` : x.value ? `${x.name} ${x.value}` : x.name)).join(', ');
}

function parameters(ps: readonly A.Parameter[]): string {
  return ps
    .map((p) => `${comments(p)}${p.name.name} ${dataType(p.type)}${p.varying ? ' VARYING' : ''}${p.nullability ? ' ' + p.nullability : ''}${p.default ? ' = ' + expr(p.default) : ''}${p.output ? ' OUTPUT' : ''}${p.readonly ? ' READONLY' : ''}`)
    .join(',\n' + '    ');
}

function alterTableAction(a: A.AlterTableAction): string {
  switch (a.kind) {
    case 'AddElements':
      return `${a.check ? a.check + ' ' : ''}ADD ${list(a.elements, tableElement, ',\n    ')}`;
    case 'AlterColumn':
      return `ALTER COLUMN ${columnDefinition(a.column)}`;
    case 'DropElements':
      return `DROP ${a.elements.map((e) => `${e.type} ${ident(e.name)}`).join(', ')}`;
    case 'CheckConstraints':
      return `${a.check ? a.check + ' ' : ''}${a.enable ? 'CHECK' : 'NOCHECK'} CONSTRAINT ${a.all ? 'ALL' : list(a.names, ident)}`;
    case 'Trigger':
      return `${a.enable ? 'ENABLE' : 'DISABLE'} TRIGGER ${a.all ? 'ALL' : list(a.names, ident)}`;
    case 'Other':
      return raw(a.tokens);
  }
}

function execArgs(args: readonly A.ExecArgument[]): string {
  return args.map((a) => `${a.name ? a.name + ' = ' : ''}${expr(a.value)}${a.output ? ' OUTPUT' : ''}`).join(', ');
}

function insertSource(s: A.InsertSource): string {
  switch (s.kind) {
    case 'Values':
      return 'VALUES ' + s.rows.map((r) => `(${list(r, expr)})`).join(',\n    ');
    case 'DefaultValues':
      return 'DEFAULT VALUES';
    case 'QuerySource':
      return query(s.query);
    case 'ExecSource':
      // The inner EXEC is part of the INSERT: no semicolon of its own.
      return comments(s.exec) + (STATEMENTS[s.exec.kind] as (n: A.Statement) => string)(s.exec) + trailing(s.exec);
  }
}

function mergeClause(c: A.MergeClause): string {
  let s = `WHEN ${c.match}${c.condition ? ' AND ' + expr(c.condition) : ''} THEN `;
  const a = c.action;
  if (a.kind === 'MergeUpdate') s += 'UPDATE SET ' + list(a.set, setItem, ',\n        ');
  else if (a.kind === 'MergeDelete') s += 'DELETE';
  else s += `INSERT${a.columns ? ` (${list(a.columns, ident)})` : ''} ${a.values ? `VALUES (${list(a.values, expr)})` : 'DEFAULT VALUES'}`;
  return comments(c) + s;
}

function whereCurrent(n: { where?: A.Expression; currentOf?: A.Identifier }): string {
  if (n.currentOf) return '\nWHERE CURRENT OF ' + ident(n.currentOf);
  return n.where ? '\nWHERE ' + expr(n.where) : '';
}

function cursorRef(c: A.Identifier | A.Variable): string {
  return c.kind === 'Variable' ? c.name : ident(c);
}

const STATEMENTS: Printers<A.Statement> = {
  SelectStatement: (n) => withPrefix(n.with) + query(n.query) + option(n.option),
  Insert: (n) =>
    `${withPrefix(n.with)}INSERT${n.top ? ' ' + top(n.top) : ''}${n.into ? ' INTO' : ''} ${tableSource(n.target)}${n.columns ? ` (${list(n.columns, ident)})` : ''}${output(n.output)}\n${insertSource(n.source)}${option(n.option)}`,
  Update: (n) =>
    `${withPrefix(n.with)}UPDATE${n.top ? ' ' + top(n.top) : ''} ${tableSource(n.target)}\nSET ${list(n.set, setItem, ',\n    ')}${output(n.output)}${n.from ? '\nFROM ' + list(n.from, tableSource, ', ') : ''}${whereCurrent(n)}${option(n.option)}`,
  Delete: (n) =>
    `${withPrefix(n.with)}DELETE${n.top ? ' ' + top(n.top) : ''}${n.fromKeyword ? ' FROM' : ''} ${tableSource(n.target)}${output(n.output)}${n.from ? '\nFROM ' + list(n.from, tableSource, ', ') : ''}${whereCurrent(n)}${option(n.option)}`,
  Merge: (n) =>
    `${withPrefix(n.with)}MERGE${n.top ? ' ' + top(n.top) : ''} INTO ${tableSource(n.target)}\nUSING ${tableSource(n.using)}\nON ${expr(n.on)}\n${n.clauses.map(mergeClause).join('\n')}${output(n.output)}${option(n.option)}`,
  Truncate: (n) => `TRUNCATE TABLE ${objectName(n.table)}${n.partitions ? ' ' + raw(n.partitions) : ''}`,
  BulkInsert: (n) =>
    `BULK INSERT ${objectName(n.table)}\nFROM ${expr(n.file)}${n.options.length ? `\nWITH (${n.options.map((o) => o.name + (o.value ? ' = ' + expr(o.value) : '')).join(', ')})` : ''}`,
  Declare: (n) =>
    'DECLARE ' +
    n.items
      .map((i) => {
        if (i.kind === 'DeclareTable') return `${i.name.name} TABLE ${elementList(i.elements)}`;
        if (i.kind === 'DeclareCursorVariable') return `${i.name.name} CURSOR`;
        return `${i.name.name} ${dataType(i.type)}${i.init ? ' = ' + expr(i.init) : ''}`;
      })
      .join(',\n    '),
  DeclareCursor: (n) => {
    let s = `DECLARE ${ident(n.name)} CURSOR${n.options.length ? ' ' + n.options.join(' ') : ''} FOR\n${query(n.query)}`;
    if (n.forUpdate) s += n.forUpdate.readOnly ? '\nFOR READ ONLY' : `\nFOR UPDATE${n.forUpdate.columns ? ' OF ' + list(n.forUpdate.columns, ident) : ''}`;
    return s;
  },
  SetVariable: (n) => {
    if (n.cursorOptions && n.expr.kind === 'ScalarSubquery') {
      return `SET ${variable(n.variable)} ${n.op} ${comments(n.expr)}CURSOR${n.cursorOptions.map((o) => ' ' + o).join('')} FOR\n${query(n.expr.query)}`;
    }
    return `SET ${variable(n.variable)} ${n.op} ${expr(n.expr)}`;
  },
  SetOption: (n) => `SET ${n.options.join(', ')}${n.target ? ' ' + objectName(n.target) : ''}${n.value.tokens.length ? ' ' + raw(n.value) : ''}`,
  If: (n) => `IF ${expr(n.condition)}${indent('\n' + statement(n.then))}${n.else ? '\nELSE' + indent('\n' + statement(n.else)) : ''}`,
  While: (n) => `WHILE ${expr(n.condition)}${indent('\n' + statement(n.body))}`,
  Block: (n) => `BEGIN${n.atomic ? ' ATOMIC WITH ' + raw(n.atomic) : ''}${block(n.statements) || '\n'}END`,
  TryCatch: (n) => `BEGIN TRY${block(n.tryBlock) || '\n'}END TRY\nBEGIN CATCH${block(n.catchBlock) || '\n'}END CATCH`,
  Return: (n) => (n.expr ? `RETURN ${expr(n.expr)}` : 'RETURN'),
  Break: () => 'BREAK',
  Continue: () => 'CONTINUE',
  Goto: (n) => `GOTO ${ident(n.label)}`,
  Label: (n) => `${ident(n.name)}:`,
  WaitFor: (n) => `WAITFOR ${n.type} ${expr(n.expr)}`,
  Throw: (n) => (n.args ? `THROW ${list(n.args, expr)}` : 'THROW'),
  Raiserror: (n) => (n.legacy ? `RAISERROR ${list(n.args, expr, ' ')}` : `RAISERROR(${list(n.args, expr)})${n.options.length ? ' WITH ' + n.options.join(', ') : ''}`),
  Print: (n) => `PRINT ${expr(n.expr)}`,
  Transaction: (n) =>
    `${n.action === 'BEGIN DISTRIBUTED' ? 'BEGIN DISTRIBUTED' : n.action}${n.keyword ? ' ' + n.keyword : ''}${n.name ? ' ' + (n.name.kind === 'Variable' ? n.name.name : ident(n.name)) : ''}${n.options ? ' ' + raw(n.options) : ''}`,
  CursorStatement: (n) => `${n.action} ${n.global ? 'GLOBAL ' : ''}${cursorRef(n.cursor)}`,
  Fetch: (n) =>
    `FETCH ${n.direction ? n.direction + ' ' : ''}${n.offset ? expr(n.offset) + ' ' : ''}${n.fromKeyword ? 'FROM ' : ''}${n.global ? 'GLOBAL ' : ''}${cursorRef(n.cursor)}${n.into ? ' INTO ' + n.into.map((v) => v.name).join(', ') : ''}`,
  ExecuteProcedure: (n) =>
    `${n.keyword === 'NONE' ? '' : n.keyword + ' '}${n.returnStatus ? n.returnStatus.name + ' = ' : ''}${n.procedure.kind === 'Variable' ? n.procedure.name : objectName(n.procedure)}${n.args.length ? ' ' + execArgs(n.args) : ''}${n.options ? ' ' + raw(n.options) : ''}`,
  ExecuteString: (n) => `${n.keyword} (${list(n.parts, expr)}${n.args ? ', ' + list(n.args, expr) : ''})${n.tail ? ' ' + raw(n.tail) : ''}`,
  Use: (n) => `USE ${ident(n.database)}`,
  ExecuteAs: (n) => (n.revert ? 'REVERT' : 'EXECUTE') + (n.tokens.tokens.length ? ' ' + raw(n.tokens) : ''),
  CreateTable: (n) => `CREATE TABLE ${objectName(n.name)}${n.as ? ' AS ' + n.as : ''} ${n.elements.length ? elementList(n.elements) : ''}${n.storage ? '\n' + raw(n.storage) : ''}`,
  AlterTable: (n) => `ALTER TABLE ${objectName(n.name)} ${alterTableAction(n.action)}`,
  CreateView: (n) =>
    `${n.mode} VIEW ${objectName(n.name)}${n.columns ? ` (${list(n.columns, ident)})` : ''}${n.options.length ? '\nWITH ' + n.options.join(', ') : ''}\nAS\n${withPrefix(n.with)}${query(n.query)}${n.checkOption ? '\nWITH CHECK OPTION' : ''}`,
  CreateProcedure: (n) =>
    `${n.mode} ${n.keyword} ${objectName(n.name)}${n.number !== undefined ? ';' + n.number : ''}${n.parenthesizedParams ? ` (${parameters(n.params)})` : n.params.length ? '\n    ' + parameters(n.params) : ''}${moduleOptions(n.options)}${n.forReplication ? '\nFOR REPLICATION' : ''}\nAS${n.externalName ? ' EXTERNAL NAME ' + objectName(n.externalName) : block(n.body)}`,
  CreateFunction: (n) => {
    const head = `${n.mode} FUNCTION ${objectName(n.name)} (${parameters(n.params)})\nRETURNS `;
    const r = n.returns;
    switch (r.kind) {
      case 'Scalar':
        return `${head}${dataType(r.type)}${moduleOptions(n.options)}\nAS${block(r.body)}`;
      case 'InlineTable': {
        const q = withPrefix(r.with) + query(r.query);
        return `${head}TABLE${moduleOptions(n.options)}\nAS\nRETURN ${r.parenthesized ? `(${indent('\n' + q)}\n)` : q}`;
      }
      case 'MultiTable':
        return `${head}${r.variable.name} TABLE ${elementList(r.elements)}${moduleOptions(n.options)}\nAS${block(r.body)}`;
      case 'External':
        return `${head}${r.type ? dataType(r.type) : ''}${moduleOptions(n.options)}\nAS EXTERNAL NAME ${objectName(r.externalName)}`;
    }
  },
  CreateTrigger: (n) => {
    const target = n.target.kind === 'Object' ? objectName(n.target.name) : n.target.kind === 'Database' ? 'DATABASE' : 'ALL SERVER';
    return `${n.mode} TRIGGER ${objectName(n.name)} ON ${target}${moduleOptions(n.options)}\n${n.timing} ${n.events.join(', ')}${n.withAppend ? ' WITH APPEND' : ''}${n.notForReplication ? ' NOT FOR REPLICATION' : ''}\nAS${n.externalName ? ' EXTERNAL NAME ' + objectName(n.externalName) : block(n.body)}`;
  },
  CreateIndex: (n) =>
    `CREATE${n.unique ? ' UNIQUE' : ''}${n.clustered ? ' ' + n.clustered : ''}${n.type === 'ROWSTORE' ? '' : ' ' + n.type} INDEX ${ident(n.name)} ON ${objectName(n.table)}${n.columns.length ? ' ' + indexColumns(n.columns) : ''}${n.include ? ` INCLUDE (${list(n.include, ident)})` : ''}${n.where ? ' WHERE ' + expr(n.where) : ''}${n.options ? ' ' + raw(n.options) : ''}`,
  CreateFulltextIndex: (n) => `CREATE FULLTEXT INDEX ON ${objectName(n.table)} ${raw(n.tokens)}`,
  CreateSequence: (n) => `${n.mode} SEQUENCE ${objectName(n.name)}${n.type ? ' AS ' + dataType(n.type) : ''}${n.options.map((o) => `\n    ${o.name}${o.value ? ' ' + expr(o.value) : ''}`).join('')}`,
  CreateType: (n) => {
    if (n.from) return `CREATE TYPE ${objectName(n.name)} FROM ${dataType(n.from)}${n.nullability ? ' ' + n.nullability : ''}`;
    if (n.externalName) return `CREATE TYPE ${objectName(n.name)} EXTERNAL NAME ${objectName(n.externalName)}`;
    return `CREATE TYPE ${objectName(n.name)} AS TABLE ${elementList(n.table ?? [])}${n.tableOptions ? ' ' + raw(n.tableOptions) : ''}`;
  },
  CreateSchema: (n) => `CREATE SCHEMA${n.name ? ' ' + ident(n.name) : ''}${n.authorization ? ' AUTHORIZATION ' + ident(n.authorization) : ''}${n.elements.length ? '\n' + n.elements.map(statement).join('\n') : ''}`,
  CreateSynonym: (n) => `CREATE SYNONYM ${objectName(n.name)} FOR ${objectName(n.target)}`,
  CreatePartitionFunction: (n) => `CREATE PARTITION FUNCTION ${ident(n.name)} (${dataType(n.inputType)})\nAS RANGE${n.range ? ' ' + n.range : ''} FOR VALUES (${list(n.values, expr)})`,
  CreatePartitionScheme: (n) => `CREATE PARTITION SCHEME ${ident(n.name)}\nAS PARTITION ${ident(n.function)}${n.all ? ' ALL' : ''} TO (${list(n.filegroups, ident)})`,
  CreateXmlSchemaCollection: (n) => `${n.mode} XML SCHEMA COLLECTION ${objectName(n.name)} ${n.add ? 'ADD' : 'AS'} ${expr(n.expr)}`,
  Drop: (n) => `DROP ${n.objectType}${n.ifExists ? ' IF EXISTS' : ''} ${list(n.names, objectName)}${n.on ? ' ON ' + (typeof n.on === 'string' ? n.on : objectName(n.on)) : ''}`,
  OpaqueStatement: (n) => raw(n.tokens),
  UnsupportedStatement: (n) => raw(n.tokens),
  ErrorStatement: (n) => `/* syntax error: ${n.message.replace(/\*\//g, '* /')} */ ${n.tokens.tokens.join(' ')}`,
  SqlcmdCommand: (n) => `${n.command}${n.args ? ' ' + n.args : ''}`,
};

/** One statement with its comments and a terminating semicolon (never wrong in T-SQL after these). */
export function statement(s: A.Statement): string {
  const body = (STATEMENTS[s.kind] as (n: A.Statement) => string)(s);
  // sqlcmd directives must start their own line.
  if (s.kind === 'SqlcmdCommand') return comments(s) + '\n' + body + trailing(s) + '\n';
  // A label's loose comments stood before its colon.
  if (s.kind === 'Label') return comments(s) + ident(s.name) + trailing(s) + ':';
  return comments(s) + body + trailing(s) + ';';
}

export function batch(b: A.Batch): string {
  let s = comments(b) + b.statements.map(statement).join('\n');
  if (b.trailingComments) s += '\n' + b.trailingComments.map((c) => c.text).join('\n');
  return s;
}

/** Prints a script; batches are separated by GO (with its count when not 1). */
export function printScript(script: A.Script): string {
  return script.batches.map((b) => batch(b) + `\nGO${b.repeat !== 1 ? ' ' + b.repeat : ''}\n`).join('');
}

