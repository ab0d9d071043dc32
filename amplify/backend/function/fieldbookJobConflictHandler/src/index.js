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
 *   a sign-off alone is not (a job is signed once it is done), and the later signature wins;
 * - otherwise RESOLVE field by field, looking only at the fields the device sent (only what the
 *   user changed): tags and checklist items are merged entry by entry, applying only the entries
 *   the user added, changed or removed (the device sends, under `_baseItems`, fingerprints of the
 *   list it started from; ticking wins, since work done cannot be undone by a stale copy), and
 *   every other field keeps the later edit by the time the
 *   user saved it, which each device records per field in `fieldEditedAt`. So an edit made offline
 *   this morning does not overwrite one made since, however late it arrives. The device whose value
 *   did not survive sees that in its review list and can restore it.
 *
 * Clocks: devices correct their edit times by the server's clock when they can, and here no edit
 * time may be later than the server could have known of it: an incoming one is capped at now, a
 * stored one at the moment the server stored that version (`_lastChangedAt`). A device whose clock
 * runs ahead therefore cannot win every future conflict.
 *
 * Writes without edit times: other AppSync clients (dispatch, an ERP, a script) send a plain
 * updateJob. Their edit is made when the server stores it: an incoming one counts as later than
 * any edit the server knows of, a stored one as of that version's `_lastChangedAt` (see
 * storedChangeTime for how the handler tells). A stored field with neither time nor fingerprint
 * that the user's edit did not start from counts likewise; one the user's edit started from, or
 * whose value keeps its fingerprint without a time (a value the app saw and no one has changed
 * since), counts as older than any timed edit, and so does a field an app write sends untimed.
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

/** A list entry's identity: a checklist item's id, or a tag itself. */
function itemKey(item) {
  if (item && typeof item === 'object' && typeof item.id === 'string') return `id:${item.id}`;
  return typeof item === 'string' ? `tag:${item}` : JSON.stringify(item);
}

/**
 * A fingerprint of one list entry, the same as the app's (edit-times.ts `listItemFingerprints`):
 * a tag's own; for a checklist item, one per field but the id, empty fields left out (DynamoDB and
 * the device disagree on whether a null field is there at all).
 */
function itemFingerprint(item) {
  if (!item || typeof item !== 'object') return fingerprint(typeof item === 'string' ? item : JSON.stringify(item));
  const fields = {};
  for (const name of Object.keys(item).sort()) {
    const value = item[name];
    if (name === 'id' || value === null || value === undefined) continue;
    fields[name] = fingerprint(typeof value === 'object' ? JSON.stringify(value) : value);
  }
  return fields;
}

/** Whether `item` is as it was in the list the writer started from (`base`: its fingerprint). */
function sameAsBase(item, base) {
  const now = itemFingerprint(item);
  if (typeof base !== 'object' || base === null || typeof now !== 'object') return now === base;
  return [...new Set([...Object.keys(now), ...Object.keys(base)])].every((name) => now[name] === base[name]);
}

/** A ticked item stays ticked against a copy that predates the tick: work done is not undone. */
function keepTick(stored, incoming) {
  return stored.done && !incoming.done ? { ...incoming, done: true, doneAt: stored.doneAt ?? null } : incoming;
}

/** The stored item with the fields the writer changed from `base` set as the writer has them. */
function mergeItem(stored, mine, base) {
  const changed = itemFingerprint(mine);
  const result = { ...stored };
  for (const name of new Set([...Object.keys(mine), ...Object.keys(base)])) {
    if (name !== 'id' && changed[name] !== base[name]) result[name] = mine[name] ?? null;
  }
  return result;
}

/**
 * Without the list the writer started from (a plain write, or an app from before `_baseItems`):
 * the sent entries are laid over the stored ones, and no stored entry is removed.
 */
