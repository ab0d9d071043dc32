/**
 * Checks the server's version history of every record against the mutations the clients put on the
 * wire. Each version must be explained by one sent mutation applied to the version before it under
 * the model's conflict strategy; no write may change content twice; every acknowledgement must be
 * the version the server stored; Optimistic Concurrency never applies a stale write.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { repositoryRoot } from '../src/amplify-project.ts';
import type { SentMutation } from '../test/client-process.ts';
import { content, expectedMerge, parseJsonFields } from './canonical.ts';
import { at } from './ops.ts';

type Fields = Record<string, unknown>;
export type Strategy = 'AUTOMERGE' | 'OPTIMISTIC_CONCURRENCY' | 'LAMBDA';
export type Stored = Fields & { id: string; _version: number; _deleted: boolean | null };
export interface Sent extends SentMutation {
  client: number;
}
/**
 * AppSync refused the write for the caller's rights: the person may not make it. An answer that
 * holds the record beside a refusal of a field inside it (a note's `job`, moved to a crew the
 * person is not in) is the write taken; only that field was kept from them.
 */
export const refusedForPermission = (q: SentMutation): boolean =>
  !q.response?.data?.[q.field] && (q.response?.errors?.some((error) => error.errorType === 'Unauthorized') ?? false);

/** The server refused the token the write carried (HTTP 401), before anything looked at the write. */
export const tokenRefused = (q: SentMutation): boolean =>
  q.response?.errors?.[0]?.errorType === 'UnauthorizedException';

export interface OracleInput {
  /** Every version of every record, keyed `Model:id`, ascending from version 1. */
  history: Map<string, Stored[]>;
  seeded: Set<string>;
  sent: Sent[];
  strategies: Map<string, Strategy>;
}
export interface OracleResult {
  errors: string[];
  versions: number;
  acknowledged: number;
  conflicts: number;
}

type JobHandler = (event: Fields) => Promise<{ action: string; item?: Fields }>;
const jobHandler = (
  createRequire(import.meta.url)(
    join(repositoryRoot, 'amplify/backend/function/fieldbookJobConflictHandler/src/index.js'),
  ) as { handler: JobHandler }
).handler;

function parse(field: string): { kind: string; model: string } {
  const match = /^(create|update|delete)(\w+)$/.exec(field);
  return { kind: match?.[1] ?? '', model: match?.[2] ?? '' };
}

/**
 * One write on the wire, its base version included: a save repeated with the same fields later is
 * another write, and its acknowledgement is not proved by the version the first one made. A write
 * re-sent because its answer was lost is the same outbox entry on the same base (DataStore moves
 * a queued entry's `_version` on only when an answer for the record is dequeued), so it is the
 * same write and may change the record at most once.
 */
const writeId = (q: Sent) => `${q.client}|${q.field}|${JSON.stringify(q.variables.input)}`;

/**
 * Whether applying `q` to the version before `k` yields version `k` under `strategy`; with `noop`,
 * whether `q` applied to version `k` resolves to version `k` itself (nothing left to change).
 */
async function explains(q: Sent, k: number, h: Stored[], strategy: Strategy, noop = false): Promise<boolean> {
  const { kind } = parse(q.field);
  const next = at(h, k - 1);
  const { _version, ...patch } = q.variables.input;
  if (kind === 'create') return !noop && k === 1 && content(next) === content(patch);
  if (k < 2 && !noop) return false;
  // A write based on version n was sent after n existed: it cannot have made n or an earlier one,
  // nor be answered with one.
  if (typeof _version === 'number' && k <= _version) return false;
  const prev = noop ? next : at(h, k - 2);
  const stale = (_version ?? 0) !== prev._version;
  if (kind === 'delete') {
    const allowed = !stale || (strategy === 'LAMBDA' && (await jobHandler(event(q, prev))).action === 'REMOVE');
    return allowed && next._deleted === true && content(next) === content(prev);
  }
  if (Boolean(next._deleted) !== Boolean(prev._deleted)) {
    return stale && strategy === 'LAMBDA' && (await jobHandler(event(q, prev))).action === 'REMOVE';
  }
  if (!stale) return content(next) === content({ ...prev, ...patch });
  if (strategy === 'OPTIMISTIC_CONCURRENCY') return false;
  if (strategy === 'LAMBDA') {
    const decision = await jobHandler(event(q, prev));
    return decision.action === 'RESOLVE' && content(next) === content(decision.item ?? {});
  }
  const base = typeof _version === 'number' ? h[_version - 1] : undefined;
  const [server, incoming, seen] = [prev, patch, base ?? {}].map(parseJsonFields) as [Fields, Fields, Fields];
  const merged = { ...server };
  for (const [field, value] of Object.entries(incoming)) {
    merged[field] = expectedMerge(server[field], value, seen[field], base !== undefined);
  }
  return content(next) === content(merged);
}

