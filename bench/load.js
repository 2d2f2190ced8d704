#!/usr/bin/env node
// @ts-check
// Load benchmark of the reference server, on SQLite and on PostgreSQL, against a ceiling.
//
//   npm run bench:load                                 # 10 s per run, 20 connections
//   node bench/load.js --duration 5 --connections 10   # shorter, lighter
//   node bench/load.js --rounds 1                      # the hot path once instead of 3 times
//
// Everything runs on this machine, each server as its own process (the real executable,
// server/bin.js) on 127.0.0.1: one instance on a SQLite file (WAL), and one or two instances on
// one PostgreSQL (a private cluster with PostgreSQL's durable defaults, started and removed here).
// autocannon runs in this process. Runs, each after a short warm-up:
//   1. ceiling: a Fastify route returning a constant JSON object (bench/support/ceiling.js);
//   2. the hot path: GET of one page of 50 comments (25 top level with 25 replies), on SQLite,
//      on PostgreSQL with one instance, and with two instances sharing the connections;
//   3. a mixed load, 80% GETs of pages of a 2,000-comment thread (first and cursor pages, both
//      sorts), 20% POSTs of new comments, on SQLite and on PostgreSQL with two instances; then
//      every acknowledged POST is looked up in the database.
// Latencies are recorded per response (so two instances' runs are combined exactly) and
// reported as nearest-rank percentiles. Writes bench/LOAD.md. Exits 1 when an acknowledged POST
// is missing, 2 on a setup failure.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { newCommentId, openStore } from '../server/store.js';
import { startCluster } from '../test/support/postgres.js';

/**
 * The part of autocannon's result and instance this script uses (it ships no type declarations).
 * @typedef {object} AutocannonResult
 * @property {number} errors
 * @property {number} timeouts
 * @property {number} non2xx
 * @typedef {import('node:events').EventEmitter & PromiseLike<AutocannonResult>} AutocannonInstance
 */
const require = createRequire(import.meta.url);
const autocannon = /** @type {(options: Record<string, unknown>) => AutocannonInstance} */ (
  require('autocannon')
);

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'server', 'bin.js');
const PAGE_THREAD = '/posts/fifty';
const MIXED_THREAD = '/posts/busy';
const MIXED_SIZE = 2_000;
const PAGE_SIZE = 50;
const POST_SHARE = 0.2;
const WARM_UP_SECONDS = 2;
const GOAL_SHARE_OF_CEILING = 0.5;
const GOAL_P99_MS = 50;
const UNLIMITED = '999999999';

/** @typedef {{ url: string, stop: () => Promise<void> }} Process */

/**
 * @typedef {object} RunResult
 * @property {string} label
 * @property {number} seconds
 * @property {number} connections
 * @property {{ count: number, non2xx: number, latencies: number[] }} get
 * @property {{ count: number, non2xx: number, latencies: number[] }} post
 * @property {number} errors connection errors and timeouts
 * @property {string[]} acknowledged clientIds of POSTs answered 2xx
 */

function readOptions() {
  const { values } = parseArgs({
    options: {
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '20' },
      rounds: { type: 'string', default: '3' },
    },
  });
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const rounds = Number(values.rounds);
  if (!(duration >= 1 && connections >= 2 && Number.isInteger(rounds) && rounds >= 1)) {
    throw new Error('--duration >= 1, --connections >= 2 and --rounds >= 1, please');
  }
  return { duration, connections, rounds };
}

const log = (/** @type {string} */ text) => process.stderr.write(`load: ${text}\n`);

/**
 * Starts a program that prints "... listening on http://…" and resolves with that URL.
 * @param {string[]} args node arguments
 * @returns {Promise<Process>}
 */
function startProcess(args) {
  const child = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('RC_'))),
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${args.join(' ')}: no listening line; ${stderr}`)),
      20_000,
    );
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match === null) return;
      clearTimeout(timer);
      resolve({
        url: match[1],
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      });
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args.join(' ')} exited with ${code}; ${stderr}`));
    });
  });
}

/** A server instance on `db`, with moderation off and the rate limits lifted. */
function startInstance(/** @type {string} */ db) {
  return startProcess([
    BIN,
    '--port',
    '0',
    '--db',
    db,
    '--moderation',
    'off',
    '--rate-limit',
    UNLIMITED,
    '--read-rate-limit',
    UNLIMITED,
    '--log-level',
    'silent',
  ]);
}

