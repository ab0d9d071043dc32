import { performance } from 'node:perf_hooks';

import { PutObjectCommand } from '@aws-sdk/client-s3';
import { fetchAuthSession } from 'aws-amplify/auth';
import { uploadData } from 'aws-amplify/storage';

import { BUCKET, pattern, POOL_ID, REGION, s3Client } from '../../server/test/storage-client.ts';
import { waitForServiceWorker } from '../../testing/browser.ts';
import { OFFICE } from '../../testing/crew-members.ts';
import { prepareStatic } from '../browser/static.ts';
import { srpSignIn, withBenchAuth } from '../lib/accounts.ts';
import { type BenchTarget, openSignedInBenchDevice } from '../lib/browser.ts';
import { makeJobs, makeSites } from '../lib/data.ts';
import { type Figure } from '../lib/figures.ts';
import { sized } from '../lib/quick.ts';
import { startSeededServer } from '../lib/server.ts';
import { median } from '../lib/stats.ts';

export const PHOTOS_PARAMS = sized(
  {
    /** A 12-megapixel camera photo. */
    width: 4000,
    height: 3000,
    attachRuns: 3,
    /** A resized photo (about 1.3 MB) and a large one; below 5 MB, since Amplify uploads larger files in parts only in a browser (FileReader). */
    uploadSizes: [1_300_000, 4_500_000],
    uploadRuns: 5,
  },
  { width: 1600, height: 1200, attachRuns: 1, uploadSizes: [100_000], uploadRuns: 1 },
);

/**
 * `npm run bench -- photos`: attaching a 12 MP photo offline on the app's job page (resize, hash,
 * bytes and queue in the photo database, the record in DataStore) against the bare decode and
 * re-encode of the same file in the same page; and Amplify Storage's upload against a plain
 * PutObject of the same bytes with the AWS SDK, to the local server, taken in turns.
 */
export async function photosBenchmarks(log: (line: string) => void): Promise<Figure[]> {
  const statics = await prepareStatic(log);
  const sites = makeSites(1);
  const jobs = makeJobs(1, sites);
  const server = await startSeededServer({ sites, jobs }, { FIELDBOOK_STATIC_DIR: statics.appDir });
  try {
    return [...(await attachTimes(server, jobs[0]?.id ?? '', log)), ...(await uploadThroughput(server, log))];
  } finally {
    await server.dispose();
  }
}

async function attachTimes(server: BenchTarget, jobId: string, log: (line: string) => void): Promise<Figure[]> {
  const p = PHOTOS_PARAMS;
  const device = await openSignedInBenchDevice(server);
  try {
    const { page, context } = device;
    await page.goto(`${server.url}/jobs/${jobId}`);
    await waitForServiceWorker(page);
    await page.getByLabel('Photo files').waitFor({ timeout: 60_000 });
    // A camera-like picture (gradients and grain, so JPEG has work to do), made in the page.
    const base64 = await page.evaluate(
      async ({ width, height }) => {
        const canvas = new OffscreenCanvas(width, height);
        const g = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
        const gradient = g.createLinearGradient(0, 0, width, height);
        gradient.addColorStop(0, '#3a6ea5');
        gradient.addColorStop(1, '#c98b2b');
        g.fillStyle = gradient;
        g.fillRect(0, 0, width, height);
        const grain = g.getImageData(0, 0, width, height);
        for (let i = 0; i < grain.data.length; i++)
          if (i % 4 !== 3) grain.data[i] = (grain.data[i] ?? 0) ^ (Math.imul(i, 2654435761) >>> 26);
        g.putImageData(grain, 0, 0);
        const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.92 });
        const bytes = new Uint8Array(await blob.arrayBuffer());
        let binary = '';
        for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
        return btoa(binary);
      },
      { width: p.width, height: p.height },
    );
    const photo = Buffer.from(base64, 'base64');
    await context.setOffline(true);
    const attach: number[] = [];
    const bare: number[] = [];
    for (let run = 1; run <= p.attachRuns; run++) {
      const started = performance.now();
      await page
        .getByLabel('Photo files')
        .setInputFiles({ name: `pump-${run}.jpg`, mimeType: 'image/jpeg', buffer: photo });
      await page
        .getByRole('button', { name: `Photo ${run} of ${run}, waiting to upload` })
        .waitFor({ timeout: 60_000 });
      attach.push(performance.now() - started);
      bare.push(
        await page.evaluate(async (b64) => {
          const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
          const t0 = performance.now();
          const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/jpeg' }), {
            imageOrientation: 'from-image',
          });
          const scale = 2048 / Math.max(bitmap.width, bitmap.height);
          const canvas = new OffscreenCanvas(Math.round(bitmap.width * scale), Math.round(bitmap.height * scale));
          (canvas.getContext('2d') as OffscreenCanvasRenderingContext2D).drawImage(
            bitmap,
            0,
            0,
            canvas.width,
            canvas.height,
          );
          await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
          return performance.now() - t0;
        }, base64),
      );
      log(`photos: attach ${run}: ${attach.at(-1)?.toFixed(0)} ms (bare resize ${bare.at(-1)?.toFixed(0)} ms)`);
    }
    const attachMs = median(attach);
    const bareMs = median(bare);
    return [
      {
        group: 'photos',
        name: `attach a ${(p.width * p.height) / 1e6} MP photo offline (file picked → thumbnail shown)`,
        value: attachMs,
        unit: 'ms',
        runs: attach,
        ratio: { to: 'bare decode, resize and encode in the page', value: attachMs / bareMs },
        note: `${(photo.length / 1e6).toFixed(1)} MB JPEG; bare resize ${bareMs.toFixed(0)} ms`,
      },
    ];
  } finally {
    await device.dispose();
  }
}

