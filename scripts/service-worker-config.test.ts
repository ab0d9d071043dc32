import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

import { Generator } from '@angular/service-worker/config';

import { repositoryRoot } from '../server/src/amplify-project.ts';

/** The navigation URLs of the manifest the build writes from ngsw-config.json, matched as the worker matches them. */
async function servesTheAppFor(): Promise<(path: string) => boolean> {
  const config = JSON.parse(readFileSync(join(repositoryRoot, 'ngsw-config.json'), 'utf8')) as never;
  const noFiles = { list: async () => [], read: async () => '', hash: async () => '', write: async () => undefined };
  const manifest = (await new Generator(noFiles, '/').process(config)) as {
    navigationUrls: { positive: boolean; regex: string }[];
  };
  const rules = manifest.navigationUrls.map(({ positive, regex }) => ({ positive, regex: new RegExp(regex) }));
  return (path) =>
    rules.some((rule) => rule.positive && rule.regex.test(path)) &&
    !rules.some((rule) => !rule.positive && rule.regex.test(path));
}

test("opening a backend URL in a tab reaches the server, not the app's index.html", async () => {
  const servesTheApp = await servesTheAppFor();
  for (const path of ['/', '/jobs/123', '/sites/abc/jobs']) assert.ok(servesTheApp(path), path);
  for (const path of [
    '/graphql',
    '/s3/fieldbook-photos-local/public/photos/3f2a',
    '/s3/fieldbook-photos-local/protected/us-east-1:0a1b/3f2a',
    '/cognito-identity',
  ]) {
    assert.ok(!servesTheApp(path), path);
  }
});
