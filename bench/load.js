#!/usr/bin/env node
// @ts-check
// Load test of the reference server (issue "Hostile input and security", item 6).
//
//   npm run bench:load                                 # 10 s mixed run, 20 connections
//   node bench/load.js --duration 5 --connections 10   # shorter, lighter
//
// The server runs in a worker thread of this process (startServer from server/app.js) on
// 127.0.0.1, port 0, with a temporary SQLite FILE in WAL mode, moderation off and the rate limits
// lifted; autocannon runs on the main thread, so the two do not share one event loop. Steps:
//   1. seed a 2,000-comment thread and a 10,000-comment thread through store.insertComment;
//   2. time a few hundred sequential GETs of page 1 and of a deep cursor page of the big thread;
//   3. a mixed autocannon run on the small thread: ~80% GET of pages (first and cursor pages,
//      both sorts), ~20% POST of new comments, each with a fresh clientId;
//   4. stop the server, reopen the file, and look up every POST that was answered 2xx.
// Prints and writes a markdown report (bench/LOAD.md). Exits 1 when an acknowledged POST is
// missing from the database, 2 on a setup failure or when the whole run overstays its time.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { startServer } from '../server/app.js';
import { newCommentId } from '../server/store.js';
import { QUERIES, SqliteStore } from '../server/store/sqlite-store.js';

/**
 * The part of autocannon's result this script reads (the package ships no type declarations).
 * @typedef {object} AutocannonResult
 * @property {number} duration seconds
 * @property {number} errors
 * @property {number} timeouts
 * @property {number} non2xx
 * @property {{ average: number, total: number }} requests
 * @property {{ p50: number, p90: number, p99: number }} latency of 2xx answers, ms
 */
/**
 * @typedef {import('node:events').EventEmitter & PromiseLike<AutocannonResult>} AutocannonInstance
 */
const require = createRequire(import.meta.url);
const autocannon = /** @type {(options: Record<string, unknown>) => AutocannonInstance} */ (
  require('autocannon')
);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SMALL_THREAD = '/posts/load-test';
const BIG_THREAD = '/posts/ten-thousand';
const SMALL_SIZE = 2_000;
const BIG_SIZE = 10_000;
const TOP_LEVEL_SHARE = 0.3;
const MAX_DEPTH = 5;
const RECENT = 40;
const PAGE_SIZE = 50; // the element's default page-size
const POST_SHARE = 0.2;
const SEQUENTIAL_REQUESTS = 300;
const WARM_UP_REQUESTS = 20;
const UNLIMITED = { max: 1_000_000_000, windowMs: 60_000 };

/** The worker's side: run the server until the main thread says close. */
async function serveInWorker() {
  const port = parentPort;
  if (port === null) throw new Error('serveInWorker must run in a worker thread');
  const server = await startServer({
    db: workerData.db,
    host: '127.0.0.1',
    port: 0,
    moderation: 'off',
    rateLimit: UNLIMITED,
    readRateLimit: UNLIMITED,
    logger: false,
  });
  port.once('message', async () => {
    await server.close();
    port.postMessage({ type: 'closed' });
    port.close();
  });
  port.postMessage({ type: 'listening', url: server.url });
}

