import type { NodeBase } from './base.js';
import type * as D from './ddl.js';
import type * as M from './dml.js';
import type * as P from './procedural.js';

export type Statement =
  | M.SelectStatement | M.Insert | M.Update | M.Delete | M.Merge | M.Truncate | M.BulkInsert
  | P.Declare | P.DeclareCursor | P.SetVariable | P.SetOption | P.If | P.While | P.Block | P.TryCatch
  | P.Return | P.Break | P.Continue | P.Goto | P.Label | P.WaitFor | P.Throw | P.Raiserror | P.Print
  | P.Transaction | P.CursorStatement | P.Fetch | P.ExecuteProcedure | P.ExecuteString | P.Use | P.ExecuteAs
  | D.CreateTable | D.AlterTable | D.ViewDefinition | D.CreateProcedure | D.CreateFunction | D.CreateTrigger
  | D.CreateIndex | D.CreateFulltextIndex | D.CreateSequence | D.CreateType | D.CreateSchema | D.CreateSynonym
  | D.CreatePartitionFunction | D.CreatePartitionScheme | D.CreateXmlSchemaCollection | D.Drop
  | D.OpaqueStatement | D.UnsupportedStatement | D.ErrorStatement | D.SqlcmdCommand;

export type StatementKind = Statement['kind'];

/** The statements between two GO lines. `repeat` is GO's count. */
export interface Batch extends NodeBase {
  readonly kind: 'Batch';
  readonly statements: readonly Statement[];
  readonly repeat: number;
  /** Comments after the last statement of the batch. */
  readonly trailingComments?: NodeBase['comments'];
}

/** A whole parsed file. */
export interface Script extends NodeBase {
  readonly kind: 'Script';
  readonly batches: readonly Batch[];
}
