// The client's answer to a server that dies: restart it and tell the user once, not on every crash; after 5 crashes in
// 3 minutes stop restarting and say so (once); a restart the user asks for starts the count again.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { RestartPolicy } from '../../client/src/restart-policy';

it('restarts a crashed server, tells the user on the first crash only, and gives up on a crash loop', () => {
  const policy = new RestartPolicy();
  const minute = 60_000;
  const first = policy.closed(0);
  assert.equal(first.restart, true);
  assert.match(first.tell ?? '', /stopped unexpectedly and was restarted/);
  // Crashes spread over time: restarted every time, never told again.
  for (let i = 1; i <= 10; i++) {
    const d = policy.closed(i * 2 * minute);
    assert.equal(d.restart, true, `crash ${i}`);
    assert.equal(d.tell, undefined, `crash ${i}`);
  }
  // A loop: five crashes within three minutes stop the restarts, and that is said once.
  const loop = [0, 1, 2, 3, 4].map((i) => policy.closed(30 * minute + i * 1000));
  assert.deepEqual(loop.map((d) => d.restart), [true, true, true, true, false]);
  assert.deepEqual(loop.map((d) => d.tell !== undefined), [false, false, false, false, true]);
  policy.reset();
  assert.equal(policy.closed(31 * minute).restart, true);
});
