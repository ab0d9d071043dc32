/** Seeded random operations for the convergence fuzzer: what each client does, and when its network drops. */
import { crewScope } from '../src/crews/crew-directory.ts';

type Fields = Record<string, unknown>;

export type Random = () => number;

/** mulberry32: small, fast and the same on every machine, so a seed replays the same script. */
export function random(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `list[index]`, which must exist. */
export function at<T>(list: readonly T[], index: number): T {
  const item = list[index];
  if (item === undefined) throw new Error(`no item at ${index}`);
  return item;
}

export function pick<T>(rnd: Random, items: readonly T[]): T {
  return at(items, Math.floor(rnd() * items.length));
}

/** Parents that every fuzzed child points at; never edited, so no delete cascades through them. */
export const ANCHORS = { site: 'site-anchor', job: 'job-anchor' };
/**
 * The crews that work the sites of a seed: each record carries its scope, as the app copies a
 * site's crew onto everything made on it. The crew device's person is always in the first and
 * joins and leaves the second; the office moves sites between them.
 */
export const FUZZ_CREW = crewScope('fuzz');
export const OTHER_CREW = crewScope('fuzz2');
export const CREWS = [FUZZ_CREW.crewID, OTHER_CREW.crewID] as const;
export const MODELS = ['Site', 'Job', 'FieldNote'] as const;
export type ModelName = (typeof MODELS)[number];
/** What every device syncs of a seed's records: the written models, and the history entries and handovers a move writes. */
export const SYNCED_MODELS = [...MODELS, 'ChangeLogEntry', 'Handover'] as const;

const SEEDED: Record<ModelName, Fields[]> = {
  Site: [
    { id: ANCHORS.site, name: 'Anchor' },
    { id: 'site-1', name: 'Depot', notes: 'gate', location: { latitude: 1, longitude: 2, accuracyMeters: null } },
    { id: 'site-2', name: 'Yard' },
    { id: 'site-3', name: 'Quay', ...OTHER_CREW },
  ],
  Job: [
    { id: ANCHORS.job, siteID: ANCHORS.site, title: 'Anchor', status: 'OPEN', priority: 'NORMAL' },
    { id: 'job-1', siteID: ANCHORS.site, title: 'Pumps', status: 'IN_PROGRESS', priority: 'NORMAL', tags: ['p'] },
    { id: 'job-2', siteID: ANCHORS.site, title: 'Closed', status: 'DONE', priority: 'LOW' },
    // On sites the office moves between the crews.
    { id: 'job-3', siteID: 'site-1', title: 'Valves', status: 'OPEN', priority: 'NORMAL' },
    { id: 'job-4', siteID: 'site-3', title: 'Cables', status: 'OPEN', priority: 'HIGH', ...OTHER_CREW },
  ],
  // On the anchor job only: the server keeps a note whose job another device deletes, and a note
  // nobody added would be one the orphan check finds no author for. Notes added in the run go on
  // the movable sites' jobs too.
  FieldNote: [1, 2, 3].map((n) => ({
    id: `note-${n}`,
    jobID: ANCHORS.job,
    body: `note ${n}`,
    observedAt: '2026-02-01T10:00:00.000Z',
    reading: n,
    tags: ['t'],
    attributes: '{"gauge":"G-1"}',
  })),
};
const scoped = (records: Fields[]) => records.map((record) => ({ ...FUZZ_CREW, ...record }));
export const SEED_RECORDS: Record<ModelName, Fields[]> = {
  Site: scoped(SEEDED.Site),
  Job: scoped(SEEDED.Job),
  FieldNote: scoped(SEEDED.FieldNote),
};

/**
 * What a user can pick on the device: the anchors are never edited, and a note is shown only on its
 * job (DataStore keeps a note whose job was deleted elsewhere, but no screen lists it).
 */
export async function shownRecords(model: string, records: Fields[], jobs: () => Promise<Fields[]>): Promise<Fields[]> {
  const targets = records.filter((r) => !String(r['id']).endsWith('-anchor'));
  if (model !== 'FieldNote') return targets;
  const shownJobs = new Set((await jobs()).map((job) => job['id']));
  return targets.filter((note) => shownJobs.has(note['jobID']));
}

/**
 * An edit DataStore refuses because the record went away under the user: deleted by a sync since the
 * list was read, or a note whose job was (DataStore's "Data integrity error"). The app shows the error.
 */
export const GONE_UNDER_THE_USER = /not found locally|Data integrity error/;

export type Op =
  | { kind: 'create'; model: ModelName; fields: Fields }
  | { kind: 'update'; model: ModelName; fields: Fields }
  | { kind: 'delete'; model: ModelName }
  /**
   * An edit form: opened on a record (its base), held open while other devices change the record,
   * then saved as the app saves it: only the fields the user changed from the base, on top of the
   * record as stored then, each stamped with the device's time of saving.
   */
  | { kind: 'form'; model: ModelName; fields: Fields; holdMs: number }
  /** A field note added to a job the device shows, which another device may be deleting meanwhile. */
  | { kind: 'note'; fields: Fields }
  | { kind: 'cut'; ms: number; blackhole: boolean }
  | { kind: 'reconnect' }
  /**
   * On an office device: a site it shows moved to the other crew, as on the site form (the site,
   * everything on it, then a handover). On the crew device: its person joins or leaves the second
   * crew in the user pool, and the device renews its token and rescopes.
   */
  | { kind: 'scope' };

/** A list the user sets, or, one time in four, empties: removals must reach the server too. */
function emptied<T>(rnd: Random, items: T[]): T[] {
  return rnd() < 0.25 ? [] : items;
}

/**
 * Field edits with values unique to (client, step), so the oracle can tell every write apart; lists
 * are also emptied or lose an item (a note's `t`), which only an exact comparison can check.
 */
function edit(rnd: Random, model: ModelName, tag: string, step: number): Fields {
  const fields: Record<ModelName, (() => Fields)[]> = {
    Site: [
      () => ({ name: `name ${tag}` }),
      () => ({ notes: `notes ${tag}` }),
      () => ({ location: { latitude: step, longitude: rnd(), accuracyMeters: null } }),
    ],
    Job: [
      () => ({ title: `title ${tag}` }),
      () => ({ assignee: `who ${tag}` }),
      () => ({ status: pick(rnd, ['OPEN', 'IN_PROGRESS', 'ON_HOLD', 'DONE']) }),
      () => ({ tags: emptied(rnd, [`tag ${tag}`]) }),
      () => ({
        checklist: emptied(rnd, [{ id: `c${step % 2}`, label: `step ${tag}`, done: rnd() < 0.5, doneAt: null }]),
      }),
    ],
    FieldNote: [
      () => ({ body: `body ${tag}` }),
      () => ({ reading: step + rnd() }),
      () => ({ tags: emptied(rnd, ['t', `tag ${tag}`]).slice(rnd() < 0.3 ? 1 : 0) }),
      () => ({ location: { latitude: step, longitude: 3, accuracyMeters: rnd() } }),
      () => ({ attributes: { gauge: `G-${tag}`, [`k${step % 3}`]: step } }),
    ],
  };
  const count = 1 + Math.floor(rnd() * 2);
  return Object.assign({}, ...Array.from({ length: count }, () => pick(rnd, fields[model])()));
}

function creation(model: ModelName, id: string, tag: string, rnd: Random): Fields {
  if (model === 'Site') return { id, name: `site ${tag}`, ...(rnd() < 0.5 ? FUZZ_CREW : OTHER_CREW) };
  if (model === 'Job')
    return { id, siteID: ANCHORS.site, title: `job ${tag}`, status: 'OPEN', priority: 'HIGH', ...FUZZ_CREW };
  return {
    id,
    jobID: ANCHORS.job,
    body: `note ${tag}`,
    observedAt: '2026-03-01T08:00:00.000Z',
    tags: [],
    ...FUZZ_CREW,
  };
}

/** The script of one client: data operations interleaved with network cuts. */
export function clientScript(rnd: Random, client: number, steps: number): Op[] {
  return Array.from({ length: steps }, (_, step): Op => {
    const tag = `c${client}s${step}`;
    const model = pick(rnd, MODELS);
    const roll = rnd();
    if (roll < 0.12) return { kind: 'create', model, fields: creation(model, `${model}-${tag}`, tag, rnd) };
    if (roll < 0.2) return { kind: 'note', fields: creation('FieldNote', `FieldNote-${tag}`, tag, rnd) };
    // Jobs are deleted more often than the rest, so notes added elsewhere meet deleted jobs.
    if (roll < 0.3) return { kind: 'delete', model: rnd() < 0.5 ? 'Job' : model };
    if (roll < 0.42) return { kind: 'cut', ms: 100 + Math.floor(rnd() * 600), blackhole: rnd() < 0.4 };
    if (roll < 0.45) return { kind: 'reconnect' };
    if (roll < 0.51) return { kind: 'scope' };
    if (roll < 0.6)
      return { kind: 'form', model, fields: edit(rnd, model, tag, step), holdMs: Math.floor(rnd() * 800) };
    return { kind: 'update', model, fields: edit(rnd, model, tag, step) };
  });
}
