// @ts-check
// The job queue in the database: claimed by one taker only, hidden while leased, back after a
// lease runs out, gone once completed. Runs on both engines (test/server/run.js).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore } from '../../server/store.js';
import { openTestStore, persistentDatabase } from './helpers.js';

test('a job is claimed with its payload, hidden while leased, and gone once completed', async (t) => {
  const store = await openTestStore(t);
  const id = await store.enqueueJob('mail', { to: 'owner@example.org', subject: 'New comment', n: 1 });
  await store.enqueueJob('webhook', { url: 'https://example.org/hook' });
  const [job, ...others] = await store.claimJobs('mail', { leaseMs: 60_000 });
  assert.deepEqual(others, []);
  assert.deepEqual(job, {
    id,
    kind: 'mail',
    payload: { to: 'owner@example.org', subject: 'New comment', n: 1 },
    attempts: 1,
  });
  assert.deepEqual(await store.claimJobs('mail'), [], 'leased: no second claim gets it');
  assert.equal(await store.completeJob(id), true);
  assert.equal(await store.completeJob(id), false);
  assert.equal((await store.claimJobs('webhook')).length, 1, 'other kinds are queued apart');
});

test('a job whose lease ran out (its taker died) is claimed again; a retried one waits its delay', async (t) => {
  const store = await openTestStore(t);
  const id = await store.enqueueJob('mail', { n: 1 });
  assert.equal((await store.claimJobs('mail', { leaseMs: 150 })).length, 1);
  assert.deepEqual(await store.claimJobs('mail'), []);
  await sleep(250);
  const [again] = await store.claimJobs('mail', { leaseMs: 60_000 });
  assert.deepEqual([again?.id, again?.attempts], [id, 2]);

  assert.equal(await store.retryJob(id, { delayMs: 200, error: 'SMTP 451' }), true);
  assert.deepEqual(await store.claimJobs('mail'), [], 'not before its delay');
  await sleep(300);
  assert.deepEqual(
    (await store.claimJobs('mail')).map((job) => [job.id, job.attempts]),
    [[id, 3]],
  );
  const later = await store.enqueueJob('mail', { n: 2 }, { delayMs: 60_000 });
  assert.ok(later);
  assert.deepEqual(await store.claimJobs('mail'), [], 'a delayed job is not due yet');
});

test('two instances claiming at once take every job exactly once', async (t) => {
  const location = await persistentDatabase(t);
  const first = await openStore(location);
  t.after(() => first.close());
  const second = await openStore(location);
  t.after(() => second.close());
  const queued = new Set();
  for (let n = 0; n < 120; n++) queued.add(await first.enqueueJob('mail', { n }));

  /** @type {Map<string, string>} job id -> which instance took it */
  const takenBy = new Map();
  /** @type {string[]} */
  const doubles = [];
  const worker = async (
    /** @type {import('../../server/store.js').CommentStore} */ store,
    /** @type {string} */ name,
  ) => {
    for (;;) {
      const jobs = await store.claimJobs('mail', { limit: 7 });
      if (jobs.length === 0) return;
      for (const job of jobs) {
        if (takenBy.has(job.id)) doubles.push(job.id);
        takenBy.set(job.id, name);
        await store.completeJob(job.id);
      }
    }
  };
  await Promise.all([
    worker(first, 'first'),
    worker(second, 'second'),
    worker(first, 'first'),
    worker(second, 'second'),
  ]);
  assert.deepEqual(doubles, [], 'no job taken twice');
  assert.deepEqual(new Set(takenBy.keys()), queued, 'every job taken');
  t.diagnostic(
    `first took ${[...takenBy.values()].filter((name) => name === 'first').length} of ${queued.size}`,
  );
});
