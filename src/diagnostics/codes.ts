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
  MD3015: { severity: 'warning', template: 'fractional seconds of {value} cut to 6 digits: {iso}', doc: "SQL Server's datetime2(7), time(7) and datetimeoffset(7) keep 100 ns; the targets keep microseconds. The 7th digit is dropped (truncated, as the loader truncates the data), so the literal still equals the loaded rows; PostgreSQL would otherwise round '…23:59:59.9999999' into the next second (the end-of-time marker 9999-12-31 becomes year 10000)." },
  // --- dbt generation (src/dbt): MD4050–MD4099 ---
  MD4050: { severity: 'warning', template: '{path} was edited since it was generated; kept (use --force to overwrite)', doc: 'The generator found a different content hash than the one it recorded in .mssql2dbt/generated.json: your change is kept. Re-run with --force to replace it.' },
  MD4051: { severity: 'warning', template: '{node}: statement {kind} at line {line} not found in {object}; the model selects nothing from it', doc: 'The plan points at a statement the generator could not find in the routine definition (the definition changed since planning?). Re-plan, or write the model by hand.' },
  MD4052: { severity: 'warning', template: '{node}: {object} has no definition text; {what} written as a stub', doc: 'The input (a package or live database) did not include the module text. Re-extract with definitions, or write the model by hand.' },
  MD4053: { severity: 'info', template: '{node}: no freshness for {table}: {reason}', doc: 'Source freshness needs a column that records when a row was loaded or changed; none was found.' },
  MD4054: { severity: 'warning', template: '{node}: {object} is not in the catalog; nothing generated', doc: 'The plan names an object the catalog given to generate does not contain. Give the same metadata.json the plan was made from.' },
  MD4055: { severity: 'info', template: 'check constraint {name} on {table} became {test}', doc: 'A CHECK constraint was turned into a dbt data test.' },
  MD4056: { severity: 'warning', template: '{node}: {detail}', doc: 'The routine statement was turned into a model approximately (e.g. MERGE without an INSERT branch); review the model.' },
  // --- plan (src/plan): MD4000–MD4049 are the Planner's; the dbt generator numbers from MD4050 ---
  MD4001: { severity: 'warning', template: 'dependency cycle {cycle}: {node} reads {dropped} from its source instead, to break it', doc: 'The plan orders nodes so dependencies come first; a cycle (procedures loading each other\'s inputs) is broken at the node named first, which reads the raw table instead of the model. Check that the older data is acceptable there.' },
  MD4002: { severity: 'warning', template: '{object} needs manual migration: {reason}', doc: 'The body does something the Planner does not recognise as a set-based pattern (loops, cursors, dynamic SQL …). The original code travels with the node; write the model by hand.' },
  MD4003: { severity: 'warning', template: '{table} is loaded by several procedures ({procedures}); {kept} is planned to replace it', doc: 'One dbt model builds one relation. The other loads need to be merged into that model by hand.' },
  MD4004: { severity: 'info', template: '{object} appends to {table} on every run; planned as a table model', doc: 'INSERT … SELECT without TRUNCATE/DELETE accumulates rows. A table model equals the source after one run into an empty table; make it incremental (append) if the history of runs matters.' },
  MD4005: { severity: 'warning', template: 'no key found for {object} → {table}: {fallback}', doc: 'The MERGE ON / DELETE / NOT EXISTS predicates and the primary key gave no key columns. Set unique_key by hand.' },
  MD4006: { severity: 'info', template: '{table}.{column} is generated by {how}: the model needs a surrogate key expression', doc: 'dbt has no IDENTITY or sequences; the model computes the key (row_number() over the business key, offset by the largest key in incremental runs, or a hash key).' },
  MD4007: { severity: 'warning', template: 'parameter {parameter} of {object} has no default: var {name} must be given (--vars)', doc: 'dbt compiles a var() without a default only when the value is passed; give one in dbt_project.yml or on the command line.' },
  MD4008: { severity: 'info', template: '{object} returns {count} result sets; the last one is planned', doc: 'A dbt model has one result. Plan the other result sets as further models by hand if they are used.' },
  MD4009: { severity: 'warning', template: '{object} has no definition text; planned from catalog facts only', doc: 'Packages and live databases may omit module bodies. Re-extract with definitions (VIEW DEFINITION) for an exact plan.' },
  MD4010: { severity: 'warning', template: 'the definition of {object} did not parse cleanly; its plan may be incomplete', doc: 'See the parse diagnostics (MD1xxx) of the extract.' },
  MD4011: { severity: 'warning', template: 'select pattern {pattern} matches no object', doc: 'Patterns are schema.name (case-insensitive, * and ? as wildcards), optionally with a kind prefix (view:) and a leading + for upstream objects.' },
  MD4012: { severity: 'error', template: 'invalid select pattern {pattern}: {reason}', doc: 'Patterns are schema.name (case-insensitive, * and ? as wildcards), optionally with a kind prefix (table:, view:, procedure:, function:, trigger:) and a leading + for upstream objects.' },
  MD4013: { severity: 'error', template: 'cannot use naming file {path}: {reason}', doc: 'The --naming file must be a JSON object with NamingConventions fields (project, sourceName, rawSchema, staging, intermediate, mart, snapshot, folders).' },
  MD4014: { severity: 'warning', template: '{object}: {detail}', doc: 'The planned model does not reproduce every behaviour of the source object; the message says which, and the node\'s reasons say what to check.' },
  MD4015: { severity: 'error', template: 'cannot read plan input {path}: {reason}', doc: 'A metadata.json given to plan is not readable or not a catalog (formatVersion 1).' },
  MD4016: { severity: 'info', template: 'name {name} is taken; {object} is planned as {unique}', doc: 'Two objects map to the same dbt name under the naming conventions; the later one (in id order) gets a suffix. Rename it with a naming rule if the suffix is unwelcome.' },
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
  // --- load (src/load): MD5100–MD5149, loading source data into the target's raw schema ---
  MD5100: { severity: 'error', template: 'data file {path} for {table} does not exist; the table is loaded without it', doc: 'A BULK INSERT names a file that is not beside the script, in --data-dir or at the path given (sqlcmd variables substituted). Put the file there or pass --var/--data-dir; the other tables still load.' },
  MD5101: { severity: 'error', template: 'cannot read {what}: {reason}', doc: 'A data file, package part or script could not be read; the table is created with what could be loaded (nothing, if the failure came first).' },
  MD5102: { severity: 'warning', template: 'row has {found} field(s) where {table} expects {expected}; row skipped', doc: 'A line of a delimited data file does not split into the table\'s columns (a stray terminator, a missing field). The rest of the file loads.' },
  MD5103: { severity: 'warning', template: '{value} is not a valid {type} for column {column} of {table}; loaded as NULL', doc: 'A value in a data file or INSERT could not be read as the column\'s type.' },
  MD5104: { severity: 'error', template: 'BCP data for {table} in {part} is damaged at byte {offset}: {reason}; the {rows} row(s) before it were loaded', doc: 'A .bacpac table-data part ends inside a row or does not match the table\'s columns. Re-export the package.' },
  MD5105: { severity: 'warning', template: 'INSERT into {table}: {reason}; statement skipped', doc: 'Only INSERT … VALUES with constant values (literals, NULL, DEFAULT, GETDATE(), NEWID(), CAST of a constant) is loaded from scripts; INSERT … SELECT and expressions over other data need the source database.' },
  MD5106: { severity: 'warning', template: 'BULK INSERT option {option} is not supported: {reason}', doc: 'The option is ignored; check the loaded rows of this table.' },
  MD5107: { severity: 'error', template: 'loading {table} into {target} failed: {reason}', doc: 'The engine refused the data or the DDL; the table keeps its previous contents (the load runs in one transaction).' },
  MD5108: { severity: 'info', template: 'no data for {table} in the inputs; created empty', doc: 'No INSERT, BULK INSERT file, .bacpac data, data folder file or live source has rows for this table.' },
  MD5109: { severity: 'info', template: '{table} has data in {sources}; {kept} is used', doc: 'Order of preference: --data-dir files, live server, .bacpac data, script INSERT/BULK INSERT.' },
  MD5110: { severity: 'error', template: 'cannot open {target}: {reason}', doc: 'The DuckDB file is locked by another process (dbt?) or the PostgreSQL server refused the connection.' },
  MD5111: { severity: 'error', template: 'column {column} of {table} has type {type}, which the {reader} reader does not decode; the table is not loaded', doc: 'The data of this type cannot be read from this kind of input yet.' },
  MD5112: { severity: 'warning', template: 'load cancelled while loading {table}; its previous contents are kept', doc: 'The AbortSignal fired; the table being loaded was rolled back and the remaining tables were not loaded.' },
  MD5113: { severity: 'warning', template: 'INSERT into {table} names column {column}, which the table does not have; value ignored', doc: 'The script and the catalog disagree about the table\'s columns (a later ALTER TABLE?).' },
  MD5114: { severity: 'warning', template: 'the value for column {column} of {table} is not a constant ({reason}); loaded as NULL', doc: 'An INSERT … VALUES in a script computes a value from the server (SERVERPROPERTY, a variable, a subquery); the loader has no server to ask.' },
  // --- CLI usage ---
  MD1900: { severity: 'error', template: '{message}', doc: 'Bad command-line usage.' },
} as const satisfies Record<string, CodeDefinition>;

export type DiagnosticCode = keyof typeof CODES;
