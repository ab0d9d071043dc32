import { randomUUID } from 'node:crypto';

import type { Caller } from '../auth/caller.ts';
import { autoMerge, sameValue } from '../conflict/automerge.ts';
import type { ConflictEvent, ConflictHandler } from '../conflict/lambda-handler.ts';
import { MAX_PARTITION_KEY_BYTES, MAX_SORT_KEY_BYTES } from '../limits.ts';
import { describeError, log } from '../log.ts';
import type { ModelInfo } from '../schema/model-info.ts';
import { modelForField } from '../schema/model-info.ts';
import { storageKey } from '../schema/model-keys.ts';
import type { StoredRecord } from '../store/sqlite-store.ts';
import type { DataContext } from './data-context.ts';
import { AppSyncError } from './errors.ts';
import { checkFilter, type Filter, matchesFilter } from './filter.ts';

type Fields = Record<string, unknown>;
interface MutationArgs {
  input: Fields;
  condition?: Filter | null;
}

// DynamoDB's limits on key attributes.
const METADATA = new Set(['id', '_version', '_lastChangedAt', '_deleted', 'createdAt', 'updatedAt', '__typename']);

/** What a write may change: every field but the key fields and AppSync's metadata. */
function withoutMetadata(fields: Fields, model: ModelInfo): Fields {
  const content: Fields = {};
  for (const key in fields) {
    if (!METADATA.has(key) && !model.primaryKey.includes(key)) content[key] = fields[key];
  }
  return content;
}

function keyFields(model: ModelInfo, fields: Fields): Fields {
  return Object.fromEntries(model.primaryKey.map((field) => [field, fields[field]]));
}

/** DynamoDB refuses empty string keys and keys over its size limits; so does this server. */
function checkKey(model: ModelInfo, key: Fields): void {
  model.primaryKey.forEach((field, index) => {
    const value = key[field];
    const max = index === 0 ? MAX_PARTITION_KEY_BYTES : MAX_SORT_KEY_BYTES;
    if (typeof value === 'string' && (value === '' || Buffer.byteLength(value) > max)) {
      throw new AppSyncError(
        `One or more parameter values were invalid: ${field} must be 1 to ${max} bytes long.`,
        'DynamoDB:DynamoDbException',
      );
    }
  });
}

function conflictUnhandled(existing: StoredRecord): AppSyncError {
  return new AppSyncError('Conflict resolver rejects mutation.', 'ConflictUnhandled', existing);
}

function conditionFailed(existing: StoredRecord | null): AppSyncError {
  return new AppSyncError('The conditional request failed', 'ConditionalCheckFailedException', existing);
}

/** `basedOn`: the `_version` the write was sent with, kept to recognise it if it is resent. */
function commit(
  ctx: DataContext,
  model: ModelInfo,
  mutation: string,
  record: StoredRecord,
  basedOn: number | null = null,
): StoredRecord {
  ctx.store.transaction(() => ctx.store.put(model.name, record, storageKey(model.primaryKey, record), basedOn));
  ctx.publish({ model: model.name, mutation, record });
  return record;
}

/** The next version of `existing` with `fields` as its content. */
function nextVersion(
  ctx: DataContext,
  model: ModelInfo,
  existing: StoredRecord,
  fields: Fields,
  deleted: boolean | null,
): StoredRecord {
  const now = ctx.store.now();
  return {
    ...withoutMetadata(fields, model),
    ...keyFields(model, existing),
    createdAt: existing['createdAt'],
    updatedAt: new Date(now).toISOString(),
    _version: existing._version + 1,
    _lastChangedAt: now,
    _deleted: deleted,
  };
}

function create(ctx: DataContext, model: ModelInfo, mutation: string, { input, condition }: MutationArgs) {
  const key = keyFields(model, input);
  // Only a model keyed by `id` gets one made up; other key fields are required by the schema.
  if (model.primaryKey.length === 1 && model.primaryKey[0] === 'id' && typeof key['id'] !== 'string') {
    key['id'] = randomUUID();
  }
  checkKey(model, key);
  const existing = ctx.store.get(model.name, storageKey(model.primaryKey, key));
  // DynamoDB's attribute_not_exists on the key: a tombstone still occupies its key.
  if (existing || !matchesFilter({}, condition)) throw conditionFailed(existing ?? null);
  const now = ctx.store.now();
  const iso = new Date(now).toISOString();
  const record: StoredRecord = {
    ...withoutMetadata(input, model),
    ...key,
    createdAt: iso,
    updatedAt: iso,
    _version: 1,
    _lastChangedAt: now,
    _deleted: null,
  };
  return commit(ctx, model, mutation, record);
}

/** The version the device based its edit on, if the server still keeps it. */
function baseOf(ctx: DataContext, model: ModelInfo, existing: StoredRecord, input: Fields): Fields | undefined {
  const version = input['_version'];
  return typeof version === 'number'
    ? ctx.store.getVersion(model.name, storageKey(model.primaryKey, existing), version)
    : undefined;
}

