import { expect } from '@open-wc/testing';
import { CountBatcher, chunkThreads, type LoadCounts } from '../../src/count/batch.js';
import { parseCounts } from '../../src/count/counts-api.js';

/** A loader that answers `count = thread length` and records every call. */
function recordingLoader(fail: (threads: string[]) => boolean = () => false) {
  const calls: Array<{ endpoint: string; threads: string[] }> = [];
  const load: LoadCounts = async (endpoint, threads) => {
    calls.push({ endpoint, threads });
    if (fail(threads)) throw new Error('offline');
    return new Map(threads.map((thread) => [thread, thread.length]));
  };
  return { calls, load };
}

/** A schedule the test runs by hand. */
function manualSchedule() {
  const flushes: Array<() => void> = [];
  return { schedule: (flush: () => void) => flushes.push(flush), flushes };
}

describe('chunkThreads', () => {
  it('keeps at most 100 threads per request', () => {
    const threads = Array.from({ length: 250 }, (_, i) => `t${i}`);
    expect(chunkThreads(threads).map((chunk) => chunk.length)).to.deep.equal([100, 100, 50]);
  });

  it('starts a new request before the query grows past its length, keeping order and every thread', () => {
    const long = Array.from({ length: 30 }, (_, i) => `/${String(i).padStart(2, '0')}/${'é'.repeat(100)}`);
    const chunks = chunkThreads(long);
    expect(chunks.length).to.be.greaterThan(1);
    expect(chunks.flat()).to.deep.equal(long);
    for (const chunk of chunks) {
      const query = new URLSearchParams(chunk.map((thread) => ['thread', thread])).toString();
      expect(query.length).to.be.at.most(6000);
    }
  });

  it('sends a single thread longer than the limit on its own rather than never', () => {
    expect(chunkThreads(['x'.repeat(7000), 'y'])).to.deep.equal([['x'.repeat(7000)], ['y']]);
  });
});

describe('CountBatcher', () => {
  it('answers 20 elements of one endpoint with one load, each thread once', async () => {
    const { calls, load } = recordingLoader();
    const { schedule, flushes } = manualSchedule();
    const batcher = new CountBatcher(load, schedule);
    const threads = Array.from({ length: 20 }, (_, i) => `/post-${i}/`);
    const answers = [...threads, threads[0]!].map((thread) => batcher.count('https://c.test/api', thread));
    expect(flushes.length).to.equal(1);
    flushes[0]!();
    expect((await Promise.all(answers)).slice(0, 3)).to.deep.equal([8, 8, 8]);
    expect(calls.length).to.equal(1);
    expect(calls[0]!.threads).to.deep.equal([...threads].sort());
  });

  it('makes one load per endpoint, and asks a thread already answered no more', async () => {
    const { calls, load } = recordingLoader();
    const { schedule, flushes } = manualSchedule();
    const batcher = new CountBatcher(load, schedule);
    const first = [batcher.count('https://a.test/api', '/x'), batcher.count('https://b.test/api', '/x')];
    flushes[0]!();
    await Promise.all(first);
    expect(calls.map((call) => call.endpoint)).to.deep.equal(['https://a.test/api', 'https://b.test/api']);
    expect(await batcher.count('https://a.test/api', '/x')).to.equal(2);
    expect(flushes.length).to.equal(1);
    expect(calls.length).to.equal(2);
  });

  it('chunks 150 threads into two loads', async () => {
    const { calls, load } = recordingLoader();
    const { schedule, flushes } = manualSchedule();
    const batcher = new CountBatcher(load, schedule);
    const answers = Array.from({ length: 150 }, (_, i) => batcher.count('https://c.test/api', `t${i}`));
    flushes[0]!();
    await Promise.all(answers);
    expect(calls.map((call) => call.threads.length)).to.deep.equal([100, 50]);
  });

  it('answers null when a load fails or leaves a thread out, and asks again later', async () => {
    let failing = true;
    const { calls, load } = recordingLoader(() => failing);
    const { schedule, flushes } = manualSchedule();
    const batcher = new CountBatcher(load, schedule);
    const failed = batcher.count('https://c.test/api', '/x');
    flushes[0]!();
    expect(await failed).to.equal(null);
    failing = false;
    const retried = batcher.count('https://c.test/api', '/x');
    expect(flushes.length).to.equal(2);
    flushes[1]!();
    expect(await retried).to.equal(2);
    expect(calls.length).to.equal(2);

    const partial = new CountBatcher(
      async () => new Map(),
      (flush) => flush(),
    );
    expect(await partial.count('https://c.test/api', '/missing')).to.equal(null);
  });

  it('by default waits for the current task, so elements created together share a load', async () => {
    const { calls, load } = recordingLoader();
    const batcher = new CountBatcher(load);
    const answers = ['/a', '/bb', '/ccc'].map((thread) => batcher.count('https://c.test/api', thread));
    expect(calls.length).to.equal(0);
    expect(await Promise.all(answers)).to.deep.equal([2, 3, 4]);
    expect(calls.length).to.equal(1);
  });
});

describe('parseCounts', () => {
  it('keeps whole, non-negative counts of the asked threads only', () => {
    const body = { counts: { '/a': 14, '/b': 0, '/c': -1, '/d': 1.5, '/e': '3', '/f': 1e300, '/other': 5 } };
    const counts = parseCounts(body, ['/a', '/b', '/c', '/d', '/e', '/f', '/g']);
    expect([...counts]).to.deep.equal([
      ['/a', 14],
      ['/b', 0],
    ]);
  });

  it('never reads Object.prototype for threads named like its properties', () => {
    const counts = parseCounts(JSON.parse('{"counts":{"__proto__":3}}'), [
      '__proto__',
      'constructor',
      'toString',
    ]);
    expect([...counts]).to.deep.equal([['__proto__', 3]]);
  });

  it('reads nothing from answers of the wrong shape', () => {
    for (const body of [null, 'x', 7, [], { counts: null }, { counts: [14] }, { count: { '/a': 1 } }])
      expect(parseCounts(body, ['/a', '0']).size, JSON.stringify(body)).to.equal(0);
  });
});
