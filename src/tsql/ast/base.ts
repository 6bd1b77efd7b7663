import type { Span } from '../../diagnostics/span.js';
import type { Comment, Token } from '../tokens.js';

export type { Comment, Span };

/** Every node: a `kind` tag, its source span and the comments that stood before it. */
export interface NodeBase {
  readonly span: Span;
  readonly comments?: readonly Comment[];
  /** On statements: comments inside the statement that no inner node claimed (before a keyword or the `;`). */
  readonly trailing?: readonly Comment[];
}

/** One name part. `quote` keeps the user's spelling so printed code reads like theirs. */
export interface Identifier extends NodeBase {
  readonly kind: 'Identifier';
  readonly name: string;
  readonly quote: 'none' | 'bracket' | 'double' | 'sqlcmd';
}

/**
 * A 1- to 4-part name: server.database.schema.object. A skipped part (`db..table`) is null.
 * `parts` are in source order; the last is the object (or column) name.
 */
export interface ObjectName extends NodeBase {
  readonly kind: 'ObjectName';
  readonly parts: readonly (Identifier | null)[];
}

/**
 * Token text kept verbatim for option lists the tool never needs to reason about (index WITH
 * options, filegroups, query hints). It still round-trips and is never silently dropped.
 */
export interface RawTokens extends NodeBase {
  readonly kind: 'RawTokens';
  readonly tokens: readonly string[];
}

export type { Token };
