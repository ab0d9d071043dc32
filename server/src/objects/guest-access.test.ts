import assert from 'node:assert/strict';
import { test } from 'node:test';

import { guestMay, guestMayList, OWN_IDENTITY } from './guest-access.ts';

const me = 'us-east-1:0a1b2c3d-0000-4000-8000-000000000001';
const other = 'us-east-1:0a1b2c3d-0000-4000-8000-000000000002';

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
