/**
 * `--select` patterns: which objects of the estate a partial plan covers.
 *
 *   dbo.Orders        one object (any kind) by schema.name, case-insensitive
 *   Sales.*           every object of a schema (`*` any run of characters, `?` one character)
 *   Orders            a one-part pattern matches the name in any schema
 *   view:dbo.X        only objects of that kind (table, view, procedure, function, trigger)
 *   +view:dbo.X       the object and everything upstream of it (what it reads, and the
 *                     procedures that load those tables), all planned in full
 *
 * Whatever is selected, its upstream dependencies are always planned enough for the refs to
 * resolve: tables as source + staging, views and functions as their models/macros. Without `+`,
 * the procedures loading upstream tables are not pulled in (the tables stay plain sources).
 */
import type { ObjectKind } from '../catalog/model.js';

export interface SelectPattern {
  readonly text: string;
  readonly upstream: boolean;
  readonly kind?: ObjectKind;
  readonly schema?: RegExp;
  readonly name: RegExp;
}

const KINDS = new Set<ObjectKind>(['table', 'view', 'procedure', 'function', 'trigger', 'sequence', 'type', 'synonym']);

function glob(s: string): RegExp {
  const re = s.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i');
}

/** Splits `schema.name` where the name may itself contain dots inside brackets or quotes. */
function splitName(s: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (const ch of s) {
    if (quote) {
      if (ch === quote) quote = undefined;
      else cur += ch;
    } else if (ch === '[') quote = ']';
    else if (ch === '"') quote = '"';
    else if (ch === '.') {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts;
}

export function parseSelect(text: string): SelectPattern | string {
  let t = text.trim();
  if (!t) return 'empty pattern';
  let upstream = false;
  if (t.startsWith('+')) {
    upstream = true;
    t = t.slice(1);
  }
  let kind: ObjectKind | undefined;
  const colon = /^([a-z]+):(.*)$/i.exec(t);
  if (colon) {
    const k = colon[1]!.toLowerCase() as ObjectKind;
    if (!KINDS.has(k)) return `unknown kind "${colon[1]}" (expected ${[...KINDS].join(', ')})`;
    kind = k;
    t = colon[2]!;
  }
  const parts = splitName(t);
  if (parts.length > 2 || parts.some((p) => !p)) return 'expected schema.name or name';
  const name = glob(parts[parts.length - 1]!);
  return { text, upstream, ...(kind ? { kind } : {}), ...(parts.length === 2 ? { schema: glob(parts[0]!) } : {}), name };
}

export function matches(p: SelectPattern, kind: ObjectKind, schema: string, name: string): boolean {
  if (p.kind && p.kind !== kind) return false;
  if (p.schema && !p.schema.test(schema)) return false;
  return p.name.test(name);
}
