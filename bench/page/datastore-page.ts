/**
 * A bench page that runs DataStore with the app's own configuration (the served
 * amplifyconfiguration.json, same syncPageSize/maxRecordsToSync, same realtime rewrite, same
 * live-list as the jobs repository), signed in to the user pool with Amplify Auth in the page, so
 * the benchmark can make 1,000 edits and time them without a test hook in the production app.
 */
import { DataStore } from '@aws-amplify/datastore';
import stockIndexedDbAdapter from '@aws-amplify/datastore/dist/esm/storage/adapter/IndexedDBAdapter.mjs';
import { fetchAuthSession, signIn } from 'aws-amplify/auth';
import { Hub } from 'aws-amplify/utils';

import { readAllJobs, titleOrder } from '../../src/app/domains/jobs/data/read-all-jobs.ts';
import { liveList } from '../../src/app/domains/shared/util/live-list.ts';
import { configureDataStore, startDataStore } from '../../src/app/domains/sync/data/datastore-setup.ts';
import { backendFromAmplifyConfiguration } from '../../src/app/shell/backend-config.ts';
import { configureAmplify } from '../../src/app/shell/configure-amplify.ts';
import { Job } from '../../src/models/index.js';

interface HubEvent {
  event: string;
  data?: { isEmpty?: boolean; active?: boolean };
}

const events: { event: string; at: number; isEmpty?: boolean }[] = [];
let processed = 0;

Hub.listen('datastore', ({ payload }) => {
  const { event, data } = payload as HubEvent;
  if (event === 'outboxMutationProcessed') processed++;
  events.push({ event, at: performance.now(), isEmpty: data?.isEmpty });
});

function waitForEvent(predicate: (e: HubEvent) => boolean, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timed out waiting for a DataStore event')), timeoutMs);
    const stop = Hub.listen('datastore', ({ payload }) => {
      if (!predicate(payload as HubEvent)) return;
      clearTimeout(timer);
      stop();
      resolve(performance.now());
    });
  });
}

/** The document DataStore sends for a Job update (its selection set: every field, then the belongsTo key). */
const UPDATE_JOB = `mutation operation($input: UpdateJobInput!, $condition: ModelJobConditionInput) {
  updateJob(input: $input, condition: $condition) { id siteID title description status priority assignee dueDate
  tags checklist { id label done doneAt } createdAt updatedAt _version _lastChangedAt _deleted site { id _deleted } } }`;

let endpoint = '';

/** The signed-in user's access token, as DataStore sends it (refreshed by Amplify Auth when it expired). */
async function accessToken(): Promise<string> {
  const token = (await fetchAuthSession()).tokens?.accessToken.toString();
  if (!token) throw new Error('nobody is signed in on the bench page');
  return token;
}

