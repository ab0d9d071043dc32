import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';

import { confirmSignIn, fetchAuthSession, signIn, signOut, updatePassword } from 'aws-amplify/auth';

import { serverEntry } from '../../testing/server-process.ts';
import { repositoryRoot } from '../src/amplify-project.ts';
import { spawnCommandLineServer, tempDbPath, waitFor } from './harness.ts';
import { configureAuth, errorName, heldTokens } from './user-pool-client.ts';

// The command-line server and the users command as an operator runs them, on one database.
const db = tempDbPath();
let server: { child: ChildProcess; port: Promise<number>; output(): string };
let url = '';
/** Every password and token that went through the server, none of which may be in its log. */
const secrets: string[] = [];

before(async () => {
  server = spawnCommandLineServer(serverEntry('main'), { cwd: repositoryRoot, dbPath: db.path });
  url = `http://localhost:${await server.port}/`;
  await configureAuth(url);
});
after(() => {
  server.child.kill();
  db.cleanup();
});

function users(...args: string[]): { code: number | null; out: string } {
  const result = spawnSync(process.execPath, [...serverEntry('users-main'), ...args], {
    cwd: repositoryRoot,
    env: { ...process.env, FIELDBOOK_DB: db.path },
    encoding: 'utf8',
  });
  return { code: result.status, out: result.stdout + result.stderr };
}

function added(email: string, group: string): string {
  const { code, out } = users('add', email, '--name', 'Sam Field', '--group', group);
  assert.equal(code, 0, out);
  const password = /shown only now: (\S+)/.exec(out)?.[1];
  assert.ok(password, out);
  secrets.push(password);
  return password;
}

test('a first start with no users says once how to add the first Office user', () => {
  const hints = server
    .output()
    .split('\n')
    .filter((line) => line.includes('no users yet'));
  assert.equal(hints.length, 1);
  assert.match(hints[0] ?? '', /npm run users -- add <email> --name \\"<name>\\" --group Office/);
});

test('the users command adds, lists, regroups and disables users; mistakes are explained', async () => {
  const temporary = added('Sam@Fieldbook.test', 'office');
  assert.match(temporary, /^[A-Za-z]\S{15}$/);
  added('tia@fieldbook.test', 'Crew');
  assert.deepEqual(
    users('list')
      .out.trim()
      .split('\n')
      .map((line) => line.split('\t').slice(0, 4)),
    [
      ['email', 'name', 'group', 'state'],
      ['sam@fieldbook.test', 'Sam Field', 'Office', 'FORCE_CHANGE_PASSWORD'],
      ['tia@fieldbook.test', 'Sam Field', 'Crew', 'FORCE_CHANGE_PASSWORD'],
    ],
  );
  assert.equal(users('set-group', 'tia@fieldbook.test', '--group', 'Viewer').code, 0);
  assert.equal(users('disable', 'tia@fieldbook.test').code, 0);
  assert.match(users('list').out, /tia@fieldbook\.test\tSam Field\tViewer\tDISABLED/);
  assert.deepEqual(users('add', 'sam@fieldbook.test', '--name', 'Again', '--group', 'Crew'), {
    code: 1,
    out: 'sam@fieldbook.test is already a user\n',
  });
  assert.equal(users('disable', 'nobody@fieldbook.test').code, 1);
  const badGroup = users('add', 'uma@fieldbook.test', '--name', 'Uma', '--group', 'Boss');
  assert.equal(badGroup.code, 2);
  assert.match(badGroup.out, /--group must be one of Office, Crew, Viewer\nusage:/);

  const disabledTemporary = secrets[1] ?? '';
  assert.equal(
    await errorName(signIn({ username: 'tia@fieldbook.test', password: disabledTemporary })),
    'NotAuthorizedException: User is disabled.',
  );
});

test('sign-out-everywhere ends a signed-in device at its next refresh, and nothing secret reaches the log', async () => {
  const temporary = secrets[0] ?? '';
  await signIn({ username: 'sam@fieldbook.test', password: temporary });
  await confirmSignIn({ challengeResponse: 'sams-first-password' });
  await updatePassword({ oldPassword: 'sams-first-password', newPassword: 'sams-second-password' });
  await fetchAuthSession({ forceRefresh: true });
  secrets.push('sams-first-password', 'sams-second-password', ...heldTokens());
  assert.equal(heldTokens().length, 3);

  assert.match(users('sign-out-everywhere', 'sam@fieldbook.test').out, /1 sessions revoked/);
  assert.equal((await fetchAuthSession({ forceRefresh: true })).tokens, undefined);
  await signOut();

  added('vic@fieldbook.test', 'Crew');
  for (let attempt = 1; attempt <= 6; attempt++) {
    const guess = `vics-guess-${attempt}`;
    secrets.push(guess);
    assert.match(
      await errorName(signIn({ username: 'vic@fieldbook.test', password: guess })),
      /^NotAuthorizedException/,
    );
  }
  const locked = await waitFor('the lock in the log', () =>
    server
      .output()
      .split('\n')
      .find((line) => line.includes('sign-in locked')),
  );
  assert.match(locked, /"username":"vic@fieldbook.test"/);
  for (const secret of secrets) assert.ok(!server.output().includes(secret), `the log holds ${secret.slice(0, 12)}…`);
});