/**
 * Both clients as the office: Amplify Auth signed in to the user pool, with the identity pool's
 * credentials for that sign-in (guests get none), which the SDK client uses too.
 */
function uploadThroughput(server: BenchTarget & { port: number }, log: (line: string) => void): Promise<Figure[]> {
  return withBenchAuth(
    server,
    OFFICE,
    async () => {
      await srpSignIn(OFFICE);
      return uploadsInTurns(server.port, log);
    },
    {
      identityPool: { id: POOL_ID, endpoint: `${server.url}/cognito-identity` },
      storage: {
        S3: { bucket: BUCKET, region: REGION, dangerouslyConnectToHttpEndpointForTesting: `${server.url}/s3` },
      },
    },
  );
}

async function uploadsInTurns(port: number, log: (line: string) => void): Promise<Figure[]> {
  const p = PHOTOS_PARAMS;
  const { credentials, identityId } = await fetchAuthSession();
  if (!credentials || !identityId) throw new Error('the signed-in office got no AWS credentials');

  const sdk = s3Client(port, {
    identityId,
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    sessionToken: credentials.sessionToken ?? '',
    expiration: credentials.expiration ?? new Date(),
  });
  // Both clients have their credentials before the clock starts.
  await uploadData({ path: 'public/bench/warm-up.jpg', data: pattern(1_000) }).result;
  await sdk.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'public/bench/warm-up-sdk.jpg', Body: pattern(1_000) }));
  const figures: Figure[] = [];
  for (const size of p.uploadSizes) {
    const data = pattern(size, size);
    const amplify: number[] = [];
    const plain: number[] = [];
    for (let run = 0; run < p.uploadRuns; run++) {
      let started = performance.now();
      await uploadData({ path: `public/bench/${size}-${run}.jpg`, data, options: { contentType: 'image/jpeg' } })
        .result;
      amplify.push(performance.now() - started);
      started = performance.now();
      await sdk.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: `public/bench/${size}-${run}-sdk.jpg`,
          Body: data,
          ContentType: 'image/jpeg',
        }),
      );
      plain.push(performance.now() - started);
    }
    const megabytes = size / 1e6;
    const rate = (ms: number) => megabytes / (ms / 1000);
    const amplifyRate = rate(median(amplify));
    const plainRate = rate(median(plain));
    log(
      `photos: ${megabytes} MB upload: Amplify ${amplifyRate.toFixed(0)} MB/s, PutObject ${plainRate.toFixed(0)} MB/s`,
    );
    figures.push({
      group: 'photos',
      name: `upload of ${megabytes} MB through Amplify Storage (uploadData)`,
      value: amplifyRate,
      unit: 'MB/s',
      runs: amplify.map(rate),
      ratio: { to: 'a plain PutObject of the same bytes (AWS SDK), in turns', value: amplifyRate / plainRate },
      note: `PutObject ${plainRate.toFixed(0)} MB/s; loopback to the local server`,
    });
  }
  return figures;
}
