/**
 * sqlcmd pre-processing as SSDT deployment scripts use it: `:r file` includes (relative to the
 * including file, Windows backslashes accepted), `:setvar`, `:on error`, and `$(Var)` substitution.
 * The result is one expanded text plus a SourceMap back to the original files.
 *
 * Like sqlcmd, variables are substituted in code, string literals and quoted identifiers but not
 * in comments (so the commented examples of SSDT's script templates are not reported). Values
 * given on the command line win over `:setvar` in a script, which wins over project defaults.
 */
import fs from 'node:fs';
import path from 'node:path';
import { diagnostic, type Diagnostic, type Span } from '../diagnostics/index.js';
import { decodeSqlBytes } from '../tsql/source.js';
import { lineStartsOf, positionIn, SourceMap, type MappedSegment } from './source-map.js';

export interface SqlcmdOptions {
  /** Values from `--var NAME=VALUE`: never overridden by `:setvar`. */
  readonly variables?: Readonly<Record<string, string>>;
  /** Defaults (project SqlCmdVariables, built-ins): `:setvar` may override them. */
  readonly defaults?: Readonly<Record<string, string>>;
  /** Include nesting beyond this is reported as a cycle-like error; sqlcmd's own limit is similar. */
  readonly maxDepth?: number;
}

