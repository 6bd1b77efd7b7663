/** The T-SQL front end: decode bytes, lex, parse into a typed tree, and print it back. */
export type * as ast from './ast/index.js';
export type * from './ast/index.js';
export { decodeSqlBytes, type DecodedSource } from './source.js';
export { Lexer } from './lexer.js';
export type { Token, TokenKind, Comment } from './tokens.js';
export { parseScript, parseScriptStreaming, parseStatementsStreaming, type ParseOptions, type ParseResult, type StreamStats } from './parse.js';
export { printScript, statement as printStatement } from './printer/statements.js';
export { expr as printExpression, query as printQuery, dataType as printDataType } from './printer/printer.js';
export { RESERVED } from './keywords.js';
export { forEachNode, someNode, type AnyNode } from './ast/walk.js';
