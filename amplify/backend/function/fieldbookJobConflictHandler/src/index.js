'use strict';
/**
 * AppSync custom (LAMBDA) conflict handler for the Job model.
 *
 * AppSync calls it when an updateJob/deleteJob arrives with a stale `_version`. The same file runs
 * in AWS Lambda after `amplify push` and in the local sync server, which invokes `handler` with the
 * same event, so a job's conflicts resolve identically in both places.
 *
 * Event: { newItem, existingItem, arguments, resolver, identity }
 *   newItem: the fields the device sent (DataStore sends only the fields it changed, plus id/_version)
 *   existingItem: the stored job as the server holds it now
 * Result: { action: 'RESOLVE', item } | { action: 'REJECT' } | { action: 'REMOVE' }
 *
 * Rules, chosen for crews editing the same work order on several phones:
 * - a delete always wins (REMOVE): deleting a job is an explicit decision;
 * - a finished job (DONE or CANCELLED) is locked: a stale edit that does not itself change the
 *   status is REJECTED, so the device shows it to the user for review instead of reopening work;
 * - otherwise RESOLVE field by field: the device's scalar edits win (it sent only what the user
 *   changed), tags are unioned, checklist items are merged by id (ticking wins, since work done
 *   cannot be undone by a stale copy), and status moves to whichever is further along.
 */

const STATUS_PROGRESS = { OPEN: 0, ON_HOLD: 1, IN_PROGRESS: 2, DONE: 3, CANCELLED: 3 };
const CLOSED_STATUSES = new Set(['DONE', 'CANCELLED']);
const METADATA_FIELDS = new Set([
  'id',
  '_version',
  '_deleted',
  '_lastChangedAt',
  'createdAt',
  'updatedAt',
  '__typename',
]);

function unionTags(existing, incoming) {
  const result = [...(existing || [])];
  for (const tag of incoming || []) {
    if (!result.includes(tag)) result.push(tag);
  }
  return result;
}

function mergeChecklist(existing, incoming) {
  const merged = new Map((existing || []).map((item) => [item.id, item]));
  for (const item of incoming || []) {
    const stored = merged.get(item.id);
    if (!stored) {
      merged.set(item.id, item);
    } else if (stored.done && !item.done) {
      merged.set(item.id, { ...item, done: true, doneAt: stored.doneAt ?? null });
    } else {
      merged.set(item.id, item);
    }
  }
  return [...merged.values()];
}

function furtherStatus(existing, incoming) {
  if (incoming === undefined || incoming === null) return existing;
  return (STATUS_PROGRESS[incoming] ?? 0) >= (STATUS_PROGRESS[existing] ?? 0) ? incoming : existing;
}

function resolveUpdate(newItem, existingItem) {
  const sentFields = Object.keys(newItem).filter((field) => !METADATA_FIELDS.has(field));
  if (CLOSED_STATUSES.has(existingItem.status) && !sentFields.includes('status')) {
    return { action: 'REJECT' };
  }
  const item = { ...existingItem };
  for (const field of sentFields) {
    if (field === 'tags') item.tags = unionTags(existingItem.tags, newItem.tags);
    else if (field === 'checklist') item.checklist = mergeChecklist(existingItem.checklist, newItem.checklist);
    else if (field === 'status') item.status = furtherStatus(existingItem.status, newItem.status);
    else item[field] = newItem[field];
  }
  return { action: 'RESOLVE', item };
}

exports.handler = async (event) => {
  const { newItem, existingItem, resolver } = event;
  if (!existingItem) return { action: 'REJECT' };
  if (resolver === 'deleteJob') return { action: 'REMOVE' };
  return resolveUpdate(newItem || {}, existingItem);
};