/**
 * A stale update that made a version before has been applied: its answer was lost and DataStore
 * resent it. Applying it again would undo later edits by others (a handler where the device wins)
 * or append lists twice. A version was made by it if a write sent with the same `_version` made it
 * and every sent field took exactly the sent values there (or exactly what resolving it there made:
 * Auto Merge's merge, or the model's conflict handler). Another device's write with equal values
 * on an older version is not a resend: it meets the conflict strategy (Optimistic Concurrency
 * refuses it). AppSync cannot tell and would handle a resend as a new write; this server answers
 * it with the stored version instead, and under Optimistic Concurrency only while that version is
 * still the latest.
 */
async function alreadyApplied(
  ctx: DataContext,
  model: ModelInfo,
  existing: StoredRecord,
  args: MutationArgs,
  mutation: string,
): Promise<boolean> {
  const { input } = args;
  const base = input['_version'];
  const patch = Object.entries(withoutMetadata(input, model));
  if (typeof base !== 'number' || patch.length === 0) return false;
  const key = storageKey(model.primaryKey, existing);
  const strategy = ctx.strategies.get(model.name);
  const merges = strategy?.type === 'AUTOMERGE';
  // Each version is read once, though it is looked at as `stored` and then as `before`.
  const versions = new Map<number, StoredRecord | undefined>([[existing._version, existing]]);
  const versionAt = (version: number) => {
    if (!versions.has(version)) versions.set(version, ctx.store.getVersion(model.name, key, version));
    return versions.get(version);
  };
  const fields = new Set(patch.map(([field]) => field));
  // Under Optimistic Concurrency only a resend of the latest version is answered as delivered: once
  // others have changed the record since, a second device's equal write on the same base (which no
  // request tells from a resend) would be told it landed on a record that no longer holds it. AppSync
  // refuses both; the device's conflict handler then decides, on the stored version.
  const latestOnly = (strategy?.type ?? 'OPTIMISTIC_CONCURRENCY') === 'OPTIMISTIC_CONCURRENCY';
  for (const version of ctx.store.versionsBasedOn(model.name, key, base)) {
    if (version > existing._version) break;
    if (latestOnly && version !== existing._version) continue;
    const stored = versionAt(version);
    const before = versionAt(version - 1);
    if (!stored || !before) continue;
    // The handler unioned lists, kept some stored values or updated its own bookkeeping fields (the
    // Job handler dates untimed changes in `fieldEditedAt`): the version is exactly its answer.
    if (strategy?.type === 'LAMBDA' && (await resolvedInto(strategy.handler, model, before, stored, args, mutation)))
      return true;
    // Each version is one write: this one can have made it only if nothing else changed.
    if (!changedOnly(model, before, stored, fields)) continue;
    if (patch.every(([field, value]) => sameValue(stored[field], value))) return true;
    // Auto Merge appended the sent list items to others' (or merged a map): the version is exactly
    // what merging this write into the one before it makes.
    if (merges && mergedInto(before, stored, model, withoutMetadata(input, model), baseOf(ctx, model, existing, input)))
      return true;
  }
  return false;
}

/** AppSync's event for a conflict handler: the write's input against the stored item it conflicts with. */
function conflictEvent(args: MutationArgs, existingItem: StoredRecord, mutation: string): ConflictEvent {
  return { newItem: args.input, existingItem, arguments: { ...args }, resolver: mutation, identity: null };
}

/**
 * Whether the conflict handler, given the write against `before`, answers exactly `stored` and changes
 * something. The handler is a pure function of the two records (see `amplify/backend/function`), so
 * asking it again is safe; if it fails, the write is not taken as delivered.
 */
async function resolvedInto(
  handler: ConflictHandler,
  model: ModelInfo,
  before: StoredRecord,
  stored: StoredRecord,
  args: MutationArgs,
  mutation: string,
): Promise<boolean> {
  const decision = await handler(conflictEvent(args, before, mutation)).catch(() => null);
  if (decision?.action !== 'RESOLVE') return false;
  const resolved = withoutMetadata(decision.item, model);
  const fields = [...new Set([...Object.keys(resolved), ...Object.keys(withoutMetadata(stored, model))])];
  return (
    fields.some((field) => !sameValue(resolved[field], before[field])) &&
    fields.every((field) => sameValue(resolved[field], stored[field]))
  );
}

/** Whether going from `before` to `stored` changed something, and only `fields`. */
function changedOnly(model: ModelInfo, before: Fields, stored: Fields, fields: ReadonlySet<string>): boolean {
  if (Boolean(before['_deleted']) !== Boolean(stored['_deleted'])) return false;
  const [from, to] = [withoutMetadata(before, model), withoutMetadata(stored, model)];
  const changed = [...new Set([...Object.keys(from), ...Object.keys(to)])].filter(
    (field) => !sameValue(from[field], to[field]),
  );
  return changed.length > 0 && changed.every((field) => fields.has(field));
}

