import type { Diagnostic } from '../diagnostics/index.js';
import type { Batch, Script, Statement } from './ast/index.js';
import { ParserCore } from './parser/core.js';
import { parseBatch } from './parser/statements.js';

export interface ParseOptions {
  /** The file name used in spans and messages. */
  readonly file?: string;
}

export interface ParseResult {
  readonly script: Script;
  /** Lexer and parser diagnostics, in source order. */
  readonly diagnostics: readonly Diagnostic[];
}

function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => (a.span?.offset ?? 0) - (b.span?.offset ?? 0));
}

/**
 * Parses a whole script into batches of statements. Never throws on bad input: syntax errors
 * become ErrorStatement nodes plus diagnostics, and parsing goes on at the next statement.
 */
export function parseScript(text: string, options: ParseOptions = {}): ParseResult {
  const file = options.file ?? '<input>';
  const p = new ParserCore(text, file);
  const batches: Batch[] = [];
  for (const batch of iterateBatches(p)) batches.push(batch);
  const script: Script = { kind: 'Script', batches, span: { file, line: 1, col: 1, offset: 0, end: text.length } };
  return { script, diagnostics: sortDiagnostics([...p.lexDiagnostics, ...p.diagnostics]) };
}

function* iterateBatches(p: ParserCore, onStatement?: (s: Statement) => void): Generator<Batch> {
  for (;;) {
    const t = p.peek();
    if (t.kind === 'eof') {
      // A file that ends in comments still keeps them, on an empty last batch.
      if (t.leading?.length || p.orphanComments.length) yield parseBatch(p, onStatement);
      return;
    }
    yield parseBatch(p, onStatement);
  }
}

export interface StreamStats {
  readonly batches: number;
  readonly statements: number;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Parses batch by batch and hands each to `onBatch`, keeping only one batch's tree alive: the
 * way to read a 50 MB script in bounded memory.
 */
export function parseScriptStreaming(text: string, options: ParseOptions, onBatch: (batch: Batch) => void): StreamStats {
  const p = new ParserCore(text, options.file ?? '<input>');
  let batches = 0;
  let statements = 0;
  for (const batch of iterateBatches(p)) {
    batches++;
    statements += countStatements(batch.statements);
    onBatch(batch);
  }
  return { batches, statements, diagnostics: sortDiagnostics([...p.lexDiagnostics, ...p.diagnostics]) };
}

/**
 * Parses statement by statement and hands each to `onStatement`, keeping only one statement's tree
 * alive (a batch of thousands of INSERTs included): the translator's way in, where each statement's
 * tree dies young instead of surviving into the old generation of the heap.
 */
export function parseStatementsStreaming(text: string, options: ParseOptions, onStatement: (statement: Statement) => void): StreamStats {
  const p = new ParserCore(text, options.file ?? '<input>');
  let batches = 0;
  let statements = 0;
  const each = (s: Statement) => {
    statements++;
    onStatement(s);
  };
  for (const _batch of iterateBatches(p, each)) batches++;
  return { batches, statements, diagnostics: sortDiagnostics([...p.lexDiagnostics, ...p.diagnostics]) };
}

/** Counts top-level statements (a procedure with 40 statements in its body is one). */
export function countStatements(statements: readonly Statement[]): number {
  return statements.length;
}
