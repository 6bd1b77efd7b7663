/**
 * Small readers over model.xml elements: properties with DacFx's defaults, references by name,
 * type specifiers and script text. DacFx omits a property when it has its default value
 * (IsNullable=True, IsAscending=True …), so every reader here states the default it assumes.
 */
import type { Parameter, ReferentialAction, SqlType } from '../model.js';
import { splitBracketedName } from '../names.js';
import type { ModelElement, ModelReference } from './model-xml.js';

export function prop(e: ModelElement, name: string): string | undefined {
  return e.properties.get(name);
}

export function boolProp(e: ModelElement, name: string, byDefault: boolean): boolean {
  const v = e.properties.get(name);
  return v === undefined ? byDefault : v.toLowerCase() === 'true';
}

export function intProp(e: ModelElement, name: string): number | undefined {
  const v = e.properties.get(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}

export function nestedElements(e: ModelElement, relationship: string): ModelElement[] {
  return (e.relationships.get(relationship) ?? []).flatMap((x) => ('element' in x ? [x.element] : []));
}

export function references(e: ModelElement, relationship: string): ModelReference[] {
  return (e.relationships.get(relationship) ?? []).flatMap((x) => ('reference' in x ? [x.reference] : []));
}

/** Name parts of the first reference in a relationship, e.g. ['dbo', 'Orders']. */
export function referencedName(e: ModelElement, relationship: string): string[] | undefined {
  const ref = references(e, relationship).find((r) => r.name !== undefined);
  return ref?.name !== undefined ? splitBracketedName(ref.name) : undefined;
}

export function nameParts(e: ModelElement): string[] {
  return e.name ? splitBracketedName(e.name) : [];
}

/** Last part of an element's name: the column of `[dbo].[T].[C]`, the parameter of `[dbo].[p].[@x]`. */
export function localName(e: ModelElement): string {
  const parts = nameParts(e);
  return parts[parts.length - 1] ?? '';
}

/**
 * A column's or parameter's type. Columns say `TypeSpecifier`, parameters and scalar functions
 * `Type`; a `Type` that is a plain reference (no specifier) is a user-defined table or CLR type.
 */
export function typeOf(e: ModelElement): SqlType | undefined {
  for (const rel of ['TypeSpecifier', 'Type']) {
    for (const entry of e.relationships.get(rel) ?? []) {
      if ('element' in entry) return typeFromSpecifier(entry.element);
      if (entry.reference.name) return typeFromReference(entry.reference, e);
    }
  }
  return undefined;
}

function typeFromSpecifier(spec: ModelElement): SqlType | undefined {
  const ref = references(spec, 'Type').find((r) => r.name);
  if (!ref) return undefined;
  return typeFromReference(ref, spec);
}

function typeFromReference(ref: ModelReference, spec: ModelElement): SqlType {
  const parts = splitBracketedName(ref.name ?? '');
  const builtIn = ref.externalSource === 'BuiltIns' || parts.length === 1;
  const length = intProp(spec, 'Length');
  const precision = intProp(spec, 'Precision');
  const scale = intProp(spec, 'Scale');
  return {
    name: parts[parts.length - 1] ?? '',
    ...(builtIn ? {} : { schema: parts[0] ?? 'dbo' }),
    ...(length !== undefined ? { length } : {}),
    ...(precision !== undefined ? { precision } : {}),
    ...(scale !== undefined ? { scale } : {}),
    ...(boolProp(spec, 'IsMax', false) ? { max: true } : {}),
  };
}

export function parameters(e: ModelElement): Parameter[] {
  return nestedElements(e, 'Parameters').map((p) => {
    const type = typeOf(p);
    const def = prop(p, 'DefaultExpressionScript');
    return {
      name: localName(p),
      ...(type ? { type } : {}),
      ...(def !== undefined ? { default: def } : {}),
      output: boolProp(p, 'IsOutput', false),
      ...(boolProp(p, 'IsReadOnly', false) ? { readonly: true } : {}),
    };
  });
}

/** DacFx's ForeignKeyAction enum as serialised: 0 NoAction, 1 Cascade, 2 SetNull, 3 SetDefault. */
export function referentialAction(value: string | undefined): ReferentialAction {
  switch ((value ?? '0').toLowerCase()) {
    case '1':
    case 'cascade':
      return 'CASCADE';
    case '2':
    case 'setnull':
      return 'SET NULL';
    case '3':
    case 'setdefault':
      return 'SET DEFAULT';
    default:
      return 'NO ACTION';
  }
}

/**
 * The body script of a routine. Procedures and triggers carry `BodyScript` themselves; functions
 * carry it on a `FunctionBody` → `SqlScriptFunctionImplementation` child.
 */
export function bodyScript(e: ModelElement): string | undefined {
  const own = prop(e, 'BodyScript');
  if (own !== undefined) return own;
  for (const impl of nestedElements(e, 'FunctionBody')) {
    const body = prop(impl, 'BodyScript');
    if (body !== undefined) return body;
  }
  return undefined;
}

/** True for CLR functions, whose body is an assembly method rather than SQL. */
export function isClrFunction(e: ModelElement): boolean {
  return nestedElements(e, 'FunctionBody').some((impl) => impl.type === 'SqlClrFunctionImplementation');
}

/** All references a routine's or view's script makes, including those of a FunctionBody child. */
export function scriptDependencies(e: ModelElement): ModelReference[] {
  const own = [...references(e, 'BodyDependencies'), ...references(e, 'QueryDependencies')];
  const nested = nestedElements(e, 'FunctionBody').flatMap((impl) => references(impl, 'BodyDependencies'));
  return [...own, ...nested];
}

/** `HeaderContents` of the SysCommentsObjectAnnotation: the CREATE … AS text before the body. */
export function headerContents(e: ModelElement): string | undefined {
  const direct = prop(e, 'HeaderContents');
  if (direct !== undefined) return direct;
  for (const a of e.annotations) {
    const h = a.properties.get('HeaderContents');
    if (h !== undefined) return h;
  }
  return undefined;
}

/**
 * An extended property's value is stored as the SQL literal that sets it (`N'Orders placed'`);
 * the catalog wants the text.
 */
export function sqlLiteralText(value: string): string {
  const m = /^\s*N?'([\s\S]*)'\s*$/.exec(value);
  return m ? m[1]!.replace(/''/g, "'") : value;
}