async function main() {
  const options = readOptions();
  const startedAt = Date.now();
  // Other work on the machine skews every figure: say how busy it was.
  const loadBefore = os.loadavg()[0];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-load-'));
  const db = path.join(dir, 'load.db');
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  // Everything is bounded: the run, the requests, and this watchdog over the whole script.
  const watchdog = setTimeout(() => {
    process.stderr.write(`load test: still running after ${options.maxSeconds} s; giving up\n`);
    cleanUp();
    process.exit(2);
  }, options.maxSeconds * 1000);
  watchdog.unref();

  /** @type {Worker | undefined} */
  let worker;
  try {
    const random = mulberry32(20_251_125);
    log(
      `seeding ${SMALL_SIZE.toLocaleString('en-US')} + ${BIG_SIZE.toLocaleString('en-US')} comments into ${db}`,
    );
    const seeder = await SqliteStore.open(db);
    const small = await seedThread(seeder, SMALL_THREAD, SMALL_SIZE, random);
    const big = await seedThread(seeder, BIG_THREAD, BIG_SIZE, random);
    const journalMode = String(seeder.db.pragma('journal_mode', { simple: true }));
    const plan = seeder.db
      .prepare(`EXPLAIN QUERY PLAN ${QUERIES.nextPageOldest}`)
      .all(BIG_THREAD, '', '', PAGE_SIZE + 1)
      .map((/** @type {{ detail: string }} */ row) => row.detail)
      .join('; ');
    await seeder.close();

    worker = new Worker(fileURLToPath(import.meta.url), { workerData: { db } });
    const running = startWorker(worker);
    const base = await running.listening;
    const api = `${base}/api`;
    log(`server listening on ${base} (worker thread), journal_mode=${journalMode}`);

    const index = await measureIndexReads(api);
    const mixed = await runMixedLoad(api, base, small.ids, options, random);

    await running.close();
    worker = undefined;
    const check = await verifyAcknowledged(db, mixed.acknowledged);
    log(`acknowledged ${check.acknowledged}, found ${check.found}`);

    const report = formatReport({
      options,
      small,
      big,
      index,
      mixed,
      check,
      journalMode,
      plan,
      seconds: (Date.now() - startedAt) / 1000,
      load: [loadBefore, os.loadavg()[0]],
    });
    process.stdout.write(`\n${report}`);
    writeFileSync(options.out, report);
    log(`wrote ${path.relative(process.cwd(), options.out) || options.out}`);
    if (check.missing.length > 0) {
      process.stderr.write(
        `load test: ${check.missing.length} acknowledged POSTs are missing, e.g. ${check.missing.slice(0, 5).join(', ')}\n`,
      );
      process.exitCode = 1;
    }
  } catch (error) {
    process.stderr.write(
      `load test failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  } finally {
    if (worker !== undefined) await worker.terminate();
    clearTimeout(watchdog);
    cleanUp();
  }
}

/** Command-line flags. */
function readOptions() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '20' },
      out: { type: 'string', default: path.join(ROOT, 'bench', 'LOAD.md') },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(
      'Usage: node bench/load.js [--duration SECONDS (10)] [--connections N (20)] [--out FILE (bench/LOAD.md)]\n',
    );
    process.exit(0);
  }
  const duration = wholeNumber('--duration', values.duration, 1, 120);
  const connections = wholeNumber('--connections', values.connections, 1, 100);
  return { duration, connections, out: path.resolve(values.out), maxSeconds: duration + 60 };
}

/**
 * @param {string} flag
 * @param {string} text
 * @param {number} min
 * @param {number} max
 */
function wholeNumber(flag, text, min, max) {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    process.stderr.write(`${flag} must be a whole number from ${min} to ${max}\n`);
    process.exit(2);
  }
  return value;
}

/**
 * Starts talking to the server worker: resolves its URL, and closes it on request.
 * @param {Worker} worker
 */
function startWorker(worker) {
  /** @type {Promise<never>} */
  const failed = new Promise((_resolve, reject) => {
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the server worker exited (${code})`)));
  });
  failed.catch(() => undefined);
  /** @type {Promise<string>} */
  const listening = Promise.race([
    new Promise((resolve) => {
      worker.once('message', (message) => resolve(message.url));
    }),
    failed,
  ]);
  const close = async () => {
    const closed = new Promise((resolve) => worker.once('message', resolve));
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage({ type: 'close' });
    await Promise.race([closed, failed]);
    await exited;
  };
  return { listening, close };
}

/**
 * Seeds one thread: TOP_LEVEL_SHARE of the comments top level, the others replies to one of the
 * RECENT latest comments that are less than MAX_DEPTH deep; a minute apart, oldest first.
 * @param {import('../server/store.js').CommentStore} store
 * @param {string} thread
 * @param {number} count
 * @param {() => number} random
 */
