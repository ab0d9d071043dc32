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
 * - otherwise RESOLVE field by field, looking only at the fields the device sent (only what the
 *   user changed): tags are unioned, checklist items are merged by id (ticking wins, since work done
 *   cannot be undone by a stale copy), and every other field keeps the later edit by the time the
 *   user saved it, which each device records per field in `fieldEditedAt`. So an edit made offline
 *   this morning does not overwrite one made since, however late it arrives. The device whose value
 *   did not survive sees that in its review list and can restore it.
 *
 * Clocks: devices correct their edit times by the server's clock when they can, and here no edit
 * time may be later than the server could have known of it: an incoming one is capped at now, a
 * stored one at the moment the server stored that version (`_lastChangedAt`). A device whose clock
 * runs ahead therefore cannot win every future conflict. An edit with no recorded time (an app
 * version before edit times) counts as older than any timed edit.
 */

const CLOSED_STATUSES = new Set(['DONE', 'CANCELLED']);
const METADATA_FIELDS = new Set([
  'id',
  '_version',
  '_deleted',
  '_lastChangedAt',
  'createdAt',
  'updatedAt',
  '__typename',
  'fieldEditedAt',
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

/** AWSJSON arrives as a JSON string (local server) or as a map (AppSync, from DynamoDB). */
function editTimes(value) {
  if (typeof value === 'string') {
    try {
      const parsed = JSON.parse(value);
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
    } catch {
      return {};
    }
  }
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/** Epoch ms of an edit time, capped at what the server could have known; 0 when there is none. */
function editTime(iso, capMs) {
  const ms = typeof iso === 'string' ? Date.parse(iso) : NaN;
  return Number.isNaN(ms) ? 0 : Math.min(ms, capMs);
}

function resolveUpdate(newItem, existingItem, nowMs) {
  const sentFields = Object.keys(newItem).filter((field) => !METADATA_FIELDS.has(field));
  if (CLOSED_STATUSES.has(existingItem.status) && !sentFields.includes('status')) {
    return { action: 'REJECT' };
  }
  const incomingTimes = editTimes(newItem.fieldEditedAt);
  const storedTimes = editTimes(existingItem.fieldEditedAt);
  const storedCap = Number(existingItem._lastChangedAt) || nowMs;
  const times = { ...storedTimes };
  const item = { ...existingItem };
  for (const field of sentFields) {
    if (field === 'tags') item.tags = unionTags(existingItem.tags, newItem.tags);
    else if (field === 'checklist') item.checklist = mergeChecklist(existingItem.checklist, newItem.checklist);
    else if (editTime(incomingTimes[field], nowMs) < editTime(storedTimes[field], storedCap)) continue;
    else item[field] = newItem[field];
    if (
      incomingTimes[field] !== undefined &&
      editTime(incomingTimes[field], nowMs) >= editTime(times[field], storedCap)
    ) {
      times[field] = incomingTimes[field];
    }
  }
  const sentTimes = existingItem.fieldEditedAt ?? newItem.fieldEditedAt;
  if (sentTimes !== undefined && sentTimes !== null) {
    item.fieldEditedAt = typeof sentTimes === 'string' ? JSON.stringify(times) : times;
  }
  return { action: 'RESOLVE', item };
}

exports.handler = async (event) => {
  const { newItem, existingItem, resolver } = event;
  if (!existingItem) return { action: 'REJECT' };
  if (resolver === 'deleteJob') return { action: 'REMOVE' };
  return resolveUpdate(newItem || {}, existingItem, Date.now());
};
