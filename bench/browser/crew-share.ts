import { type CrewMember, OFFICE } from '../../testing/crew-members.ts';
import { openSignedInBenchDevice, waitForMark } from '../lib/browser.ts';
import { asStored, crewIdOf, makeCrewSites, makeJobs } from '../lib/data.ts';
import { type Figure, meets } from '../lib/figures.ts';
import { sized } from '../lib/quick.ts';
import { startSeededServer } from '../lib/server.ts';
import { countDataStoreRows, writeFloor } from './in-page.ts';
import type { StaticFiles } from './static.ts';

export const CREW_SHARE_PARAMS = sized({ jobs: 100_000, sites: 200, crews: 20 }, { jobs: 400, sites: 20, crews: 4 });

/** A member of the first crew, whose device syncs that crew's share (one `crewID eq` sync expression). */
const MEMBER: CrewMember = {
  email: 'casey.crew@fieldbook.test',
  name: 'Casey Crew',
  group: 'Crew',
  password: 'Bench-crew-share-1',
  crews: [crewIdOf(0)],
};

interface FirstSync {
  readonly startToReady: number;
  readonly navToReady: number;
  /** What the origin's IndexedDB holds once synced (Chromium's own estimate), in bytes. */
  readonly indexedDbBytes: number;
  /** The IndexedDB floor for the same records in the same page; not taken for the whole organisation's. */
  readonly floor?: number;
}

/**
 * The app's first sync on a fresh device signed in as `member`, holding `held`; with `withFloor`, the
 * floor for those records in the same page (handing 100,000 records to a page overflows the browser's
 * debugging pipe, and the office's floor is not what is compared).
 */
async function firstSync(
  server: Awaited<ReturnType<typeof startSeededServer>>,
  member: CrewMember,
  held: { sites: Record<string, unknown>[]; jobs: Record<string, unknown>[] },
  log: (line: string) => void,
  withFloor: boolean,
): Promise<FirstSync> {
  log(`crews: ${member.name}'s first sync (${held.jobs.length} jobs expected)`);
  const device = await openSignedInBenchDevice(server, server.url, member);
  try {
    const { page } = device;
    await page.goto(`${server.url}/jobs`);
    const startAt = await waitForMark(page, 'fieldbook:datastore-start', 30_000);
    const readyAt = await waitForMark(page, 'fieldbook:datastore-ready', 1_800_000);
    const rows = await page.evaluate(countDataStoreRows, 'Job');
    if (rows !== held.jobs.length)
      throw new Error(`${member.name}: ${rows} jobs on the device, expected ${held.jobs.length}`);
    const indexedDbBytes = await page.evaluate(async () => {
      const estimate = (await navigator.storage.estimate()) as StorageEstimate & {
        usageDetails?: { indexedDB?: number };
      };
      return estimate.usageDetails?.indexedDB ?? estimate.usage ?? 0;
    });
    const measured = { startToReady: readyAt - startAt, navToReady: readyAt, indexedDbBytes };
    return withFloor ? { ...measured, floor: await page.evaluate(writeFloor, held) } : measured;
  } finally {
    await device.dispose();
  }
}

const count = (n: number) => n.toLocaleString('en');
const mib = (bytes: number) => bytes / (1024 * 1024);

/**
 * A crew's share against the whole organisation's, side by side on one server: a crew member's
 * first sync of their crew's jobs (a Query of the byCrew index) over the IndexedDB floor for those
 * records, and over the office's first sync of every job; and what each device then stores.
 */
export async function crewShareBenchmarks(statics: StaticFiles, log: (line: string) => void): Promise<Figure[]> {
  const p = CREW_SHARE_PARAMS;
  const sites = makeCrewSites(p.sites, p.crews);
  const jobs = makeJobs(p.jobs, sites, 'crew-job');
  const crewID = MEMBER.crews?.[0];
  const share = {
    sites: asStored(sites.filter((site) => site['crewID'] === crewID)),
    jobs: asStored(jobs.filter((job) => job['crewID'] === crewID)),
  };
  log(`crews: server with ${p.jobs} jobs on ${p.sites} sites of ${p.crews} crews`);
  const server = await startSeededServer({ sites, jobs }, { FIELDBOOK_STATIC_DIR: statics.appDir });
  let crew: FirstSync;
  let office: FirstSync;
  try {
    crew = await firstSync(server, MEMBER, share, log, true);
    office = await firstSync(server, OFFICE, { sites: [], jobs: jobs.map(({ id }) => ({ id })) }, log, false);
  } finally {
    await server.dispose();
  }
  const toFloor = crew.startToReady / (crew.floor ?? Number.NaN);
  const toOffice = crew.startToReady / office.startToReady;
  const shareName = `${count(share.jobs.length)} of ${count(p.jobs)} jobs (1 of ${p.crews} crews)`;
  return [
    {
      group: 'browser',
      name: `crew member's first sync, ${shareName}: DataStore start → ready`,
      value: crew.startToReady,
      unit: 'ms',
      runs: [crew.startToReady],
      ratio: { to: 'IndexedDB floor for the same records', value: toFloor },
      target: { op: '<', value: 2, unit: '× floor', met: meets(toFloor, '<', 2) },
      note: `navigation → ready ${crew.navToReady.toFixed(0)} ms; floor ${(crew.floor ?? Number.NaN).toFixed(0)} ms; one run`,
    },
    {
      group: 'browser',
      name: `office's first sync, all ${count(p.jobs)} jobs: DataStore start → ready`,
      value: office.startToReady,
      unit: 'ms',
      runs: [office.startToReady],
      ratio: { to: 'office', value: 1 },
      note: `navigation → ready ${office.navToReady.toFixed(0)} ms; one run`,
    },
    {
      group: 'browser',
      name: `crew member's first sync ÷ office's, ${shareName}`,
      value: toOffice,
      unit: '×',
      runs: [],
      ratio: { to: 'office', value: toOffice },
    },
    {
      group: 'browser',
      name: `IndexedDB held after the first sync: crew member (${count(share.jobs.length)} jobs)`,
      value: mib(crew.indexedDbBytes),
      unit: 'MiB',
      runs: [mib(crew.indexedDbBytes)],
      ratio: { to: 'office', value: crew.indexedDbBytes / office.indexedDbBytes },
    },
    {
      group: 'browser',
      name: `IndexedDB held after the first sync: office (${count(p.jobs)} jobs)`,
      value: mib(office.indexedDbBytes),
      unit: 'MiB',
      runs: [mib(office.indexedDbBytes)],
    },
  ];
}
