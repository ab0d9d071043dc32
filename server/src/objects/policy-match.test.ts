import assert from 'node:assert/strict';
import { test } from 'node:test';

import { GUEST_GRANTS } from './guest-access.ts';
import { granted, grantedList, type ObjectAction, OWN_IDENTITY, type PolicySession } from './policy-match.ts';
import { crewPrefix, GROUP_GRANTS } from './signed-in-access.ts';

const me = 'us-east-1:0a1b2c3d-0000-4000-8000-000000000001';
const other = 'us-east-1:0a1b2c3d-0000-4000-8000-000000000002';
const guest = (identityId: string): PolicySession => ({ identityId, tags: {} });
const guestMay = (identityId: string, action: ObjectAction, key: string) =>
  granted(GUEST_GRANTS, guest(identityId), action, key);
const guestMayList = (identityId: string, prefix: string) => grantedList(GUEST_GRANTS, guest(identityId), prefix);

test("IAM's identity variable stands for the caller's own id only, matched as literal text", () => {
  assert.ok(guestMay(me, 's3:PutObject', `protected/${me}/a.jpg`));
  assert.ok(!guestMay(me, 's3:PutObject', `protected/${other}/a.jpg`));
  assert.ok(guestMay(me, 's3:GetObject', `protected/${other}/a.jpg`));
  assert.ok(!guestMay(me, 's3:GetObject', `private/${other}/a.jpg`));
  assert.ok(!guestMay(me, 's3:GetObject', `private/${OWN_IDENTITY}/a.jpg`), 'the variable is no wildcard');
  // A `*` or `.` in an id is text: an id cannot widen its own grant.
  assert.ok(!guestMay('*', 's3:GetObject', `private/${me}/a.jpg`));
  assert.ok(!guestMay('us-east-1.0a', 's3:GetObject', 'private/us-east-1:0a/a.jpg'));
});

test('each grant is for its actions only, and a listing for the prefixes granted', () => {
  assert.ok(guestMay(me, 's3:DeleteObject', 'public/a.jpg'));
  assert.ok(guestMay(me, 's3:PutObject', 'uploads/a.jpg'));
  assert.ok(!guestMay(me, 's3:GetObject', 'uploads/a.jpg'));
  assert.ok(!guestMay(me, 's3:DeleteObject', `protected/${other}/a.jpg`));
  assert.ok(!guestMay(me, 's3:PutObject', 'a.jpg'));
  assert.ok(!guestMay(me, 's3:PutObject', 'publicity/a.jpg'));
  for (const prefix of ['public/', 'public/jobs/', 'protected/', `protected/${other}/`, `private/${me}/`]) {
    assert.ok(guestMayList(me, prefix), prefix);
  }
  for (const prefix of ['', 'public', 'private/', `private/${other}/`, `private/${me}`, 'uploads/']) {
    assert.ok(!guestMayList(me, prefix), prefix);
  }
});

test("a principal tag stands for the session's value as literal text, and a missing tag matches nothing", () => {
  const crew = (tags: Record<string, string>): PolicySession => ({ identityId: me, tags });
  const north = crew({ crew1: 'north' });
  const key = (team: string) => `${crewPrefix(team)}photos/job-1/a.jpg`;
  assert.ok(granted(GROUP_GRANTS.Crew, north, 's3:GetObject', key('north')));
  assert.ok(!granted(GROUP_GRANTS.Crew, north, 's3:GetObject', key('south')));
  assert.ok(granted(GROUP_GRANTS.Crew, crew({ crew1: 'north', crew3: 'south' }), 's3:DeleteObject', key('south')));
  assert.ok(!granted(GROUP_GRANTS.Crew, crew({}), 's3:GetObject', key('north')), 'no crews, nothing');
  assert.ok(!granted(GROUP_GRANTS.Crew, crew({}), 's3:GetObject', 'public/crews/${aws:PrincipalTag/crew1}/a.jpg'));
  assert.ok(!granted(GROUP_GRANTS.Crew, crew({ crew1: '*' }), 's3:GetObject', key('north')), 'no wildcard');
  assert.ok(!granted(GROUP_GRANTS.Crew, north, 's3:GetObject', 'public/photos/job-1/a.jpg'), 'photos before crews');
  assert.ok(grantedList(GROUP_GRANTS.Crew, north, crewPrefix('north')));
  assert.ok(!grantedList(GROUP_GRANTS.Crew, north, crewPrefix('south')));
  assert.ok(!grantedList(GROUP_GRANTS.Crew, north, 'public/crews/'));
});
