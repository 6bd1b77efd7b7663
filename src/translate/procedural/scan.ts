/**
 * What a routine body uses, found before it is translated: the bookkeeping @@ROWCOUNT and
 * SCOPE_IDENTITY() need is only emitted when the body reads them, and SCOPE_IDENTITY() is exact
 * only when every INSERT's target table (and so its identity column) is known.
 */
import type * as A from '../../tsql/ast/index.js';
import { forEachNode } from '../../tsql/index.js';

export interface Uses {
  /** @@ROWCOUNT or ROWCOUNT_BIG() is read somewhere. */
  readonly rowcount: boolean;
  readonly scopeIdentity: boolean;
  /** Target names (last part) of every INSERT. */
  readonly insertTargets: readonly string[];
  /** Tables the body creates (last part, lower case) → their identity column (null: none). */
  readonly createdTables: ReadonlyMap<string, string | null>;
}

export function lastPart(n: A.ObjectName): string {
  const parts = n.parts.filter((p): p is A.Identifier => p !== null);
  return (parts[parts.length - 1]?.name ?? '').toLowerCase();
}

export function scanBody(body: readonly A.Statement[]): Uses {
  let rowcount = false;
  let scopeIdentity = false;
  const insertTargets: string[] = [];
  const createdTables = new Map<string, string | null>();
  forEachNode(body, (n) => {
    switch (n.kind) {
      case 'Variable':
        if ((n as A.Variable).name.toUpperCase() === '@@ROWCOUNT') rowcount = true;
        break;
      case 'FunctionCall': {
        const name = lastPart((n as A.FunctionCall).name).toUpperCase();
        if (name === 'ROWCOUNT_BIG') rowcount = true;
        if (name === 'SCOPE_IDENTITY') scopeIdentity = true;
        break;
      }
      case 'Insert': {
        const t = (n as A.Insert).target;
        insertTargets.push(t.kind === 'TableRef' ? lastPart(t.name) : '');
        break;
      }
      case 'CreateTable': {
        const c = n as A.CreateTable;
        const id = c.elements.find((e): e is A.ColumnDefinition => e.kind === 'ColumnDefinition' && e.identity !== undefined);
        createdTables.set(lastPart(c.name), id ? id.name.name : null);
        break;
      }
    }
  });
  return { rowcount, scopeIdentity, insertTargets, createdTables };
}
