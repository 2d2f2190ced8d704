// @ts-check
// Faults with two instances on one PostgreSQL, under a burst of 20 connections posting through
// both: one instance killed with SIGKILL, and PostgreSQL itself restarting. Either way every
// acknowledged POST is stored; during the restart the rest are answered 503 with Retry-After,
// and the instances' pools reconnect by themselves.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { openStore } from '../../server/store.js';
import { startCluster } from '../support/postgres.js';
import { createDatabase, submission } from './helpers.js';
import { startInstance } from './instances.js';

/** @typedef {import('./instances.js').Instance} Instance */

/**
 * @typedef {object} Outcome
 * @property {number} target which instance was asked
 * @property {string} clientId
 * @property {string} body
 * @property {number | null} status null: no HTTP answer (connection refused or reset)
 * @property {string | null} retryAfter
 * @property {number} at ms since the burst began
 */

/**
 * Posts from `connections` concurrent loops, each alternating between the instances, until
 * `stop()` returns true. A loop that gets a 503 waits a little, as the element's outbox would.
 * @param {Instance[]} instances
 * @param {string} thread
 * @param {(outcomes: Outcome[]) => boolean} stop checked after every answer
 * @param {{ connections?: number, timeoutMs?: number }} [options]
 */
async function burst(instances, thread, stop, options = {}) {
  const { connections = 20, timeoutMs = 60_000 } = options;
  /** @type {Outcome[]} */
  const outcomes = [];
  const started = Date.now();
  let done = false;
  const loop = async (/** @type {number} */ connection) => {
    for (let n = connection; !done; n++) {
      if (Date.now() - started > timeoutMs) throw new Error(`the burst did not finish in ${timeoutMs} ms`);
      const target = n % instances.length;
      const sent = submission({ body: `burst ${connection}/${n}\n${'Some words. '.repeat(40)}` });
      /** @type {Outcome} */
      const outcome = {
        target,
        clientId: sent.clientId,
        body: sent.body,
        status: null,
        retryAfter: null,
        at: 0,
      };
      try {
        const response = await fetch(instances[target].commentsUrl(thread), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(sent),
        });
        outcome.status = response.status;
        outcome.retryAfter = response.headers.get('retry-after');
        await response.arrayBuffer();
      } catch {
        // No answer: the instance is gone. Nothing was acknowledged.
      }
      outcome.at = Date.now() - started;
      outcomes.push(outcome);
      if (stop(outcomes)) done = true;
      if (outcome.status === 503 || outcome.status === null) await sleep(50);
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, connection) => loop(connection)));
  return outcomes;
}

const acknowledged = (/** @type {Outcome} */ outcome) =>
  outcome.status !== null && outcome.status >= 200 && outcome.status < 300;

/**
 * Every acknowledged POST is in the database, whole; returns how many comments the thread has.
 * @param {string} db
 * @param {string} thread
 * @param {Outcome[]} outcomes
 */
async function assertEveryAcknowledgedStored(db, thread, outcomes) {
  const store = await openStore(db);
  try {
    const missing = [];
    for (const outcome of outcomes.filter(acknowledged)) {
      const comment = await store.findByClientId(outcome.clientId);
      if (comment?.thread !== thread || comment.body !== outcome.body) missing.push(outcome.clientId);
    }
    assert.deepEqual(missing, [], 'acknowledged but not stored');
    const stored = await store.countComments(thread);
    assert.ok(stored >= outcomes.filter(acknowledged).length && stored <= outcomes.length);
    return stored;
  } finally {
    await store.close();
  }
}

test('kill -9 of one instance during a 20-connection burst through both: every acknowledged POST is stored', async (t) => {
  const db = await createDatabase();
  const thread = '/posts/kill-one';
  const args = ['--moderation', 'off', '--rate-limit', '1000000'];
  const instances = await Promise.all([startInstance(t, db, args), startInstance(t, db, args)]);
  let killedAt = -1;
  const outcomes = await burst(instances, thread, (outcomes) => {
    const acks = outcomes.filter(acknowledged).length;
    if (killedAt < 0 && acks >= 150) {
      killedAt = outcomes.length;
      instances[0].child.kill('SIGKILL');
    }
    // Go on through the survivor for a while after the kill.
    return killedAt >= 0 && outcomes.slice(killedAt).filter(acknowledged).length >= 150;
  });
  assert.deepEqual(await instances[0].exited, { code: null, signal: 'SIGKILL' });

  const stored = await assertEveryAcknowledgedStored(db, thread, outcomes);
  const afterKill = outcomes.slice(killedAt);
  const unanswered = outcomes.filter((outcome) => outcome.status === null);
  assert.ok(unanswered.length > 0, 'requests to the killed instance went unanswered');
  assert.ok(
    unanswered.every((outcome) => outcome.target === 0),
    'only the killed instance left requests unanswered',
  );
  assert.ok(
    outcomes.filter((outcome) => outcome.target === 1).every(acknowledged),
    'the survivor acknowledged everything sent to it',
  );
  t.diagnostic(
    `sent ${outcomes.length}, acknowledged ${outcomes.filter(acknowledged).length} (${afterKill.filter(acknowledged).length} after the kill), ` +
      `unanswered ${unanswered.length}, stored ${stored}`,
  );
});

test('a PostgreSQL restart during a burst: every acknowledged POST is stored, the rest are 503 with Retry-After, the pools reconnect', async (t) => {
  // A cluster of its own: restarting the shared one would break the tests running beside this.
  const cluster = await startCluster();
  t.after(() => cluster.destroy());
  const db = cluster.urlOf('postgres');
  const thread = '/posts/restart';
  const args = ['--moderation', 'off', '--rate-limit', '1000000'];
  const instances = await Promise.all([startInstance(t, db, args), startInstance(t, db, args)]);

  let phase = /** @type {'before' | 'down' | 'after'} */ ('before');
  let restartedAt = -1;
  /** @type {Promise<void> | undefined} */
  let restart;
  const outcomes = await burst(instances, thread, (outcomes) => {
    if (phase === 'before' && outcomes.filter(acknowledged).length >= 100) {
      phase = 'down';
      restart = (async () => {
        await cluster.stop();
        await sleep(1_500);
        await cluster.start();
        restartedAt = outcomes.length;
        phase = 'after';
      })();
    }
    if (phase !== 'after') return false;
    // Enough acknowledged through each instance after the restart: both pools reconnected.
    const later = outcomes.slice(restartedAt).filter(acknowledged);
    return [0, 1].every((target) => later.filter((outcome) => outcome.target === target).length >= 40);
  });
  await restart;

  const stored = await assertEveryAcknowledgedStored(db, thread, outcomes);
  const refused = outcomes.filter((outcome) => !acknowledged(outcome));
  assert.ok(refused.length > 0, 'the outage was seen by some requests');
  assert.deepEqual(
    [...new Set(refused.map((outcome) => `${outcome.status} Retry-After: ${outcome.retryAfter}`))],
    ['503 Retry-After: 2'],
    'everything not acknowledged was answered 503 with Retry-After',
  );
  for (const instance of instances) assert.equal(instance.child.exitCode, null, 'the instances stayed up');
  t.diagnostic(
    `sent ${outcomes.length}, acknowledged ${outcomes.filter(acknowledged).length}, 503 ${refused.length}, stored ${stored}`,
  );
});