/** A seeded PRNG (mulberry32), so every run sends the same mix. */
function seededRandom(/** @type {number} */ seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
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

/**
 * The two threads: PAGE_THREAD, exactly one page of 50 comments (25 top level, each with one
 * reply), and MIXED_THREAD, 2,000 comments, 30% top level, replies under recent comments.
 * @param {string} db
 */
async function seed(db) {
  const random = seededRandom(20_261_201);
  const store = await openStore(db);
  try {
    const start = Date.now() - 10_000 * 60_000;
    /** @type {import('../server/store.js').NewComment[]} */
    const page = [];
    for (let n = 0; n < 25; n++) {
      const id = newCommentId();
      const author = { name: `Reader ${n}`, email: `reader${n}@example.org`, url: null };
      page.push({ id, author, body: sentence(random, 30), createdAt: new Date(start + n * 60_000) });
      page.push({
        parentId: id,
        author: { ...author, name: `Replier ${n}` },
        body: sentence(random, 20),
        createdAt: new Date(start + n * 60_000 + 30_000),
      });
    }
    await store.insertComments(PAGE_THREAD, page);

    /** @type {import('../server/store.js').NewComment[]} */
    const busy = [];
    /** @type {string[]} */
    const ids = [];
    for (let n = 0; n < MIXED_SIZE; n++) {
      const id = newCommentId();
      const parentId =
        n % 10 < 3 || ids.length === 0
          ? null
          : ids[ids.length - 1 - Math.floor(random() * Math.min(40, ids.length))];
      busy.push({
        id,
        parentId,
        author: { name: `Reader ${n % 97}`, email: `reader${n % 97}@example.org`, url: null },
        body: sentence(random, 8 + Math.floor(random() * 40)),
        createdAt: new Date(start + n * 60_000),
      });
      ids.push(id);
    }
    await store.insertComments(MIXED_THREAD, busy);
    return ids;
  } finally {
    await store.close();
  }
}

/** Every page of a thread as request paths (first page and cursor pages), in one sort order. */
async function pagePaths(
  /** @type {string} */ base,
  /** @type {string} */ thread,
  /** @type {'oldest' | 'newest'} */ sort,
) {
  const paths = [];
  /** @type {string | null} */
  let cursor = null;
  do {
    const query = `limit=${PAGE_SIZE}&sort=${sort}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
    const pathAndQuery = `/api/threads/${encodeURIComponent(thread)}/comments?${query}`;
    paths.push(pathAndQuery);
    const response = await fetch(`${base}${pathAndQuery}`);
    if (response.status !== 200) throw new Error(`GET ${pathAndQuery}: ${response.status}`);
    cursor = /** @type {{ nextCursor: string | null }} */ (await response.json()).nextCursor;
  } while (cursor !== null);
  return paths;
}

/**
 * One autocannon run against one or more servers, the connections shared between them.
 * @param {string} label
 * @param {string[]} bases server URLs
 * @param {{ seconds: number, connections: number, pick: (random: () => number) => { method: 'GET', path: string } | { method: 'POST', path: string, body: string, clientId: string } }} plan
 * @returns {Promise<RunResult>}
 */
async function run(label, bases, plan) {
  const random = seededRandom(label.length * 7_919);
  /** @type {RunResult} */
  const result = {
    label,
    seconds: plan.seconds,
    connections: plan.connections,
    get: { count: 0, non2xx: 0, latencies: [] },
    post: { count: 0, non2xx: 0, latencies: [] },
    errors: 0,
    acknowledged: [],
  };
  const share = Math.floor(plan.connections / bases.length);
  const instances = bases.map((base, index) => {
    /** @type {'get' | 'post'} */
    let answered = 'get';
    const instance = autocannon({
      url: base,
      connections: index === 0 ? plan.connections - share * (bases.length - 1) : share,
      duration: plan.seconds,
      pipelining: 1,
      timeout: 10,
      requests: [
        {
          setupRequest: (
            /** @type {Record<string, unknown>} */ request,
            /** @type {Record<string, unknown>} */ context,
          ) => {
            const next = plan.pick(random);
            context.kind = next.method === 'POST' ? 'post' : 'get';
            if (next.method === 'GET')
              return { ...request, method: 'GET', path: next.path, headers: {}, body: undefined };
            context.clientId = next.clientId;
            return {
              ...request,
              method: 'POST',
              path: next.path,
              headers: { 'content-type': 'application/json' },
              body: next.body,
            };
          },
          onResponse: (
            /** @type {number} */ status,
            /** @type {string} */ _body,
            /** @type {Record<string, unknown>} */ context,
          ) => {
            answered = context.kind === 'post' ? 'post' : 'get';
            if (answered === 'post' && status >= 200 && status < 300)
              result.acknowledged.push(String(context.clientId));
          },
        },
      ],
    });
    // autocannon emits 'response' right after the request's onResponse, on the same connection,
    // so `answered` says which kind this response time belongs to.
    instance.on(
      'response',
      (
        /** @type {unknown} */ _client,
        /** @type {number} */ status,
        /** @type {number} */ _bytes,
        /** @type {number} */ time,
      ) => {
        const kind = result[answered];
        kind.count++;
        kind.latencies.push(time);
        if (status < 200 || status >= 300) kind.non2xx++;
      },
    );
    return instance;
  });
  const finished = await Promise.all(instances);
  result.errors = finished.reduce((sum, one) => sum + one.errors + one.timeouts, 0);
  return result;
}

/** Nearest-rank percentile. */
function percentile(/** @type {number[]} */ values, /** @type {number} */ p) {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const ms = (/** @type {number} */ value) => (Number.isNaN(value) ? '–' : value.toFixed(1));
const count = (/** @type {number} */ value) => Math.round(value).toLocaleString('en-US');

/** The row of a run's table: requests per second and latencies of all, or of one kind. */
function row(
  /** @type {RunResult} */ run,
  /** @type {'all' | 'get' | 'post'} */ kind,
  /** @type {string} */ label,
) {
  const latencies = kind === 'all' ? [...run.get.latencies, ...run.post.latencies] : run[kind].latencies;
  const non2xx = kind === 'all' ? run.get.non2xx + run.post.non2xx : run[kind].non2xx;
  const reqs = latencies.length / run.seconds;
  return {
    reqs,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    text: `| ${label} | ${count(latencies.length)} | ${count(reqs)} | ${ms(percentile(latencies, 50))} | ${ms(percentile(latencies, 99))} | ${non2xx} |`,
  };
}

async function main() {
  const options = readOptions();
  const startedAt = Date.now();
  const loadBefore = os.loadavg()[0];
  const dir = mkdtempSync(path.join(os.tmpdir(), 'rc-load-'));
  const sqliteDb = path.join(dir, 'load.db');
  /** @type {(() => Promise<void>)[]} */
  const cleanups = [async () => rmSync(dir, { recursive: true, force: true })];
  try {
    log('starting a private PostgreSQL cluster (durable defaults)');
    const cluster = await startCluster();
    cleanups.unshift(() => cluster.destroy());
    const pgDb = cluster.urlOf('postgres');

    log(`seeding ${PAGE_SIZE} + ${MIXED_SIZE.toLocaleString('en-US')} comments into SQLite and PostgreSQL`);
    const parentIds = await seed(sqliteDb);
    const pgParentIds = await seed(pgDb);

    const ceiling = await startProcess([path.join(ROOT, 'bench', 'support', 'ceiling.js')]);
    const sqlite = await startInstance(sqliteDb);
    const [pgA, pgB] = await Promise.all([startInstance(pgDb), startInstance(pgDb)]);
    for (const one of [ceiling, sqlite, pgA, pgB]) cleanups.unshift(one.stop);

    const pagePath = `/api/threads/${encodeURIComponent(PAGE_THREAD)}/comments?limit=${PAGE_SIZE}`;
    const page = /** @type {{ comments: unknown[] }} */ (
      await (await fetch(`${sqlite.url}${pagePath}`)).json()
    );
    if (page.comments.length !== 50) throw new Error(`the page has ${page.comments.length} comments, not 50`);
    const pgPage = await (await fetch(`${pgA.url}${pagePath}`)).text();
    if (pgPage !== (await (await fetch(`${pgB.url}${pagePath}`)).text()))
      throw new Error('the instances disagree');

    const { duration: seconds, connections, rounds } = options;
    /** @type {(bases: string[], label: string, pick: Parameters<typeof run>[2]['pick'], warmUp?: boolean) => Promise<RunResult>} */
    const measured = async (bases, label, pick, warmUp = true) => {
      if (warmUp) await run(`${label} (warm-up)`, bases, { seconds: WARM_UP_SECONDS, connections, pick });
      log(`${label}: ${seconds} s, ${connections} connections`);
      return run(label, bases, { seconds, connections, pick });
    };
    const getPage = () => /** @type {const} */ ({ method: 'GET', path: pagePath });
    // Rounds, each running every case once, back to back: the machine is shared, and a case and
    // the ceiling measured minutes apart can see different loads. Each case reports its median
    // round; each ratio is the median of the rounds' ratios.
    /** @type {{ ceiling: RunResult[], sqlite: RunResult[], pg1: RunResult[], pg2: RunResult[] }} */
    const hot = { ceiling: [], sqlite: [], pg1: [], pg2: [] };
    for (let round = 1; round <= rounds; round++) {
      const first = round === 1;
      const label = (/** @type {string} */ name) => `${name}${rounds > 1 ? `, round ${round}` : ''}`;
      hot.ceiling.push(
        await measured([ceiling.url], label('ceiling'), () => ({ method: 'GET', path: '/' }), first),
      );
      hot.sqlite.push(await measured([sqlite.url], label('page, SQLite'), getPage, first));
      hot.pg1.push(await measured([pgA.url], label('page, PostgreSQL, 1 instance'), getPage, first));
      hot.pg2.push(
        await measured([pgA.url, pgB.url], label('page, PostgreSQL, 2 instances'), getPage, first),
      );
    }

    /** @type {(base: string, ids: string[]) => Promise<Parameters<typeof run>[2]['pick']>} */
    const mixedPlan = async (base, ids) => {
      const oldest = await pagePaths(base, MIXED_THREAD, 'oldest');
      const newest = await pagePaths(base, MIXED_THREAD, 'newest');
      const pages = [...oldest, ...newest];
      const postPath = `/api/threads/${encodeURIComponent(MIXED_THREAD)}/comments`;
      return (random) => {
        if (random() >= POST_SHARE)
          return { method: 'GET', path: pages[Math.floor(random() * pages.length)] };
        const clientId = randomUUID();
        const parentId = random() < 0.3 ? ids[Math.floor(random() * ids.length)] : null;
        const body = JSON.stringify({
          clientId,
          parentId,
          author: { name: 'Load Tester', email: 'load@example.org', url: null },
          body: sentence(random, 10 + Math.floor(random() * 60)),
          hp: '',
        });
        return { method: 'POST', path: postPath, body, clientId };
      };
    };
    const sqliteMixed = await measured(
      [sqlite.url],
      'mixed 80/20, SQLite',
      await mixedPlan(sqlite.url, parentIds),
    );
    const pgMixed = await measured(
      [pgA.url, pgB.url],
      'mixed 80/20, PostgreSQL, 2 instances',
      await mixedPlan(pgA.url, pgParentIds),
    );

    for (const stop of [sqlite.stop, pgA.stop, pgB.stop]) await stop();
    /** @type {(db: string, acknowledged: string[]) => Promise<{ acknowledged: number, found: number }>} */
    const verify = async (db, acknowledged) => {
      const store = await openStore(db);
      try {
        let found = 0;
        for (const clientId of acknowledged)
          if ((await store.findByClientId(clientId))?.thread === MIXED_THREAD) found++;
        return { acknowledged: acknowledged.length, found };
      } finally {
        await store.close();
      }
    };
    const sqliteCheck = await verify(sqliteDb, sqliteMixed.acknowledged);
    const pgCheck = await verify(pgDb, pgMixed.acknowledged);

    const reqsOf = (/** @type {RunResult} */ r) => (r.get.count + r.post.count) / r.seconds;
    const median = (/** @type {number[]} */ values) =>
      [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
    /** The round whose req/s is the median, as a table row, with every round's req/s. */
    const medianRow = (/** @type {RunResult[]} */ runs, /** @type {string} */ label) => {
      const chosen = runs.find((r) => reqsOf(r) === median(runs.map(reqsOf))) ?? runs[0];
      const perRound = runs.map((r) => count(reqsOf(r))).join(' · ');
      const base = row(chosen, 'all', label);
      return { ...base, text: `${base.text} ${perRound} |` };
    };
    const ceilingRow = medianRow(hot.ceiling, 'ceiling: constant JSON');
    const cases = /** @type {const} */ ([
      ['sqlite', 'page of 50, SQLite'],
      ['pg1', 'page of 50, PostgreSQL, 1 instance'],
      ['pg2', 'page of 50, PostgreSQL, 2 instances'],
    ]);
    const pageRows = cases.map(([key, label]) => medianRow(hot[key], label));
    const ratios = cases.map(([key]) => median(hot[key].map((r, i) => reqsOf(r) / reqsOf(hot.ceiling[i]))));
    const verdict = (/** @type {number} */ index) => {
      const share = ratios[index];
      const { p99 } = pageRows[index];
      return (
        `${(share * 100).toFixed(0)}% of the ceiling's req/s (median of the rounds), p99 ${ms(p99)} ms: ` +
        `${share >= GOAL_SHARE_OF_CEILING && p99 <= GOAL_P99_MS ? 'meets' : 'misses'} the goal`
      );
    };
    const hotHeader =
      '| Run (median round) | Requests | Req/s | p50 ms | p99 ms | Non-2xx | Req/s of each round |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |';
    const header =
      '| Run | Requests | Req/s | p50 ms | p99 ms | Non-2xx |\n| --- | ---: | ---: | ---: | ---: | ---: |';
    const errors = [...Object.values(hot).flat(), sqliteMixed, pgMixed].reduce((sum, r) => sum + r.errors, 0);
    const elapsed = Math.round((Date.now() - startedAt) / 1000);
    const report = `# Load test of the reference server

${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${os.cpus().length} cores (${os.cpus()[0]?.model.trim() ?? 'unknown'}) · Node ${process.version} · \`npm run bench:load\` · ${elapsed} s in all ·
1-minute load average ${loadBefore.toFixed(1)} before, ${os.loadavg()[0].toFixed(1)} after (other work on the machine shows up here)

Each server is its own process (\`server/bin.js\`, moderation off, rate limits lifted) on 127.0.0.1:
one on a SQLite file (WAL), one or two on one PostgreSQL ${'15'} cluster with its durable defaults
(fsync on), all on this machine with autocannon (${connections} connections, ${seconds} s per run after a
${WARM_UP_SECONDS} s warm-up; with two instances the connections are split between them). Latencies are
per response, nearest-rank.

## The hot path: one page of 50 comments, against the ceiling

${rounds} rounds, each running the four cases back to back; each row is the case's median round.

${hotHeader}
${ceilingRow.text}
${pageRows.map((r) => r.text).join('\n')}

The goal: the page at ≥ ${GOAL_SHARE_OF_CEILING * 100}% of the ceiling's req/s with p99 ≤ ${GOAL_P99_MS} ms at ${connections} connections.

- SQLite: ${verdict(0)}
- PostgreSQL, one instance: ${verdict(1)}
- PostgreSQL, two instances: ${verdict(2)}

Two instances on this machine share its ${os.cpus().length} cores with PostgreSQL and autocannon, so they
show the cost of coordinating through the database, not the capacity of two machines.

A page is served from the in-process page cache while its thread's version is unchanged: one
primary-key lookup per request (the version), then the cached page.

## Mixed load: 80% reads of a ${MIXED_SIZE.toLocaleString('en-US')}-comment thread, 20% new comments

${header}
${row(sqliteMixed, 'all', 'SQLite: all').text}
${row(sqliteMixed, 'get', 'SQLite: GET page').text}
${row(sqliteMixed, 'post', 'SQLite: POST comment').text}
${row(pgMixed, 'all', 'PostgreSQL, 2 instances: all').text}
${row(pgMixed, 'get', 'PostgreSQL, 2 instances: GET page').text}
${row(pgMixed, 'post', 'PostgreSQL, 2 instances: POST comment').text}

Every POST invalidates the thread's cached pages on every instance, so here most reads go to the
database. **Every acknowledged POST is stored:** SQLite ${count(sqliteCheck.found)} of
${count(sqliteCheck.acknowledged)}, PostgreSQL ${count(pgCheck.found)} of ${count(pgCheck.acknowledged)} (looked up by clientId after the
servers stopped). Connection errors and timeouts in all runs: ${errors}.
`;
    writeFileSync(path.join(ROOT, 'bench', 'LOAD.md'), report);
    process.stdout.write(report);
    log('wrote bench/LOAD.md');
    if (sqliteCheck.found !== sqliteCheck.acknowledged || pgCheck.found !== pgCheck.acknowledged)
      process.exitCode = 1;
  } finally {
    for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  }
}

main().catch((error) => {
  process.stderr.write(`load: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 2;
});