async function seedThread(store, thread, count, random) {
  const first = Date.now() - count * 60_000;
  /** @type {string[]} */
  const ids = [];
  /** @type {string[]} comments a reply may still go under */
  const open = [];
  /** @type {Map<string, number>} */
  const depthOf = new Map();
  let topLevel = 0;
  let maxDepth = 0;
  /** @type {import('../server/store.js').NewComment[]} */
  const comments = [];
  for (let n = 0; n < count; n++) {
    const isTopLevel = n % 10 < TOP_LEVEL_SHARE * 10;
    // Conversations happen near their start: a reply goes under one of the latest comments
    // that can still take one, so each page carries its share of the replies.
    const parentId = isTopLevel
      ? null
      : open[open.length - 1 - Math.floor(random() * Math.min(open.length, RECENT))];
    const depth = parentId === null ? 0 : (depthOf.get(parentId) ?? 0) + 1;
    const comment = {
      id: newCommentId(),
      parentId,
      author: {
        name: `Reader ${n % 97}`,
        email: `reader${n % 97}@example.org`,
        url: n % 5 === 0 ? 'https://example.org/' : null,
      },
      body: sentence(random, 8 + Math.floor(random() * 40)),
      createdAt: new Date(first + n * 60_000),
    };
    comments.push(comment);
    ids.push(comment.id);
    depthOf.set(comment.id, depth);
    if (depth < MAX_DEPTH) open.push(comment.id);
    if (isTopLevel) topLevel++;
    maxDepth = Math.max(maxDepth, depth);
  }
  await store.insertComments(thread, comments);
  return { count, topLevel, maxDepth, ids };
}

const WORDS =
  'day one quiet morning walked meeting coffee craving called sponsor slept through night grateful honest hard week kept going small win thank you all'.split(
    ' ',
  );

/** A plain-text comment of `words` words. */
function sentence(/** @type {() => number} */ random, /** @type {number} */ words) {
  const out = [];
  for (let n = 0; n < words; n++) out.push(WORDS[Math.floor(random() * WORDS.length)]);
  return `${out.join(' ')}.`;
}

/** The URL path of a thread's comments. */
function commentsPath(/** @type {string} */ thread) {
  return `/api/threads/${encodeURIComponent(thread)}/comments`;
}

/**
 * Every page of a thread, as request paths: the first page and each cursor page.
 * @param {string} base the server URL
 * @param {string} thread
 * @param {'oldest' | 'newest'} sort
 */
