/**
 * The one registry of diagnostic codes. Codes are stable: they appear in CLI output, JSON, reports
 * and the UI, so a code is never renumbered or reused. Ranges by stage:
 *   MD1xxx input and parse, MD2xxx catalog, MD3xxx translate, MD4xxx plan and dbt generation,
 *   MD5xxx run and repair, MD6xxx validate, MD7xxx SSIS.
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
  MD1101: { severity: 'error', template: 'nesting deeper than {limit} levels', doc: 'Expressions or statements nest too deeply to be a real script; the statement is skipped.' },
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
  // --- CLI usage ---
  MD1900: { severity: 'error', template: '{message}', doc: 'Bad command-line usage.' },
} as const satisfies Record<string, CodeDefinition>;

export type DiagnosticCode = keyof typeof CODES;
