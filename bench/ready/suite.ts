import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { openDevice } from '../../testing/browser.ts';
import { startServerProcess } from '../../testing/server-process.ts';
import { prepareStatic } from '../browser/static.ts';
import { signInSession } from '../lib/accounts.ts';
import { keepSession } from '../lib/browser.ts';
import type { Figure } from '../lib/figures.ts';
import { sized } from '../lib/quick.ts';
import { FAST_3G, ShapedLink } from '../lib/shaped-link.ts';
import { median } from '../lib/stats.ts';

export const READY_PARAMS = sized({ runs: 3, link: FAST_3G, seed: 'demo' }, { runs: 1 });

const LINK = `${FAST_3G.downBitsPerSecond / 1e6} Mbit/s down, ${FAST_3G.upBitsPerSecond / 1e3} kbit/s up, ${FAST_3G.roundTripMs} ms RTT`;

/**
 * In the page, from navigation start: when the jobs list's heading appears and when the top bar
 * first says the app is ready for offline use. A plain script: the test runner's helpers for named
 * functions stay out of the page.
 */
const WATCH = `
  window.fieldbookTimes = {};
  new MutationObserver(() => {
    const times = window.fieldbookTimes;
    if (times.jobs === undefined && document.querySelector('h1')?.textContent?.trim() === 'Jobs') times.jobs = performance.now();
    const line = document.querySelector('fb-offline-readiness-note [role="status"]');
    if (times.ready === undefined && line?.textContent?.trim() === 'Ready to work offline') times.ready = performance.now();
  }).observe(document, { subtree: true, childList: true, characterData: true });
`;

/** What the service worker stores: every file of the manifest's asset groups, as served (no compression). */
function appBytes(appDir: string): number {
  const manifest = JSON.parse(readFileSync(join(appDir, 'ngsw.json'), 'utf8')) as { assetGroups: { urls: string[] }[] };
  return manifest.assetGroups
    .flatMap((group) => group.urls)
    .reduce((sum, url) => sum + statSync(join(appDir, url)).size, 0);
}

/**
 * First visit → ready for offline: a fresh device on which the office has signed in opens `/jobs`
 * through a slow link (the server seeded with the demo data) and waits for "Ready to work offline",
 * which the app says only once every file of the version is in Cache Storage. Bytes are what
 * crossed the link toward the device by then, the first sync's included. The sign-in (Amplify Auth
 * in Node, its tokens kept in the device's storage) is outside the timing and the bytes.
 */
export async function readyBenchmarks(log: (line: string) => void): Promise<Figure[]> {
  const { appDir } = await prepareStatic(log);
  const server = await startServerProcess({ FIELDBOOK_STATIC_DIR: appDir, FIELDBOOK_SEED: READY_PARAMS.seed });
  const ready: number[] = [];
  const shown: number[] = [];
  const bytes: number[] = [];
  try {
    for (let run = 1; run <= READY_PARAMS.runs; run++) {
      const link = await ShapedLink.start(server.port);
      const device = await openDevice(link.url);
      try {
        await keepSession(device.context, link.url, await signInSession(server));
        await device.page.addInitScript(WATCH);
        await device.page.goto('/jobs');
        const times = (await (
          await device.page.waitForFunction(
            'window.fieldbookTimes.ready !== undefined && window.fieldbookTimes',
            null,
            {
              timeout: 180_000,
              polling: 100,
            },
          )
        ).jsonValue()) as { jobs: number; ready: number };
        bytes.push(link.bytesDown / 1024);
        ready.push(times.ready / 1000);
        shown.push(times.jobs / 1000);
        log(
          `ready: run ${run}: jobs list ${shown.at(-1)?.toFixed(1)} s, ready ${ready.at(-1)?.toFixed(1)} s, ${bytes.at(-1)?.toFixed(0)} KiB`,
        );
      } finally {
        await device.close();
        await link.stop();
      }
    }
  } finally {
    await server.dispose();
  }
  const size = appBytes(appDir) / 1024;
  return [
    { group: 'ready', name: `First visit → ready for offline (${LINK})`, value: median(ready), unit: 's', runs: ready },
    { group: 'ready', name: 'First visit → jobs list shown (same runs)', value: median(shown), unit: 's', runs: shown },
    {
      group: 'ready',
      name: 'Bytes to the device until ready (all requests)',
      value: median(bytes),
      unit: 'KiB',
      runs: bytes,
    },
    { group: 'ready', name: 'App size (files the service worker stores)', value: size, unit: 'KiB', runs: [size] },
  ];
}
