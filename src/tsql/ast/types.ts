import type { Identifier, NodeBase, ObjectName } from './base.js';

/** `nvarchar(50)`, `decimal(18, 2)`, `varchar(max)`, `dbo.MyAliasType`, `xml(CONTENT dbo.Schema)`. */
export interface DataType extends NodeBase {
  readonly kind: 'DataType';
  readonly name: ObjectName;
  /** Numeric arguments as written, or 'MAX'. */
  readonly args: readonly (number | 'MAX')[];
  /** `xml(CONTENT|DOCUMENT schema_collection)` */
  readonly xmlSchema?: { readonly mode?: 'CONTENT' | 'DOCUMENT'; readonly collection: ObjectName };
}

export type { Identifier };