function event(q: Sent, existing: Stored): Fields {
  return {
    newItem: q.variables.input,
    existingItem: existing,
    arguments: q.variables,
    resolver: q.field,
    identity: null,
  };
}

export async function checkHistory({ history, seeded, sent, strategies }: OracleInput): Promise<OracleResult> {
  const errors: string[] = [];
  const result: OracleResult = { errors, versions: 0, acknowledged: 0, conflicts: 0 };
  const byRecord = new Map<string, Sent[]>();
  // A write refused for permissions explains no version: one that shows up on the server anyway fails.
  for (const q of sent.filter((q) => !refusedForPermission(q))) {
    const key = `${parse(q.field).model}:${String(q.variables.input['id'])}`;
    byRecord.set(key, [...(byRecord.get(key) ?? []), q]);
  }
  const explainedAt = new Map<string, number[]>();
  for (const [key, h] of history) {
    const strategy = strategies.get(at(key.split(':'), 0)) ?? 'OPTIMISTIC_CONCURRENCY';
    const changedBy = new Set<string>();
    for (let k = seeded.has(key) ? 2 : 1; k <= h.length; k++) {
      result.versions++;
      const candidates: Sent[] = [];
      for (const q of byRecord.get(key) ?? []) if (await explains(q, k, h, strategy)) candidates.push(q);
      const ids = [...new Set(candidates.map(writeId))];
      for (const id of ids) explainedAt.set(id, [...(explainedAt.get(id) ?? []), k]);
      if (ids.length === 0) errors.push(`${key} version ${k} follows from no mutation any client sent`);
      const changed =
        k === 1 || content(at(h, k - 1)) !== content(at(h, k - 2)) || at(h, k - 1)._deleted !== at(h, k - 2)._deleted;
      if (changed && ids.length > 0 && ids.every((id) => changedBy.has(id))) {
        errors.push(`${key} version ${k} applies a write that an earlier version already applied`);
      }
      if (changed) for (const id of ids) changedBy.add(id);
    }
  }
  for (const q of sent) {
    const { kind, model } = parse(q.field);
    const key = `${model}:${String(q.variables.input['id'])}`;
    const answer = q.response?.data?.[q.field];
    const errorType = q.response?.errors?.[0]?.errorType;
    const h = history.get(key) ?? [];
    if (answer) {
      result.acknowledged++;
      const stored = h[Number(answer['_version']) - 1];
      if (!stored || content(stored) !== content(answer) || Boolean(stored._deleted) !== Boolean(answer['_deleted'])) {
        errors.push(
          `${key}: ${q.field} was acknowledged as version ${String(answer['_version'])}, which the server does not hold`,
        );
      } else if (
        !(explainedAt.get(writeId(q)) ?? []).some((k) => k <= stored._version) &&
        !(await explains(q, stored._version, h, strategies.get(model) ?? 'OPTIMISTIC_CONCURRENCY', true))
      ) {
        errors.push(
          `${key}: acknowledged ${q.field} by client ${q.client} is in no version up to the acknowledged one`,
        );
      }
      const sentVersion = q.variables.input['_version'];
      if (kind !== 'create' && (sentVersion ?? 0) !== Number(answer['_version']) - 1) result.conflicts++;
    } else if (errorType === 'ConflictUnhandled') {
      result.conflicts++;
    } else if (errorType === 'Unauthorized' || errorType === 'UnauthorizedException') {
      // Refused for permissions: judged by checkRefusals (refusal-oracle.ts). The token itself
      // refused (HTTP 401): the change stays queued until the sign-in is renewed, and its values
      // are judged with every other save by the intent oracle.
    } else if (kind === 'create' && h.some((v) => v._deleted)) {
      // DataStore turns an edit saved just as a remote delete removed the record locally into a create
      // of the changed fields; the server refuses it and the deletion stands (delete wins).
    } else if (errorType === 'ConditionalCheckFailedException' && kind === 'create') {
      // A create whose first answer was lost: acceptable only if that same create made version 1.
      if (!(explainedAt.get(writeId(q)) ?? []).includes(1)) errors.push(`${key}: create refused but never applied`);
    } else if (errorType !== undefined || (q.response && !answer)) {
      errors.push(
        `${key}: ${q.field} by client ${q.client} failed with ${errorType ?? 'no data'}: the write is dropped`,
      );
    }
  }
  return result;
}