const bench = {
  /**
   * Signs `account` in with Amplify Auth (the user pool the served configuration names), then
   * starts DataStore as the app does (or on DataStore's own IndexedDB adapter, to compare);
   * resolves with ms from DataStore's start to the first `ready`, the sign-in left out.
   */
  async start(adapter: 'app' | 'stock', account: { email: string; password: string }): Promise<number> {
    const origin = location.origin;
    const backend = backendFromAmplifyConfiguration(await (await fetch('/amplifyconfiguration.json')).json());
    if (!backend?.userPool) throw new Error('the served amplifyconfiguration.json names no user pool');
    configureAmplify(backend, origin);
    endpoint = backend.endpoint;
    const { nextStep } = await signIn({ username: account.email, password: account.password });
    if (nextStep.signInStep !== 'DONE') throw new Error(`the sign-in stopped at ${nextStep.signInStep}`);
    configureDataStore({});
    if (adapter === 'stock') DataStore.configure({ storageAdapter: stockIndexedDbAdapter });
    const ready = waitForEvent((e) => e.event === 'ready', 600_000);
    const started = performance.now();
    await startDataStore();
    return (await ready) - started;
  },

  async jobIds(limit: number): Promise<string[]> {
    const jobs = await DataStore.query(Job, undefined, { page: 0, limit });
    return jobs.map((job) => job.id);
  },

  /**
   * Edits each job once (a field a crew member would change), one after another; resolves when all
   * are saved, with the total time and each DataStore.save's own time (the read before it excluded).
   */
  async editAll(ids: string[], label: string): Promise<{ totalMs: number; saveMs: number[] }> {
    const started = performance.now();
    const saveMs: number[] = [];
    for (const id of ids) {
      const job = await DataStore.query(Job, id);
      if (!job) throw new Error(`job ${id} is not on this device`);
      const edited = Job.copyOf(job, (draft) => void (draft.description = `${label}: ${id}`));
      const saveStarted = performance.now();
      await DataStore.save(edited);
      saveMs.push(performance.now() - saveStarted);
    }
    return { totalMs: performance.now() - started, saveMs };
  },

  /**
   * The serial network floor for an outbox drain: the same edits as `editAll` sent as DataStore's
   * updateJob mutations (same document, fields and `_version`), one after another with plain fetch
   * from this page to the same server. Versions are read before the clock starts. ms in all.
   */
  async serialMutations(ids: string[], label: string): Promise<number> {
    const authorization = await accessToken();
    const versions = await Promise.all(
      ids.map(async (id) => ((await DataStore.query(Job, id)) as { _version?: number } | undefined)?._version ?? 1),
    );
    const started = performance.now();
    for (const [i, id] of ids.entries()) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify({
          query: UPDATE_JOB,
          variables: { input: { id, description: `${label}: ${id}`, _version: versions[i] }, condition: null },
        }),
      });
      const body = (await response.json()) as { errors?: unknown[] };
      if (!response.ok || body.errors) throw new Error(`updateJob ${id} failed: ${JSON.stringify(body)}`);
    }
    return performance.now() - started;
  },

  processedCount(): number {
    return processed;
  },

  /** Resolves at the moment the outbox has processed `count` more mutations and is empty. */
  async waitForDrain(count: number, timeoutMs: number): Promise<number> {
    const target = processed + count;
    if (processed >= target) return performance.now();
    return waitForEvent(() => processed >= target, timeoutMs);
  },

  now(): number {
    return performance.now();
  },

  /**
   * Own write → visible in the live jobs list (as the jobs repository's watchAll: every job read and
   * sorted by title, then each change re-read by id and patched in), once per sample; ms per sample.
   */
  async ownWriteLatency(samples: number, label: string): Promise<number[]> {
    let latest: readonly Job[] = [];
    let notify: (() => void) | undefined;
    const subscription = liveList({
      changes: DataStore.observe(Job),
      requery: readAllJobs,
      readOne: (id) => DataStore.query(Job, id),
      matches: () => true,
      compare: titleOrder,
    }).subscribe((items) => {
      latest = items;
      notify?.();
    });
    try {
      const until = (check: () => boolean) =>
        new Promise<void>((resolve) => {
          if (check()) return resolve();
          notify = () => {
            if (check()) resolve();
          };
        });
      await until(() => latest.length > 0);
      const latencies: number[] = [];
      for (let i = 0; i < samples; i++) {
        // The list holds plain records; an edit starts from the model DataStore reads by id, as the app's do.
        const listed = latest[(i * 97) % latest.length] as Job;
        const target = await DataStore.query(Job, listed.id);
        if (!target) throw new Error(`job ${listed.id} is not on this device`);
        const title = `${target.title.replace(/ \[.*\]$/, '')} [${label} ${i}]`;
        const started = performance.now();
        const saved = DataStore.save(Job.copyOf(target, (draft) => void (draft.title = title)));
        await until(() => latest.some((job) => job.id === target.id && job.title === title));
        latencies.push(performance.now() - started);
        await saved;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return latencies;
    } finally {
      subscription.unsubscribe();
    }
  },
};

(globalThis as unknown as { bench: typeof bench }).bench = bench;
