import type { Page } from 'playwright-core';

import { type Device, waitForServiceWorker } from '../../testing/browser.ts';
import { createJob, openDeviceWithSite, syncBarSays } from '../../testing/fieldbook.ts';
import { startServerProcess } from '../../testing/server-process.ts';
import type { Figure } from '../lib/figures.ts';
import { sized } from '../lib/quick.ts';
import { median, percentile, sleep } from '../lib/stats.ts';

export const TABS_PARAMS = sized({ samples: 30 }, { samples: 5 });

type Watcher = Window & { fieldbookSeen?: Promise<number> };

/**
 * In `watcher`: resolves with the (epoch) time the note list first shows `label`. A string, so the
 * TypeScript runner's helpers for named functions stay out of the page.
 */
async function watchForNote(watcher: Page, label: string): Promise<void> {
  await watcher.evaluate(`
    window.fieldbookSeen = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const list = document.querySelector('[aria-label="Field notes"]');
        if (!list || !list.textContent.includes(${JSON.stringify(label)})) return;
        observer.disconnect();
        resolve(performance.timeOrigin + performance.now());
      });
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    undefined;
  `);
}

/** Saves a note in `actor` and measures until `watcher` (the same tab or another) lists it. */
async function noteVisibleAfter(actor: Page, watcher: Page, label: string): Promise<number> {
  await watchForNote(watcher, label);
  await actor.getByLabel('Note', { exact: true }).fill(label);
  const savedAt = await actor.evaluate(() => {
    const button = Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.trim() === 'Add note');
    const at = performance.timeOrigin + performance.now();
    button?.click();
    return at;
  });
  const seenAt = await Promise.race([
    watcher.evaluate(() => (window as Watcher).fieldbookSeen as Promise<number>),
    sleep(10_000).then(() => {
      throw new Error(`"${label}" was not shown within 10 s`);
    }),
  ]);
  return seenAt - savedAt;
}

interface Case {
  readonly name: string;
  readonly actor: 'leader' | 'follower';
  readonly watcher: 'leader' | 'follower';
}

const CASES: readonly Case[] = [
  { name: 'leader tab: own note visible', actor: 'leader', watcher: 'leader' },
  { name: 'follower tab: own note visible (write runs in the leader)', actor: 'follower', watcher: 'follower' },
  { name: 'leader saves → follower tab shows it', actor: 'leader', watcher: 'follower' },
  { name: 'follower saves → leader tab shows it', actor: 'follower', watcher: 'leader' },
];

/**
 * What a second tab costs: one profile on which the office signed in (on the sign-in page, before
 * anything is timed), the sync leader and a follower on the same job, offline
 * (so the server is out of the picture), each saving field notes through the real app. All cases
 * run interleaved in one session, so the ratios compare like with like.
 */
export async function tabsBenchmarks(log: (line: string) => void): Promise<Figure[]> {
  const server = await startServerProcess();
  let device: Device | undefined;
  try {
    device = await openDeviceWithSite(server, 'Bench site');
    const leader = device.page;
    const jobId = await createJob(leader, 'Bench job', 'Bench site');
    const follower = await device.newPage();
    await follower.goto(`/jobs/${jobId}`);
    await waitForServiceWorker(follower);
    await syncBarSays(follower, /^All changes synced/);
    await device.context.setOffline(true);
    await leader.goto(`/jobs/${jobId}`);
    await follower.goto(`/jobs/${jobId}`);
    const pages = { leader, follower };
    const samples = new Map<Case, number[]>(CASES.map((c) => [c, []]));
    log(`tabs: ${TABS_PARAMS.samples} notes per case, ${CASES.length} cases, interleaved`);
    for (let i = 0; i < TABS_PARAMS.samples; i++) {
      for (const c of CASES) {
        const latency = await noteVisibleAfter(
          pages[c.actor],
          pages[c.watcher],
          `bench note ${c.actor} ${i} ${c.watcher}`,
        );
        samples.get(c)?.push(latency);
        await sleep(50);
      }
    }
    const base = samples.get(CASES[0] as Case) ?? [];
    return CASES.flatMap((c) => {
      const values = samples.get(c) ?? [];
      const p50 = median(values);
      return [
        {
          group: 'tabs',
          name: `${c.name}: p50`,
          value: p50,
          unit: 'ms',
          runs: values,
          ...(c === CASES[0] ? {} : { ratio: { to: `${(CASES[0] as Case).name}: p50`, value: p50 / median(base) } }),
        },
        { group: 'tabs', name: `${c.name}: p95`, value: percentile(values, 95), unit: 'ms', runs: [] },
      ];
    });
  } finally {
    await device?.close().catch(() => undefined);
    await server.dispose();
  }
}