async function pagePaths(base, thread, sort) {
  const paths = [];
  /** @type {string | null} */
  let cursor = null;
  for (let page = 0; page < 1_000; page++) {
    const query = `limit=${PAGE_SIZE}&sort=${sort}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const pathAndQuery = `${commentsPath(thread)}?${query}`;
    paths.push(pathAndQuery);
    const response = await fetch(`${base}${pathAndQuery}`);
    if (response.status !== 200) throw new Error(`GET ${pathAndQuery}: ${response.status}`);
    const body = /** @type {{ nextCursor: string | null }} */ (await response.json());
    cursor = body.nextCursor;
    if (cursor === null) return paths;
  }
  throw new Error(`${thread} has more than 1,000 pages`);
}

/**
 * Sequential GETs of page 1 and of the last (deepest) cursor page of the big thread.
 * @param {string} api
 */
async function measureIndexReads(api) {
  const base = api.slice(0, -'/api'.length);
  const paths = await pagePaths(base, BIG_THREAD, 'oldest');
  const targets = [
    { label: 'page 1', path: paths[0] },
    { label: `page ${paths.length} of ${paths.length} (cursor)`, path: paths[paths.length - 1] },
  ];
  const rows = [];
  for (const target of targets) {
    /** @type {number[]} */
    const times = [];
    let comments = 0;
    for (let n = 0; n < WARM_UP_REQUESTS + SEQUENTIAL_REQUESTS; n++) {
      const start = performance.now();
      const response = await fetch(`${base}${target.path}`);
      const body = /** @type {{ comments: unknown[] }} */ (await response.json());
      const elapsed = performance.now() - start;
      if (response.status !== 200) throw new Error(`GET ${target.path}: ${response.status}`);
      comments = body.comments.length;
      if (n >= WARM_UP_REQUESTS) times.push(elapsed);
    }
    const sorted = times.sort((a, b) => a - b);
    rows.push({
      ...target,
      requests: times.length,
      comments,
      p50: percentile(sorted, 50),
      p99: percentile(sorted, 99),
    });
    log(
      `${target.label}: ${comments} comments, p50 ${ms(percentile(sorted, 50))} ms, p99 ${ms(percentile(sorted, 99))} ms`,
    );
  }
  return { pages: paths.length, rows };
}

/**
 * The mixed autocannon run on the small thread.
 * @param {string} api
 * @param {string} base
 * @param {string[]} parentIds seeded comments a POST may reply to
 * @param {{ duration: number, connections: number }} options
 * @param {() => number} random
 */
async function runMixedLoad(api, base, parentIds, options, random) {
  const oldest = await pagePaths(base, SMALL_THREAD, 'oldest');
  const newest = await pagePaths(base, SMALL_THREAD, 'newest');
  const firstPages = [oldest[0], newest[0]];
  const cursorPages = [...oldest.slice(1), ...newest.slice(1)];
  const postPath = commentsPath(SMALL_THREAD);
  log(
    `mixed run: ${options.duration} s, ${options.connections} connections, ${firstPages.length} first pages and ${cursorPages.length} cursor pages, ${api}`,
  );

  /** @typedef {{ count: number, non2xx: number, latencies: number[] }} KindStats */
  /** @type {{ get: KindStats, post: KindStats }} */
  const kinds = {
    get: { count: 0, non2xx: 0, latencies: [] },
    post: { count: 0, non2xx: 0, latencies: [] },
  };
  /** @type {string[]} */
  const acknowledged = [];
  /** @type {'get' | 'post'} */
  let answered = 'get';

  const instance = autocannon({
    url: base,
    connections: options.connections,
    duration: options.duration,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        setupRequest: (
          /** @type {Record<string, unknown>} */ request,
          /** @type {Record<string, unknown>} */ context,
        ) => {
          if (random() < POST_SHARE) {
            const clientId = randomUUID();
            context.kind = 'post';
            context.clientId = clientId;
            const parentId = random() < 0.3 ? parentIds[Math.floor(random() * parentIds.length)] : null;
            return {
              ...request,
              method: 'POST',
              path: postPath,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                clientId,
                parentId,
                author: { name: 'Load Tester', email: 'load@example.org', url: null },
                body: sentence(random, 10 + Math.floor(random() * 60)),
                hp: '',
              }),
            };
          }
          context.kind = 'get';
          const pool = random() < 0.5 ? firstPages : cursorPages;
          return {
            ...request,
            method: 'GET',
            path: pool[Math.floor(random() * pool.length)],
            headers: {},
            body: undefined,
          };
        },
        onResponse: (
          /** @type {number} */ status,
          /** @type {string} */ _body,
          /** @type {Record<string, unknown>} */ context,
        ) => {
          answered = context.kind === 'post' ? 'post' : 'get';
          if (answered === 'post' && status >= 200 && status < 300)
            acknowledged.push(String(context.clientId));
        },
      },
    ],
  });
  // autocannon emits 'response' right after the request's onResponse, synchronously and on the
  // same connection, so `answered` says which kind this response time belongs to.
  instance.on(
    'response',
    (
      /** @type {unknown} */ _client,
      /** @type {number} */ statusCode,
      /** @type {number} */ _bytes,
      /** @type {number} */ responseTime,
    ) => {
      const stats = kinds[answered];
      stats.count++;
      stats.latencies.push(responseTime);
      if (statusCode < 200 || statusCode >= 300) stats.non2xx++;
    },
  );
  const result = await instance;
  return { result, kinds, acknowledged };
}

/**
 * Reopens the database file after the server stopped and looks up every acknowledged POST.
 * @param {string} db
 * @param {string[]} acknowledged
 */
async function verifyAcknowledged(db, acknowledged) {
  const store = await SqliteStore.open(db, { mustExist: true });
  try {
    const missing = [];
    for (const clientId of acknowledged) {
      if ((await store.findByClientId(clientId))?.thread !== SMALL_THREAD) missing.push(clientId);
    }
    return {
      acknowledged: acknowledged.length,
      found: acknowledged.length - missing.length,
      missing,
      integrity: String(store.db.pragma('integrity_check', { simple: true })),
      stored: await store.countComments(SMALL_THREAD),
    };
  } finally {
    await store.close();
  }
}

/** Nearest-rank percentile of sorted numbers. */
function percentile(/** @type {number[]} */ sorted, /** @type {number} */ p) {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Milliseconds for a table. */
function ms(/** @type {number} */ value) {
  if (Number.isNaN(value)) return 'n/a';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

const count = (/** @type {number} */ n) => n.toLocaleString('en-US');

/**
 * @param {{
 *   options: { duration: number, connections: number },
 *   small: { count: number, topLevel: number, maxDepth: number },
 *   big: { count: number, topLevel: number, maxDepth: number },
 *   index: Awaited<ReturnType<typeof measureIndexReads>>,
 *   mixed: Awaited<ReturnType<typeof runMixedLoad>>,
 *   check: ReturnType<typeof verifyAcknowledged>,
 *   journalMode: string,
 *   plan: string,
 *   seconds: number,
 *   load: number[],
 * }} data
 */
function formatReport({ options, small, big, index, mixed, check, journalMode, plan, seconds, load }) {
  const { result, kinds } = mixed;
  const duration = result.duration;
  const all = {
    count: kinds.get.count + kinds.post.count,
    non2xx: kinds.get.non2xx + kinds.post.non2xx,
    latencies: [...kinds.get.latencies, ...kinds.post.latencies],
  };
  const row = (
    /** @type {string} */ label,
    /** @type {{ count: number, non2xx: number, latencies: number[] }} */ stats,
  ) => {
    const sorted = [...stats.latencies].sort((a, b) => a - b);
    return `| ${label} | ${count(stats.count)} | ${count(Math.round(stats.count / duration))} | ${ms(percentile(sorted, 50))} | ${ms(percentile(sorted, 90))} | ${ms(percentile(sorted, 99))} | ${count(stats.non2xx)} |`;
  };
  const cpus = os.cpus();
  const command =
    options.duration === 10 && options.connections === 20
      ? '`npm run bench:load`'
      : `\`node bench/load.js --duration ${options.duration} --connections ${options.connections}\``;
  const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
  return `# Load test of the reference server

${date} UTC · ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}) · Node ${process.version} · ${command} · ${seconds.toFixed(0)} s in all ·
1-minute load average ${load.map((value) => value.toFixed(1)).join(' before, ')} after (other work on the machine shows up here)

The server (\`startServer\`, Fastify + better-sqlite3) runs in a worker thread on 127.0.0.1 with a
temporary SQLite file (journal_mode=${journalMode}), moderation off and rate limits lifted; autocannon
runs on the main thread of the same process. Latencies are autocannon's response times, split by kind.

## Mixed workload: ${options.duration} s, ${options.connections} connections

A thread of ${count(small.count)} seeded comments (${count(small.topLevel)} top level, replies down to depth ${small.maxDepth}).
GET: a page of ${PAGE_SIZE} top-level comments with their replies, half first pages, half cursor
pages, both sorts. POST: a new comment with a fresh clientId, 30% of them replies.

| Requests | Count | Req/s | p50 ms | p90 ms | p99 ms | Non-2xx |
| --- | ---: | ---: | ---: | ---: | ---: | ---: |
${row('All', all)}
${row('GET page', kinds.get)}
${row('POST comment', kinds.post)}

Connection errors ${count(result.errors)}, timeouts ${count(result.timeouts)}. autocannon's own figures for
2xx answers: ${count(Math.round(result.requests.average))} req/s on average, p50 ${ms(result.latency.p50)} ms,
p90 ${ms(result.latency.p90)} ms, p99 ${ms(result.latency.p99)} ms.

**Every acknowledged POST is stored:** acknowledged ${count(check.acknowledged)}, found ${count(check.found)}
(looked up by clientId after the server stopped, in the reopened file; integrity_check: ${check.integrity};
${count(check.stored)} comments in the thread afterwards).

## Reading a ${count(big.count)}-comment thread from the index

${count(big.topLevel)} top-level comments (replies down to depth ${big.maxDepth}), pages of ${PAGE_SIZE}: ${index.pages} pages.
${SEQUENTIAL_REQUESTS} sequential GETs per row on a keep-alive connection, after ${WARM_UP_REQUESTS} warm-up requests.
Query plan of a cursor page: \`${plan}\`.

| Page | Requests | Comments in the page | p50 ms | p99 ms |
| --- | ---: | ---: | ---: | ---: |
${index.rows.map((r) => `| ${r.label} | ${r.requests} | ${r.comments} | ${ms(r.p50)} | ${ms(r.p99)} |`).join('\n')}
`;
}

/** A small seeded PRNG, so every run seeds the same threads and makes the same mix. */
function mulberry32(/** @type {number} */ seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function log(/** @type {string} */ message) {
  process.stderr.write(`load: ${message}\n`);
}

// Last, so every module-level constant above is initialised before either side runs.
if (isMainThread) {
  await main();
} else {
  await serveInWorker();
}