function unionList(existing, incoming, isChecklist) {
  const merged = new Map((existing || []).map((item) => [itemKey(item), item]));
  for (const item of incoming || []) {
    const stored = merged.get(itemKey(item));
    if (!stored) merged.set(itemKey(item), item);
    else if (isChecklist) merged.set(itemKey(item), keepTick(stored, item));
  }
  return [...merged.values()];
}

/**
 * Merges a list entry by entry, from the fingerprints of the entries the writer's device started
 * from (`base`: key → fingerprint). Only what the writer changed is applied: an entry sent as it
 * was in the base is not theirs to judge, so a stale copy neither brings back an entry removed
 * since nor undoes an edit made since, and of an item both sides edited, each keeps the fields it
 * changed. An entry the writer removed goes unless it was edited since (the edit wins; the
 * writer's review list says so); one they added is added.
 */
function mergeList(existing, incoming, base, isChecklist) {
  if (!base) return unionList(existing, incoming, isChecklist);
  const sent = new Map((incoming || []).map((item) => [itemKey(item), item]));
  const result = [];
  for (const stored of existing || []) {
    const key = itemKey(stored);
    const mine = sent.get(key);
    const started = base[key];
    sent.delete(key);
    if (mine === undefined) {
      if (started === undefined || !sameAsBase(stored, started)) result.push(stored);
    } else if (started === undefined) {
      result.push(isChecklist ? keepTick(stored, mine) : stored);
    } else if (sameAsBase(mine, started)) {
      result.push(stored);
    } else {
      result.push(typeof started === 'object' ? mergeItem(stored, mine, started) : mine);
    }
  }
  for (const [key, mine] of sent) {
    if (base[key] === undefined || !sameAsBase(mine, base[key])) result.push(mine);
  }
  return result;
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

/**
 * A short fingerprint of a field value (FNV-1a over its JSON), the same as the app's
 * (src/app/domains/shared/util/edit-times.ts). Lists and objects get none: they are merged, not
 * judged by time.
 */
function fingerprint(value) {
  if (value !== null && value !== undefined && !['string', 'number', 'boolean'].includes(typeof value)) {
    return undefined;
  }
  const text = JSON.stringify(value ?? null);
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  }
  return hash.toString(36);
}

function fingerprintsIn(times, key) {
  const value = times[key];
  return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
}

/**
 * The fingerprints of the entries of the list `field` as the writer's device started from it;
 * undefined when it sent none (a plain write, or an app from before `_baseItems`).
 */
function listBase(baseItems, field) {
  return baseItems[field] === undefined ? undefined : fingerprintsIn(baseItems, field);
}

/**
 * When the stored value of a field was last changed, in epoch ms (0: before any timed edit).
 *
 * Only the app records edit times. Another AppSync client (dispatch, an ERP, a script) sends a
 * plain updateJob without them, and when its `_version` is current AppSync stores it without
 * calling this handler: the record's `fieldEditedAt` is left as the last app edit wrote it, so its
 * time for a field the plain update changed belongs to an older value. What this handler can see
 * is the stored record. So every app write records, beside each field's time, a fingerprint of
 * the field's value (`_values`), and an update also the fingerprint of the value the user changed
 * (`_base`). A stored value that no longer matches its fingerprint, or that has neither time nor
 * fingerprint and differs from what the user changed, was set by a write without edit times,
 * which was made when the server stored it: no later than `_lastChangedAt`, the cap, which is
 * taken as its time. A plain update therefore wins over an app edit made before it, however late
 * that edit arrives, and loses to one made after it.
 */
function storedChangeTime(field, existingItem, storedTimes, baseFingerprint, capMs) {
  const current = fingerprint(existingItem[field]);
  const recorded = fingerprintsIn(storedTimes, '_values')[field];
  if (recorded !== undefined && recorded !== current) return capMs;
  if (storedTimes[field] !== undefined) return editTime(storedTimes[field], capMs);
  // Never timed: set when the record was made, or by a write without edit times that a later app
  // write only fingerprinted (it fingerprints every field it holds). Changed since the value the
  // user changed, it was set after the user saw it: no later than the cap.
  return baseFingerprint !== undefined && baseFingerprint !== current ? capMs : 0;
}

