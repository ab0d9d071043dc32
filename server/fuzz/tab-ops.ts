/** The script of a shared-store device: each write typed in one of its tabs, and leader tabs closing. */
import { clientScript, type Op, type Random } from './ops.ts';

export type TabOp =
  | (Extract<Op, { kind: 'create' | 'update' | 'delete' }> & { slot: number })
  | Extract<Op, { kind: 'cut' }>
  /** The leader tab closes, whatever it is doing, and another tab takes over its sync engine. */
  | { kind: 'handover' };

/**
 * The separate-device script with every write given a tab; a device's network coming back (which
 * restarts the sync engine) becomes a leader tab closing, and more closings are mixed in so most
 * seeds hand over while commands and mutations are in flight.
 */
export function tabScript(rnd: Random, client: number, steps: number, tabs: number): TabOp[] {
  return clientScript(rnd, client, steps).flatMap((op): TabOp[] => {
    const slot = Math.floor(rnd() * tabs);
    const closes = rnd() < 0.15;
    // Moves and membership changes are the separate devices' part.
    if (op.kind === 'scope') return [];
    const mine: TabOp[] =
      op.kind === 'reconnect' ? [{ kind: 'handover' }] : op.kind === 'cut' ? [op] : [{ ...asTabWrite(op), slot }];
    return closes ? [...mine, { kind: 'handover' }] : mine;
  });
}

/** Tabs save forms at once and add notes to the anchor job: forms and orphans are the separate devices' part. */
function asTabWrite(
  op: Exclude<Op, { kind: 'cut' | 'reconnect' | 'scope' }>,
): Extract<Op, { kind: 'create' | 'update' | 'delete' }> {
  if (op.kind === 'form') return { kind: 'update', model: op.model, fields: op.fields };
  if (op.kind === 'note') return { kind: 'create', model: 'FieldNote', fields: op.fields };
  return op;
}