export interface ExpandedScript {
  /** The file the expansion started from. */
  readonly file: string;
  readonly text: string;
  readonly map: SourceMap;
  /** Every file read, the root first, in include order. */
  readonly files: readonly string[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Variable names are case-insensitive in sqlcmd. */
type Variables = Map<string, { value: string; fixed: boolean }>;

const COMMAND = /^[ \t]*:([A-Za-z]+)\b[ \t]*(.*?)[ \t]*\r?$/;
const SHELL = /^[ \t]*!!/;
const VARIABLE = /\$\(([A-Za-z_][\w-]*)\)/y;

export function expandSqlcmdFile(file: string, options: SqlcmdOptions = {}): ExpandedScript {
  const variables: Variables = new Map();
  for (const [k, v] of Object.entries(options.defaults ?? {})) variables.set(k.toLowerCase(), { value: v, fixed: false });
  for (const [k, v] of Object.entries(options.variables ?? {})) variables.set(k.toLowerCase(), { value: v, fixed: true });
  const state: ExpansionState = {
    out: [],
    outLength: 0,
    segments: [],
    texts: new Map(),
    files: [],
    diagnostics: [],
    variables,
    maxDepth: options.maxDepth ?? 32,
  };
  const root = path.resolve(file);
  includeFile(state, root, [], undefined);
  return { file: root, text: state.out.join(''), map: new SourceMap(state.segments, state.texts), files: state.files, diagnostics: state.diagnostics };
}

interface ExpansionState {
  out: string[];
  outLength: number;
  segments: MappedSegment[];
  texts: Map<string, string>;
  files: string[];
  diagnostics: Diagnostic[];
  variables: Variables;
  maxDepth: number;
}

function includeFile(state: ExpansionState, file: string, stack: string[], at: Span | undefined): void {
  const key = file.toLowerCase();
  if (stack.some((s) => s.toLowerCase() === key)) {
    state.diagnostics.push(diagnostic('MD2013', { chain: [...stack, file].map((f) => path.basename(f)).join(' → ') }, at));
    return;
  }
  if (stack.length >= state.maxDepth) {
    state.diagnostics.push(diagnostic('MD2013', { chain: `more than ${state.maxDepth} nested :r includes at ${path.basename(file)}` }, at));
    return;
  }
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(resolveCaseInsensitive(file));
  } catch (err) {
    state.diagnostics.push(diagnostic('MD1001', { path: file, reason: err instanceof Error ? err.message : String(err) }, at));
    return;
  }
  const decoded = decodeSqlBytes(bytes, file);
  state.diagnostics.push(...decoded.diagnostics);
  const text = decoded.text;
  state.texts.set(file, text);
  state.files.push(file);
  expandText(state, file, text, [...stack, file]);
}

function emit(state: ExpansionState, text: string, file: string, srcStart: number, substituted = false): void {
  if (text.length === 0) return;
  const last = state.segments[state.segments.length - 1];
  // Extend the previous run when this one continues it, to keep the map small.
  if (last && !substituted && !last.substituted && last.file === file && last.outEnd === state.outLength && last.srcStart + (last.outEnd - last.outStart) === srcStart) {
    state.segments[state.segments.length - 1] = { ...last, outEnd: last.outEnd + text.length };
  } else {
    state.segments.push({ outStart: state.outLength, outEnd: state.outLength + text.length, file, srcStart, substituted });
  }
  state.out.push(text);
  state.outLength += text.length;
}

/** Lexical context that decides whether `$(` is substituted and whether a line can be a command. */
interface ScanState {
  blockDepth: number;
  quote: "'" | '"' | ']' | null;
}

function expandText(state: ExpansionState, file: string, text: string, stack: string[]): void {
  const lineStarts = lineStartsOf(text);
  const spanAt = (offset: number, length: number): Span => ({ file, ...positionIn(lineStarts, offset), offset, end: offset + length });
  const scan: ScanState = { blockDepth: 0, quote: null };
  for (let li = 0; li < lineStarts.length; li++) {
    const start = lineStarts[li]!;
    const end = li + 1 < lineStarts.length ? lineStarts[li + 1]! : text.length;
    const line = text.slice(start, end);
    const bare = line.replace(/\r?\n$/, '');
    if (scan.blockDepth === 0 && scan.quote === null) {
      if (SHELL.test(bare)) {
        state.diagnostics.push(diagnostic('MD2014', { command: '!!' }, spanAt(start, bare.length)));
        emit(state, line.slice(bare.length), file, start + bare.length);
        continue;
      }
      const m = COMMAND.exec(bare);
      if (m) {
        runCommand(state, file, m[1]!, m[2]!, spanAt(start + bare.indexOf(':'), bare.trim().length), stack);
        emit(state, line.slice(bare.length), file, start + bare.length);
        continue;
      }
    }
    substituteLine(state, file, text, start, end, scan, spanAt);
  }
}

function runCommand(state: ExpansionState, file: string, command: string, rest: string, at: Span, stack: string[]): void {
  switch (command.toLowerCase()) {
    case 'r': {
      const target = unquote(substituteInline(state, rest, at));
      if (!target) {
        state.diagnostics.push(diagnostic('MD2014', { command: ':r without a file' }, at));
        return;
      }
      const resolved = path.resolve(path.dirname(file), target.replace(/\\/g, '/'));
      const before = state.outLength;
      includeFile(state, resolved, stack, at);
      // An included file without a final newline must not run into the next line of the includer.
      if (state.outLength > before && !state.out[state.out.length - 1]!.endsWith('\n')) emit(state, '\n', file, at.end, true);
      return;
    }
    case 'setvar': {
      const m = /^([A-Za-z_][\w-]*)(?:[ \t]+(.*))?$/.exec(rest);
      if (!m) {
        state.diagnostics.push(diagnostic('MD2014', { command: `:setvar ${rest}` }, at));
        return;
      }
      const name = m[1]!.toLowerCase();
      if (state.variables.get(name)?.fixed) return;
      if (m[2] === undefined) state.variables.delete(name);
      else state.variables.set(name, { value: unquote(m[2]), fixed: false });
      return;
    }
    case 'on':
      return; // `:on error exit|ignore` changes run-time behaviour only.
    default:
      state.diagnostics.push(diagnostic('MD2014', { command: `:${command}` }, at));
  }
}

/** Copies one line, substituting `$(Var)` outside comments and tracking strings and comments across lines. */
function substituteLine(
  state: ExpansionState,
  file: string,
  text: string,
  start: number,
  end: number,
  scan: ScanState,
  spanAt: (offset: number, length: number) => Span,
): void {
  let copyFrom = start;
  let i = start;
  while (i < end) {
    const c = text[i]!;
    const next = text[i + 1];
    if (scan.blockDepth > 0) {
      if (c === '*' && next === '/') {
        scan.blockDepth--;
        i += 2;
      } else if (c === '/' && next === '*') {
        scan.blockDepth++;
        i += 2;
      } else i++;
      continue;
    }
    if (scan.quote === null) {
      if (c === '-' && next === '-') break; // the rest of the line is a comment
      if (c === '/' && next === '*') {
        scan.blockDepth++;
        i += 2;
        continue;
      }
      if (c === "'" || c === '"') scan.quote = c;
      else if (c === '[') scan.quote = ']';
    } else if (c === scan.quote) {
      // A doubled closing quote is an escaped one and keeps the literal open.
      if (next === scan.quote) i++;
      else scan.quote = null;
      i++;
      continue;
    }
    if (c === '$' && next === '(') {
      VARIABLE.lastIndex = i;
      const m = VARIABLE.exec(text);
      if (m && m.index + m[0].length <= end) {
        const v = state.variables.get(m[1]!.toLowerCase());
        if (v) {
          emit(state, text.slice(copyFrom, i), file, copyFrom);
          emit(state, v.value, file, i, true);
          i += m[0].length;
          copyFrom = i;
          continue;
        }
        state.diagnostics.push(diagnostic('MD2012', { name: m[1]! }, spanAt(i, m[0].length)));
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
  emit(state, text.slice(copyFrom, end), file, copyFrom);
}

/** `$(Var)` inside a command argument (e.g. `:r $(Folder)\x.sql`). */
function substituteInline(state: ExpansionState, text: string, at: Span): string {
  return text.replace(/\$\(([A-Za-z_][\w-]*)\)/g, (whole, name: string) => {
    const v = state.variables.get(name.toLowerCase());
    if (v) return v.value;
    state.diagnostics.push(diagnostic('MD2012', { name }, at));
    return whole;
  });
}

function unquote(text: string): string {
  const t = text.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1) : t;
}

/**
 * Projects written on Windows name files in any case; on a case-sensitive file system the exact
 * path may not exist while a differently-cased one does.
 */
export function resolveCaseInsensitive(file: string): string {
  if (fs.existsSync(file)) return file;
  const parsed = path.parse(path.resolve(file));
  const parts = path.relative(parsed.root, path.resolve(file)).split(path.sep);
  let current = parsed.root;
  for (const part of parts) {
    const exact = path.join(current, part);
    if (fs.existsSync(exact)) {
      current = exact;
      continue;
    }
    let entries: string[];
    try {
      entries = fs.readdirSync(current);
    } catch {
      return file;
    }
    const match = entries.find((e) => e.toLowerCase() === part.toLowerCase());
    if (!match) return file;
    current = path.join(current, match);
  }
  return current;
}
