/**
 * The one registry of diagnostic codes. Codes are stable: they appear in CLI output, JSON, reports
 * and the UI, so a code is never renumbered or reused. Ranges by stage:
 *   MD1xxx input and parse, MD2xxx catalog, MD3xxx translate, MD4xxx plan and dbt generation,
 *   MD5xxx run and repair, MD6xxx validate, MD7xxx SSIS, MD8xxx assessment (src/assess).
 * Templates name their parameters as {name}; `formatMessage` fills them.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface CodeDefinition {
  readonly severity: Severity;
  readonly template: string;
  /** One line for the docs: what it means and what to do about it. */
  readonly doc: string;
}

export const CODES = {
  // --- input decoding and lexing ---
  MD1001: { severity: 'error', template: 'cannot read {path}: {reason}', doc: 'The file or folder could not be read; check the path and permissions.' },
  MD1002: { severity: 'warning', template: 'file is not valid {encoding}; {count} byte sequence(s) replaced', doc: 'The bytes are not valid in the detected encoding. Re-save the file as UTF-8 or UTF-16 with a BOM.' },
  MD1003: { severity: 'error', template: 'file looks binary (NUL bytes without a UTF-16 byte order mark)', doc: 'The file is not a text script; it is skipped.' },
  MD1010: { severity: 'error', template: 'unterminated string literal', doc: 'A quote opened here is never closed; the rest of the batch was read as part of the string.' },
  MD1011: { severity: 'error', template: 'unterminated block comment', doc: 'A /* comment opened here is never closed.' },
  MD1012: { severity: 'error', template: 'unterminated quoted identifier', doc: 'A [ or " opened here is never closed.' },
  MD1013: { severity: 'error', template: 'unexpected character {char}', doc: 'This character cannot start any T-SQL token.' },
  // --- parsing ---
  MD1100: { severity: 'error', template: 'expected {expected} but found {found}', doc: 'A syntax error; the parser skipped to the next statement and went on.' },
  MD1101: { severity: 'error', template: 'nesting deeper than {limit} levels', doc: 'Expressions or statements nest too deeply to be a real script; the rest of the batch (up to GO) is skipped, later batches are parsed.' },
  MD1102: { severity: 'warning', template: 'unsupported statement {statement}: kept verbatim, not analysed', doc: 'The statement is well formed but mssql2dbt does not model it; it is kept as text.' },
  MD1103: { severity: 'error', template: 'unbalanced {open}: no matching {close}', doc: 'An opening bracket or BEGIN has no partner before the end of the batch.' },
  MD1104: { severity: 'info', template: 'sqlcmd command {command} is not executed by the parser', doc: 'sqlcmd directives are recorded; the catalog step resolves :r and :setvar.' },
  // --- catalog ---
  MD2001: { severity: 'error', template: 'cannot open package {path}: {reason}', doc: 'The .dacpac/.bacpac is not a readable zip (truncated, corrupt or not a package). Re-export it.' },
  MD2002: { severity: 'error', template: 'package {path} has no model.xml', doc: 'A .dacpac/.bacpac keeps its schema in model.xml; without it there is nothing to catalog.' },
  MD2003: { severity: 'warning', template: 'package {path} declares model schema version {version} (format {format}), which mssql2dbt has not been tested with; reading what it can', doc: 'The package comes from a DacFx version newer or older than those we know. Check the catalog for missing objects.' },
  MD2004: { severity: 'error', template: 'model.xml in {path} is not well-formed XML: {reason}', doc: 'The package model is damaged; nothing could be read from it.' },
  MD2005: { severity: 'warning', template: '{what} {owner} in {part} refers to {target}, which is not in the model; skipped', doc: 'A constraint, index or default names an object the package does not contain.' },
  MD2006: { severity: 'info', template: '{part}: element types not in the catalog: {types}', doc: 'These model elements are not needed for a migration, or not modelled yet; they are listed so nothing is dropped silently.' },
  MD2010: { severity: 'error', template: 'cannot read project {path}: {reason}', doc: 'The .sqlproj could not be read or is not well-formed XML.' },
  MD2011: { severity: 'warning', template: 'project item {item} does not exist', doc: 'The .sqlproj lists a file that is not on disk; it is skipped.' },
  MD2012: { severity: 'warning', template: 'sqlcmd variable $({name}) has no value; left as written', doc: 'Give it a value with --var NAME=VALUE or a SqlCmdVariable default in the project.' },
  MD2013: { severity: 'error', template: 'include cycle: {chain}', doc: 'A :r include leads back to a file that is already being included; the repeated include is skipped.' },
  MD2014: { severity: 'warning', template: 'sqlcmd command {command} is not supported; line skipped', doc: 'Only :r, :setvar and :on error are interpreted when building the catalog.' },
  MD2015: { severity: 'info', template: 'project condition or wildcard not evaluated: {detail}', doc: 'MSBuild conditions are not evaluated; the item is taken as if the condition held.' },
  MD2020: { severity: 'error', template: 'cannot connect to {server}: {reason}', doc: 'Check the host, port, firewall and credentials; the password comes from MSSQL_PASSWORD or a prompt.' },
  MD2021: { severity: 'error', template: 'catalog query failed on {server}: {reason}', doc: 'extract-catalog.sql failed; the login needs VIEW DEFINITION on the database.' },
  MD2022: { severity: 'error', template: 'catalog JSON {path} is not the output of extract-catalog.sql: {reason}', doc: 'Run extract-catalog.sql unchanged and save its single JSON column as the file.' },
  MD2023: { severity: 'warning', template: '{what} refers to object id {id}, which is not in the extract; skipped', doc: 'The catalog rows are inconsistent (objects changed while the query ran?). Re-run the extract.' },
  MD2024: { severity: 'error', template: 'invalid connection: {reason}', doc: 'Use a connection string (Server=…;Database=…;User Id=…) or mssql://user@host:port/database.' },
  MD2025: { severity: 'warning', template: '{from} refers to {target}, which is not in the database', doc: 'SQL Server could not bind the name when the object was created (a missing object, or one created later); the edge is kept without a target kind.' },
  MD2030: { severity: 'warning', template: '{from} refers to {target}, which is not in the catalog', doc: 'No input declares this name (after default-schema resolution, case-insensitively). The edge is kept without a target kind; add the script or package that creates it, or ignore it if the object lives elsewhere.' },
  MD2031: { severity: 'info', template: '{kind} {name} is created again at {at}; the later definition is kept', doc: 'Install scripts often drop and re-create objects; the catalog describes the final state, so the last CREATE wins.' },
  MD2032: { severity: 'warning', template: '{what} refers to {target}, which no script creates; skipped', doc: 'An ALTER TABLE, CREATE INDEX, extended property or trigger names a table or view that is not in the inputs.' },
  MD2033: { severity: 'error', template: 'input {path}: {reason}', doc: 'The path does not exist or is not a kind of input extract understands (.sql file or folder, .sqlproj, .dacpac, .bacpac, extract JSON, mssql:// URL or connection string).' },
  MD2034: { severity: 'warning', template: 'cannot read {what}: {reason}', doc: 'A system procedure call that declares catalog objects (sp_addtype, sp_addextendedproperty) has arguments that are not constants; it is skipped.' },
  MD2035: { severity: 'info', template: '{object} runs dynamic SQL built at run time; the objects it touches are unknown', doc: 'EXEC(@sql) and sp_executesql with a variable cannot be analysed statically: the routine is marked opaque (facts.dynamicSqlOpaque) and its dependency list may be incomplete.' },
  MD2036: { severity: 'warning', template: 'the definition of {object} has syntax errors; its facts and dependencies may be incomplete', doc: 'The module text did not parse cleanly (see the MD1xxx diagnostics); what parsed was still analysed.' },
  MD2037: { severity: 'warning', template: '{kind} {name} comes from several inputs; the one from {kept} is kept', doc: 'Two inputs describe the same object; the later input on the command line wins.' },
  // --- translate ---
  MD3001: { severity: 'error', template: '{construct} cannot be translated to {target}', doc: 'The statement or construct has no equivalent on the target; it is kept as a comment. Rewrite it by hand or keep it on SQL Server.' },
  MD3002: { severity: 'warning', template: '{name} has no exact equivalent on {target}: {detail}', doc: 'The function or construct was translated approximately; check the marked spot.' },
  MD3003: { severity: 'info', template: 'table hint {hint} dropped', doc: 'Locking and index hints have no meaning on the target warehouse; they are removed.' },
  MD3004: { severity: 'warning', template: 'unknown function {name} passed through unchanged', doc: 'Not a SQL Server built-in we know (a user-defined function?). Migrate it as a macro or model and check the call.' },
  MD3005: { severity: 'warning', template: 'string literal {value} read as the date {iso}', doc: 'SQL Server converts unseparated date strings (yyyymmdd) implicitly; the target may not, so the literal was rewritten as an ISO date. If the other side is really a string column, change it back.' },
  MD3006: { severity: 'warning', template: "types of '+' operands unknown; assumed numeric addition", doc: "In T-SQL '+' concatenates when either operand is a string. Neither operand's type is known here; cast one side or give the catalog so the translator can tell." },
  MD3007: { severity: 'info', template: 'case-insensitive {construct} emulated with {how}', doc: 'The source collation is case-insensitive (--collation ci); the target compares case-sensitively, so both sides are folded. Accent sensitivity and trailing spaces are not emulated.' },
  MD3008: { severity: 'warning', template: 'type {type} becomes {mapped} on {target}: {loss}', doc: 'The target type loses information (precision, range, time zone or structure). Check values at the edges.' },
  MD3009: { severity: 'warning', template: 'CONVERT style {style} is not supported for {type}; style ignored', doc: 'Only the common date and number style codes are translated; format the value explicitly on the target.' },
  MD3010: { severity: 'warning', template: 'datepart {unit} is not supported by {fn} on {target}', doc: 'This datepart has no translation for the function on the target.' },
  MD3011: { severity: 'warning', template: '{construct} emulated on {target}: {detail}', doc: 'The construct is rewritten into an equivalent form (e.g. TOP PERCENT with a window count); check performance and ordering.' },
  MD3012: { severity: 'warning', template: 'variable {name} has no value outside a routine; left as a placeholder', doc: 'Variables belong to procedures; when migrated to a model they become dbt vars or macro arguments.' },
  MD3013: { severity: 'error', template: 'the input has parse errors; the statement at this spot was not translated', doc: 'Fix the syntax error reported by the parser (MD1xxx) first.' },
  MD3014: { severity: 'info', template: 'SELECT … INTO {table} becomes CREATE TABLE … AS', doc: 'Column types are inferred by the target from the query; in dbt this becomes a table model.' },
  // --- assessment (src/assess) ---
  MD8001: { severity: 'warning', template: '{object} uses SET ROWCOUNT {value}; it limits every later statement of the session', doc: 'SET ROWCOUNT is deprecated for DML and has no dbt equivalent; rewrite it as TOP/ORDER BY (LIMIT on the target) on the statement it was meant for.' },
  MD8002: { severity: 'warning', template: 'dependency cycle: {cycle}', doc: 'These objects depend on each other; they are assessed and migrated as one group (one wave). Break the cycle when modelling in dbt, which needs a DAG.' },
  MD8003: { severity: 'info', template: '{object} refers to {target} in {where}', doc: 'A three- or four-part name outside the assessed databases (another database or a linked server). Declare it as a dbt source or migrate that database too.' },
  MD8004: { severity: 'warning', template: 'the definition of {object} did not parse cleanly; its complexity may be underestimated', doc: 'See the parse diagnostics (MD1xxx) of the extract; the score counts only what parsed.' },
  MD8005: { severity: 'info', template: '{object} has no definition text; complexity is estimated from catalog facts only', doc: 'The input (a package or live database) did not include the module text, or the object is encrypted.' },
  MD8010: { severity: 'error', template: 'cannot read assessment input {path}: {reason}', doc: 'A metadata.json given to assess is not readable or not a catalog (formatVersion 1).' },
  // --- validate (src/validate) ---
  MD6001: { severity: 'error', template: 'cannot connect to {server}: {reason}', doc: 'The evaluator could not open the source or target (host, port, credentials from PGPASSWORD / MSSQL_PASSWORD, a DuckDB file locked by a writer). The model is unverifiable; the CLI exits 2.' },
  MD6002: { severity: 'error', template: 'query failed: {reason}', doc: 'A relation does not exist, the --where predicate is not valid on both engines, or a statement ran past --timeout. The model is unverifiable.' },
  MD6003: { severity: 'error', template: '{message}', doc: 'The options do not fit the relations (a key or column that is not in the source or target).' },
  MD6010: { severity: 'error', template: '{source} and {target} differ: {reason}', doc: 'The migrated model does not return the same data as its source; see the diff (missing keys, changed values, schema, profiles).' },
  MD6011: { severity: 'info', template: '{source} and {target} are equal ({rows} rows)', doc: 'The evaluator verified the model against its source.' },
  // --- CLI usage ---
  MD1900: { severity: 'error', template: '{message}', doc: 'Bad command-line usage.' },
} as const satisfies Record<string, CodeDefinition>;

export type DiagnosticCode = keyof typeof CODES;