function resolveUpdate(newItem, existingItem, nowMs) {
  const sentFields = Object.keys(newItem).filter((field) => !METADATA_FIELDS.has(field));
  const signingOnly = sentFields.length > 0 && sentFields.every((field) => field === 'signOff');
  if (CLOSED_STATUSES.has(existingItem.status) && !sentFields.includes('status') && !signingOnly) {
    return { action: 'REJECT' };
  }
  const incomingTimes = editTimes(newItem.fieldEditedAt);
  const bases = fingerprintsIn(incomingTimes, '_base');
  const baseItems = fingerprintsIn(incomingTimes, '_baseItems');
  const storedTimes = editTimes(existingItem.fieldEditedAt);
  const storedCap = Number(existingItem._lastChangedAt) || nowMs;
  const storedIso = new Date(storedCap).toISOString();
  const times = { ...storedTimes };
  delete times._base;
  delete times._baseItems;
  const values = { ...fingerprintsIn(storedTimes, '_values') };
  // The stored version's untimed changes get the time it was stored, so the next conflict sees it.
  for (const field of Object.keys(values)) {
    if (values[field] !== fingerprint(existingItem[field])) {
      times[field] = storedIso;
      values[field] = fingerprint(existingItem[field]);
    }
  }
  // Another AppSync client's write carries no fieldEditedAt at all. (An app write re-sent whole
  // after a conflict carries its edit times: its other fields are not edits, and are untimed.)
  const plainWrite = newItem.fieldEditedAt === undefined || newItem.fieldEditedAt === null;
  const item = { ...existingItem };
  for (const field of sentFields) {
    const incomingIso = incomingTimes[field];
    // A plain write is made as the server stores it, after every edit the server knows of.
    const incomingTime = plainWrite ? Infinity : editTime(incomingIso, nowMs);
    if (field === 'tags' || field === 'checklist') {
      item[field] = mergeList(existingItem[field], newItem[field], listBase(baseItems, field), field === 'checklist');
      if (incomingIso !== undefined && incomingTime >= editTime(times[field], storedCap)) times[field] = incomingIso;
    } else if (incomingTime < storedChangeTime(field, existingItem, storedTimes, bases[field], storedCap)) {
      times[field] ??= storedIso;
      values[field] = fingerprint(existingItem[field]);
    } else if (plainWrite) {
      item[field] = newItem[field];
      // Stored as AWS stores a plain update: the old fingerprint no longer matches, which dates the
      // new value to this version's _lastChangedAt (no clock read here, so a replay decides alike).
      if (fingerprint(newItem[field]) !== fingerprint(existingItem[field]))
        values[field] = fingerprint(existingItem[field]);
    } else {
      item[field] = newItem[field];
      if (incomingIso !== undefined) times[field] = incomingIso;
      values[field] = fingerprint(newItem[field]);
    }
  }
  const sentTimes = existingItem.fieldEditedAt ?? newItem.fieldEditedAt;
  if (sentTimes !== undefined && sentTimes !== null) {
    const stamped = { ...times, _values: values };
    item.fieldEditedAt = typeof sentTimes === 'string' ? JSON.stringify(stamped) : stamped;
  }
  return { action: 'RESOLVE', item };
}

exports.handler = async (event) => {
  const { newItem, existingItem, resolver } = event;
  if (!existingItem) return { action: 'REJECT' };
  if (resolver === 'deleteJob') return { action: 'REMOVE' };
  return resolveUpdate(newItem || {}, existingItem, Date.now());
};

// For tests: the app computes the same fingerprints (both check the same reference values).
exports.fingerprint = fingerprint;
exports.itemFingerprint = itemFingerprint;