/**
 * Whether merging the write into `before` changes it, and makes exactly `stored`. A merge that
 * changes nothing there (the server's values win everywhere) proves nothing: merged into a later
 * version, the same write may still add something.
 */
function mergedInto(
  before: Fields,
  stored: Fields,
  model: ModelInfo,
  patch: Fields,
  base: Fields | undefined,
): boolean {
  const merged = autoMerge(before, patch, model.jsonFields, base);
  const fields = Object.keys(patch);
  const changes = fields.some((field) => !sameValue(merged[field], before[field]));
  return changes && fields.every((field) => sameValue(merged[field], stored[field]));
}

async function change(
  ctx: DataContext,
  model: ModelInfo,
  mutation: string,
  kind: 'update' | 'delete',
  args: MutationArgs,
  caller: Caller | undefined,
) {
  const { input, condition } = args;
  const existing = ctx.store.get(model.name, storageKey(model.primaryKey, input));
  // As the resolvers do once the stored record is loaded: owners and groups it names are checked.
  if (caller) ctx.authorizer.admitChange(caller, mutation, existing, input);
  if (!existing) throw new AppSyncError(`Not Authorized to access ${mutation} on type Mutation`, 'Unauthorized');
  if (!matchesFilter(existing, condition)) throw conditionFailed(existing);
  const patch = withoutMetadata(input, model);
  const basedOn = typeof input['_version'] === 'number' ? input['_version'] : null;
  const write = (fields: Fields, deleted: boolean | null) =>
    commit(ctx, model, mutation, nextVersion(ctx, model, existing, fields, deleted), basedOn);
  // A conflict resolved to exactly what the server holds (typically a write resent because its first
  // answer was lost) changes nothing: answer with the stored version instead of writing another.
  const resolve = (fields: Fields, deleted: boolean | null) =>
    Boolean(deleted) === Boolean(existing._deleted) &&
    sameValue(withoutMetadata(fields, model), withoutMetadata(existing, model))
      ? existing
      : write(fields, deleted);
  const apply = () => (kind === 'delete' ? write(existing, true) : write({ ...existing, ...patch }, existing._deleted));
  // As in AppSync's resolvers, a missing _version is checked as version 0.
  if ((input['_version'] ?? 0) === existing._version) return apply();

  if (kind === 'update' && (await alreadyApplied(ctx, model, existing, args, mutation))) return existing;

  const strategy = ctx.strategies.get(model.name) ?? { type: 'OPTIMISTIC_CONCURRENCY' };
  switch (strategy.type) {
    case 'OPTIMISTIC_CONCURRENCY':
      throw conflictUnhandled(existing);
    case 'AUTOMERGE':
      // A stale delete is sent back: the client's default handler retries it with the current version.
      if (kind === 'delete') throw conflictUnhandled(existing);
      return resolve(
        autoMerge(existing, patch, model.jsonFields, baseOf(ctx, model, existing, input)),
        existing._deleted,
      );
    case 'LAMBDA': {
      const decision = await strategy.handler(conflictEvent(args, existing, mutation)).catch((error: unknown) => {
        // The handler's error may carry paths or stack lines: the log gets it, the client does not.
        log('error', 'conflict handler failed', { handler: strategy.name, ...describeError(error) });
        throw new AppSyncError('The conflict handler failed to resolve this mutation.', 'ConflictError', existing);
      });
      if (decision.action === 'REJECT') throw conflictUnhandled(existing);
      if (decision.action === 'REMOVE') return resolve(existing, true);
      return resolve(decision.item, existing._deleted);
    }
  }
}

/** A mutation for `caller` (none: the server's own write, unchecked), as the model's resolvers run it. */
export async function runMutation(
  ctx: DataContext,
  fieldName: string,
  args: MutationArgs,
  caller?: Caller,
): Promise<StoredRecord> {
  const match = /^(create|update|delete)/.exec(fieldName);
  const model = modelForField(ctx.models, fieldName, /^(?:create|update|delete)(\w+)$/);
  if (!match || !model) throw new AppSyncError(`Unsupported mutation ${fieldName}`, 'UnsupportedOperation');
  const kind = match[1] as 'create' | 'update' | 'delete';
  // A create is decided on its input alone, owner fields filled in as the resolvers fill them.
  const checked =
    kind === 'create' && caller ? { ...args, input: ctx.authorizer.admitCreate(caller, fieldName, args.input) } : args;
  checkFilter(args.condition, 'condition');
  return ctx.serialize(async () =>
    kind === 'create' ? create(ctx, model, fieldName, checked) : change(ctx, model, fieldName, kind, checked, caller),
  );
}
