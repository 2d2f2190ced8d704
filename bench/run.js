// @ts-check
// The performance benchmark (issue "Performance and scale", item 1): loads the built bundle on a
// blog page with threads of 100 to 10,000 comments in Debian's Chromium, cold (a fresh browser
// context per run), and measures time to DOM, the next frame, long tasks, heap and element
// counts; then one keystroke-to-draft and one offline-to-sent measurement. Writes
// bench/RESULTS.md and prints it.
//
//   npm run bench                                  # build, then all sizes × 7 runs
//   node bench/run.js --sizes 100,1000 --runs 3    # a quick run on the current dist/
//   node bench/run.js --sizes 1000,5000 --runs 3 --out /tmp/bench/RESULTS.md
//                                                  # the same, report and chart.svg kept out of bench/
//
// Exit code 1 when a run failed (error or timeout); budget misses are reported, not fatal.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/chromium.js';
import { timeTrees } from './support/tree.js';
import { timeChart } from './support/chart.js';
import { CONTENDERS } from './support/contenders.js';
import { brotli, moduleBytes } from './support/modules.js';
import { describeThread, makeThread } from './support/fixtures.js';
import { armEvent, armKeystroke, armReplay, collect, heapAfterGc, installProbe } from './support/probe.js';
import { KIB, MIB, fmt, median, sizeRows, spread } from './support/report.js';
import { startFixtureServer } from './support/server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const BUNDLE = path.join(DIST, 'recovery-comments.js');
const WALINE_DIST = path.join(ROOT, 'node_modules', '@waline', 'client', 'dist');
/** Issue "Performance": what a reader downloads before the comments show, and in all (English). */
const BEFORE_DOM_BUDGET = 12 * KIB;
const EVER_BUDGET = 18 * KIB;
/** The same issue's goals against the floor measured in the same run. */
const FLOOR_RATIO_BUDGET = new Map([
  [1000, 1.4],
  [5000, 2.0],
]);
/** Where each contender's page lives on the fixture server. */
const PAGE_PATH = { ours: 'bench', floor: 'floor', waline: 'waline' };
const INTERACTION_SIZE = 100;
const KEYSTROKES = 10;
const REPLAYS = 5;

const { values: options } = parseArgs({
  options: {
    sizes: { type: 'string', default: '100,1000,5000,10000' },
    runs: { type: 'string', default: '7' },
    timeout: { type: 'string', default: '60' }, // seconds per page
    'max-minutes': { type: 'string', default: '10' }, // the whole run
    out: { type: 'string', default: path.join(ROOT, 'bench', 'RESULTS.md') },
  },
});
const SIZES = options.sizes.split(',').map((s) => Number(s.trim().replace(/_/g, '')));
const RUNS = Number(options.runs);
const PAGE_TIMEOUT = Number(options.timeout) * 1000;
if (!SIZES.every((n) => Number.isInteger(n) && n > 0) || !(RUNS >= 1) || !(PAGE_TIMEOUT > 0)) {
  console.error(
    'usage: node bench/run.js [--sizes 100,1000] [--runs 3] [--timeout 60] [--max-minutes 10] [--out FILE]',
  );
  process.exit(2);
}
if (!existsSync(BUNDLE)) {
  console.error(
    `bench: ${path.relative(ROOT, BUNDLE)} is missing; run \`npm run build\` first (or \`npm run bench\`).`,
  );
  process.exit(2);
}

// A hang anywhere becomes a reported failure, never a stuck run (playwright closes the browser on exit).
setTimeout(
  () => {
    console.error(`bench: stopped after ${options['max-minutes']} minutes`);
    process.exit(3);
  },
  Number(options['max-minutes']) * 60_000,
).unref();

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * @template T
 * @param {Promise<T>} promise
 * @param {number} ms
 * @param {string} what
 * @returns {Promise<T>}
 */
function withTimeout(promise, ms, what) {
  /** @type {NodeJS.Timeout | undefined} */
  let timer;
  const timeout = new Promise(
    (_, reject) =>
      (timer = setTimeout(() => reject(new Error(`timed out after ${ms / 1000} s: ${what}`)), ms)),
  );
  return /** @type {Promise<T>} */ (Promise.race([promise, timeout]).finally(() => clearTimeout(timer)));
}

const CONTEXT = { viewport: { width: 1280, height: 900 } };

/**
 * One cold load of the contender's page with n comments, in a fresh context.
 * @param {import('playwright-core').Browser} browser
 * @param {string} base
 * @param {number} n
 */
async function measureLoad(
  browser,
  base,
  n,
  contender = /** @type {import('./support/contenders.js').Contender} */ ('ours'),
) {
  const context = await browser.newContext(CONTEXT);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT);
    /** @type {string[]} */
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript(installProbe, { n, contender });
    await page.goto(`${base}/${PAGE_PATH[contender]}/${n}`, { waitUntil: 'commit' });
    try {
      return await withTimeout(page.evaluate(collect, n), PAGE_TIMEOUT, `all ${n} comments in the DOM`);
    } catch (error) {
      const shown = await withTimeout(
        page.evaluate(() => /** @type {any} */ (window).__bench.count()),
        2000,
        'count',
      ).catch(() => '?');
      const rcErrors = await withTimeout(
        page.evaluate(() => /** @type {any} */ (window).__bench.errors),
        2000,
        'errors',
      ).catch(() => []);
      const extra = [...errors, ...rcErrors].slice(0, 3).join('; ');
      throw new Error(
        `${/** @type {Error} */ (error).message} (comments shown: ${shown})${extra ? `; page said: ${extra}` : ''}`,
      );
    }
  } finally {
    await context.close();
  }
}

/**
 * Keystroke → rc-draft-saved, and offline Post Comment → back online → rc-submitted, on one page.
 * @param {import('playwright-core').Browser} browser
 * @param {string} base
 */
async function measureInteractions(browser, base) {
  const context = await browser.newContext(CONTEXT);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT);
    await page.addInitScript(installProbe, { n: INTERACTION_SIZE, contender: 'ours' });
    await page.goto(`${base}/bench/${INTERACTION_SIZE}`);
    await withTimeout(
      page.evaluate(() => /** @type {any} */ (window).__bench.done),
      PAGE_TIMEOUT,
      'thread shown',
    );
    const comment = page.getByRole('textbox', { name: 'Comment', exact: true });
    const name = page.getByRole('textbox', { name: 'Name', exact: true });

    /** @type {number[]} */
    const keystrokes = [];
    await comment.click();
    for (let i = 0; i < KEYSTROKES; i++) {
      await page.evaluate(armKeystroke);
      await page.keyboard.type('abcdefghij'[i] ?? 'x');
      keystrokes.push(
        await withTimeout(
          page.evaluate(() => /** @type {any} */ (window).__keyToSave),
          10_000,
          'rc-draft-saved',
        ),
      );
      await sleep(150); // a slow typist: every keystroke is its own save
    }

    /** @type {number[]} */
    const replays = [];
    /** @type {number[]} */
    const replaysWall = [];
    for (let i = 0; i < REPLAYS; i++) {
      await context.setOffline(true);
      await comment.fill(
        `Written on the train with no signal, number ${i + 1}. It should arrive once, when the signal is back.`,
      );
      await name.fill('Bench Reader');
      await page.evaluate(armEvent, 'rc-queued');
      await page.getByRole('button', { name: 'Post Comment' }).click();
      await withTimeout(
        page.evaluate(() => /** @type {any} */ (window).__event),
        10_000,
        'rc-queued',
      );
      await sleep(300); // let the outbox find itself offline
      await page.evaluate(armReplay);
      const wallStart = performance.now();
      await context.setOffline(false);
      const { online, submitted } = await withTimeout(
        page.evaluate(() => /** @type {any} */ (window).__replay),
        20_000,
        'rc-submitted',
      );
      replaysWall.push(performance.now() - wallStart);
      if (online !== null) replays.push(submitted - online);
    }
    // Every script this reader downloaded: the thread, the form, drafts and the outbox used.
    const scriptsEver = await page.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .map((entry) => new URL(entry.name).pathname)
        .filter((pathname) => /\.m?js$/.test(pathname)),
    );
    return { keystrokes, replays, replaysWall, scriptsEver };
  } finally {
    await context.close();
  }
}

/**
 * The comments below the fold: no API request until the reader scrolls near, and the layout
 * shift (CLS) caused as they arrive while the reader scrolls down to them.
 * @param {import('playwright-core').Browser} browser
 * @param {string} base
 */
async function measureBelowFold(browser, base) {
  const context = await browser.newContext(CONTEXT);
  try {
    const page = await context.newPage();
    page.setDefaultTimeout(PAGE_TIMEOUT);
    await page.addInitScript(() => {
      const w = /** @type {any} */ (window);
      w.__shift = 0;
      new PerformanceObserver((list) => {
        for (const entry of /** @type {any[]} */ (list.getEntries()))
          if (!entry.hadRecentInput) w.__shift += entry.value;
      }).observe({ type: 'layout-shift', buffered: true });
      // Three screens of article before the section, put in while the page is parsed.
      new MutationObserver((_records, observer) => {
        const element = document.querySelector('recovery-comments');
        if (!element) return;
        observer.disconnect();
        const spacer = document.createElement('div');
        spacer.style.height = `${innerHeight * 3}px`;
        element.before(spacer);
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`${base}/bench/${INTERACTION_SIZE}`);
    await sleep(1000);
    const api = () =>
      page.evaluate(
        () => performance.getEntriesByType('resource').filter((entry) => entry.name.includes('/api/')).length,
      );
    const requestsBefore = await api();
    // Scroll down as a reader would, a few hundred pixels at a time, to the end of the page.
    await page.evaluate(async () => {
      for (let i = 0; i < 60 && innerHeight + scrollY < document.documentElement.scrollHeight; i++) {
        scrollBy(0, 300);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    await sleep(1000);
    return {
      requestsBefore,
      requestsAfter: await api(),
      shift: await page.evaluate(() => /** @type {any} */ (window).__shift),
    };
  } finally {
    await context.close();
  }
}

/** The JS heap of a page without the element: what the browser costs before the element adds any. */
async function plainHeap(
  /** @type {import('playwright-core').Browser} */ browser,
  /** @type {string} */ base,
) {
  const context = await browser.newContext(CONTEXT);
  try {
    const page = await context.newPage();
    await page.goto(`${base}/plain`);
    return await page.evaluate(heapAfterGc);
  } finally {
    await context.close();
  }
}

function gitState() {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync(
      'git',
      ['status', '--porcelain', '--', 'src', 'vite.config.ts', 'package.json'],
      { cwd: ROOT, encoding: 'utf8' },
    )
      .split('\n')
      .filter(Boolean).length;
    return dirty ? `${head} + ${dirty} uncommitted file(s) in src/ or build config` : head;
  } catch {
    return 'unknown';
  }
}

/**
 * Brotli of a script the fixture server served, by its path.
 * @param {string} pathname
 * @param {Buffer} bundle
 */
function servedBrotli(pathname, bundle) {
  if (pathname === '/recovery-comments.js') return brotli(bundle);
  const file = path.join(DIST, pathname);
  return existsSync(file) ? brotli(readFileSync(file)) : NaN;
}

/**
 * What an English reader downloads: before the comments are in the DOM (the 1,000-comment runs,
 * or the biggest size measured), and by the end of writing and sending comments; then where the
 * bytes of the main file are, by module.
 * @param {{ min: number, gzip: number, brotli: number }} bytes
 * @param {Map<number, { runs: Array<Record<string, any>> }>} results
 * @param {{ scriptsEver: string[] } | null} interactions
 */
function bytesSection(bytes, results, interactions) {
  const bundle = readFileSync(BUNDLE);
  const sized = [...results.entries()].filter(([, r]) => r.runs.length);
  const [, chosen] = sized.find(([n]) => n === 1000) ?? sized[sized.length - 1] ?? [0, { runs: [] }];
  const beforeDom = [...new Set(chosen.runs.flatMap((r) => r.scriptsBeforeDom ?? []))].sort();
  const ever = [...new Set([...beforeDom, ...(interactions?.scriptsEver ?? [])])].sort();
  /** @param {string[]} files */
  const total = (files) => files.reduce((sum, f) => sum + servedBrotli(f, bundle), 0);
  const before = total(beforeDom);
  const all = total(ever);
  /** @param {number} value @param {number} budget */
  const verdict = (value, budget) => (value <= budget ? 'PASS' : `**MISS** (${fmt(value / budget, 2)}×)`);
  const rows = ever.map(
    (f) => `| \`${f}\` | ${fmt(servedBrotli(f, bundle))} | ${beforeDom.includes(f) ? 'yes' : 'no, later'} |`,
  );
  // Every file of ours the reader fetched that has its source map beside it (not the peers').
  const ours = ever.filter((f) => existsSync(path.join(DIST, f) + '.map'));
  const moduleTables = ours.flatMap((f) => [
    `### Where the bytes of \`dist${f}\` are`,
    '',
    '| Module | min (bytes) | Share | ≈ brotli (bytes) |',
    '|---|---:|---:|---:|',
    ...moduleBytes(path.join(DIST, f)).map(
      (m) => `| ${m.module} | ${fmt(m.min)} | ${fmt(m.share * 100, 1)}% | ${fmt(m.brotliShare)} |`,
    ),
    '',
  ]);
  return [
    '## Bytes an English reader downloads',
    '',
    `Every script file the page fetched (resource timing), compressed with brotli -11. "Before the comments" counts the files fetched before all comments were in the DOM in the ${fmt(chosen === results.get(1000) ? 1000 : (sized[sized.length - 1]?.[0] ?? 0))}-comment runs; "in all" adds what the reader who types a draft and sends comments offline fetched by the end (the interaction run below).`,
    '',
    '| Script | brotli -11 (bytes) | Before the comments were in the DOM |',
    '|---|---:|---|',
    ...rows,
    '',
    '| What | brotli (bytes) | Budget | Result |',
    '|---|---:|---|---|',
    `| Before the comments are in the DOM | ${fmt(before)} | ≤ 12 KiB (${fmt(BEFORE_DOM_BUDGET)}) | ${verdict(before, BEFORE_DOM_BUDGET)} |`,
    `| Everything, English | ${fmt(all)} | ≤ 18 KiB (${fmt(EVER_BUDGET)}) | ${verdict(all, EVER_BUDGET)} |`,
    `| \`dist/recovery-comments.js\` alone: min / gzip -9 / brotli -11 | ${fmt(bytes.min)} / ${fmt(bytes.gzip)} / ${fmt(bytes.brotli)} | | |`,
    '',
    "Below, for each of our files the reader fetched: each minified byte is charged to the module its source map names; the brotli column is that share of the file's brotli size (parts compress better together than alone, so this is the figure to compare).",
    '',
    ...moduleTables,
  ];
}

/**
 * Our time to all-in-DOM against the floor's and Waline's, from the same round-robin.
 * @param {Map<number, { runs: Array<Record<string, any>> }>} results
 * @param {Record<'floor' | 'waline', Map<number, { runs: Array<Record<string, any>>, failures: string[] }>>} peers
 */
function peersSection(results, peers) {
  /** @param {{ runs: Array<Record<string, any>> } | undefined} entry */
  const inDom = (entry) => (entry?.runs.length ? median(entry.runs.map((r) => r.inDom)) : NaN);
  /** @param {{ runs: Array<Record<string, any>> } | undefined} entry */
  const perComment = (entry, n) =>
    entry?.runs.length ? median(entry.runs.map((r) => r.allElements)) / n : NaN;
  const rows = [...results.keys()].map((n) => {
    const ours = inDom(results.get(n));
    const floor = inDom(peers.floor.get(n));
    const waline = inDom(peers.waline.get(n));
    const budget = FLOOR_RATIO_BUDGET.get(n);
    const ratio = ours / floor;
    const result = budget === undefined || Number.isNaN(ratio) ? '' : ratio <= budget ? 'PASS' : '**MISS**';
    const failures = [...(peers.floor.get(n)?.failures ?? []), ...(peers.waline.get(n)?.failures ?? [])];
    return `| ${fmt(n)} | ${fmt(ours)} | ${fmt(floor)} | ${fmt(waline)} | ${fmt(ratio, 2)}× | ${fmt(waline / floor, 2)}× | ${fmt(perComment(results.get(n), n), 1)} / ${fmt(perComment(peers.floor.get(n), n), 1)} / ${fmt(perComment(peers.waline.get(n), n), 1)} | ${budget === undefined ? '' : `≤ ${fmt(budget, 1)}× floor`} | ${result}${failures.length ? ` (${failures.length} peer run(s) failed: ${[...new Set(failures)].join(' / ').replace(/\|/g, '\\|')})` : ''} |`;
  });
  return [
    '## Against the floor and Waline (same thread, same run)',
    '',
    '![Time until all comments are in the DOM against thread size](chart.svg)',
    '',
    'Median time from navigation start until every comment is in the DOM. The floor is a 30-line element (`bench/support/contenders.js`) that fetches the same JSON and sets `innerHTML` once: no reply form, no drafts, no accessibility work; the least any section can do. Waline is `@waline/client` 3.15.2, its own published `dist/waline.js`, fed the same thread in the shape its server answers (every comment in one page, CDN features switched off).',
    '',
    '| Comments | Ours (ms) | Floor (ms) | Waline (ms) | Ours ÷ floor | Waline ÷ floor | Elements per comment (ours / floor / Waline) | Budget | Result |',
    '|---:|---:|---:|---:|---:|---:|---|---|---|',
    ...rows,
    '',
  ];
}

async function main() {
  const started = performance.now();
  const loadBefore = os.loadavg()[0] ?? NaN;
  const bundle = readFileSync(BUNDLE);
  const bytes = {
    min: bundle.length,
    gzip: zlib.gzipSync(bundle, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bundle, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bundle.length,
      },
    }).length,
  };
  const allSizes = [...new Set([...SIZES, INTERACTION_SIZE])];
  const server = await startFixtureServer({ sizes: allSizes, bundle, distDir: DIST, walineDir: WALINE_DIST });
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Exact heap figures and a gc() to call before reading them.
    args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const chromiumVersion = browser.version();

  /** @type {Map<number, { runs: Array<Record<string, any>>, failures: string[] }>} */
  const results = new Map();
  /** The floor's and Waline's runs, on the same sizes in the same round-robin. */
  /** @type {Record<'floor' | 'waline', Map<number, { runs: Array<Record<string, any>>, failures: string[] }>>} */
  const peers = { floor: new Map(), waline: new Map() };
  /** @type {Awaited<ReturnType<typeof measureInteractions>> | null} */
  let interactions = null;
  /** @type {string | null} */
  let interactionError = null;
  /** @type {Awaited<ReturnType<typeof measureBelowFold>> | null} */
  let belowFold = null;
  let baseline = NaN;
  try {
    // Also a warm-up: the browser's first navigation pays for starting its own services.
    baseline = await plainHeap(browser, server.url);
    for (const n of SIZES) {
      results.set(n, { runs: [], failures: [] });
      peers.floor.set(n, { runs: [], failures: [] });
      peers.waline.set(n, { runs: [], failures: [] });
    }
    // Round-robin over sizes, so a burst of other work on the machine spreads over all sizes.
    // The contenders' order is reversed every other run: the one loaded right after Waline's
    // page shares the browser with its teardown, and that must not always be the same one
    // (turning the list would not do it: the same one would still follow Waline).
    for (let run = 1; run <= RUNS; run++) {
      const order = run % 2 === 1 ? CONTENDERS : [...CONTENDERS].reverse();
      for (const n of SIZES) {
        for (const contender of order) {
          const entry = /** @type {{ runs: Array<Record<string, any>>, failures: string[] }} */ (
            contender === 'ours' ? results.get(n) : peers[contender].get(n)
          );
          try {
            const result = await measureLoad(browser, server.url, n, contender);
            entry.runs.push(result);
            console.error(
              `bench: ${contender}, ${fmt(n)} comments, run ${run}/${RUNS}: in DOM ${fmt(result.inDom)} ms, next frame ${fmt(result.nextFrame)} ms, longest task ${fmt(result.longest)} ms, heap ${fmt(result.heap / MIB, 2)} MiB`,
            );
          } catch (error) {
            entry.failures.push(/** @type {Error} */ (error).message);
            console.error(
              `bench: ${contender}, ${fmt(n)} comments, run ${run}/${RUNS}: FAILED ${/** @type {Error} */ (error).message}`,
            );
          }
        }
      }
    }
    try {
      interactions = await measureInteractions(browser, server.url);
      belowFold = await measureBelowFold(browser, server.url);
    } catch (error) {
      interactionError = /** @type {Error} */ (error).message;
    }
  } finally {
    await browser.close();
    await server.close();
  }

  const trees = timeTrees();

  const longTaskApi = [...results.values()].flatMap((r) => r.runs).every((run) => run.longTaskApi);
  const command =
    process.env.npm_lifecycle_event === 'bench'
      ? '`npm run bench` (= `npm run build && node bench/run.js`)'
      : `\`node bench/run.js${process.argv
          .slice(2)
          .map((a) => ` ${a}`)
          .join('')}\``;
  const cpus = os.cpus();
  const lines = [
    '# Benchmark results',
    '',
    `- Date: ${new Date().toISOString()}`,
    `- Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown CPU'}), ${fmt(os.totalmem() / 2 ** 30, 1)} GiB RAM, ${os.type()} ${os.release()}`,
    `- Load average (1 min) at start / end: ${fmt(loadBefore, 2)} / ${fmt(os.loadavg()[0] ?? NaN, 2)} (other work on the machine shows up as spread between runs)`,
    `- Browser: Chromium ${chromiumVersion} (${process.env.CHROME_PATH || '/usr/bin/chromium'}), headless, via playwright-core; Node ${process.version}`,
    `- Command: ${command}; ${RUNS} cold run(s) per size, each in a fresh browser context (no HTTP cache, no IndexedDB), viewport 1280×900; took ${fmt((performance.now() - started) / 1000)} s`,
    `- Code measured: dist/recovery-comments.js built from ${gitState()}`,
    '',
    ...bytesSection(bytes, results, interactions),
    ...peersSection(results, peers),
    '## Loading a thread',
    '',
    'Median and min–max over the successful runs; times are from navigation start. Time, heap and element budgets are judged on the median, "no long task over 200 ms" on the worst run.',
    '',
    '| Comments | Metric | Median | Min–max | Budget | Result |',
    '|---:|---|---:|---:|---|---|',
  ];
  for (const [n, { runs, failures }] of results) {
    lines.push(...sizeRows(n, runs, failures.length));
    if (failures.length)
      lines.push(
        `| ${fmt(n)} | **${failures.length} of ${RUNS} runs failed**: ${[...new Set(failures)].join(' / ').replace(/\|/g, '\\|')} | | | | **FAIL** |`,
      );
  }
  const keys = spread(interactions?.keystrokes ?? []);
  const replay = spread(interactions?.replays ?? []);
  const replayWall = spread(interactions?.replaysWall ?? []);
  lines.push(
    '',
    `## Offline-first, on the ${INTERACTION_SIZE}-comment page`,
    '',
    ...(interactionError ? [`**Failed:** ${interactionError}`, ''] : []),
    '| Measurement | Median (ms) | Min–max (ms) | Samples |',
    '|---|---:|---:|---:|',
    `| Keystroke in Comment → \`rc-draft-saved\` (written to IndexedDB) | ${keys.median} | ${keys.range} | ${interactions?.keystrokes.length ?? 0} |`,
    `| Back online (\`online\` event) → queued comment sent (\`rc-submitted\`) | ${replay.median} | ${replay.range} | ${interactions?.replays.length ?? 0} |`,
    `| … the same, from \`context.setOffline(false)\` in the driver | ${replayWall.median} | ${replayWall.range} | ${interactions?.replaysWall.length ?? 0} |`,
    '',
    `## Comments below the fold (${INTERACTION_SIZE} comments, three screens of article above)`,
    '',
    '| Measurement | Value | Budget | Result |',
    '|---|---:|---|---|',
    `| API requests before the reader scrolls | ${belowFold?.requestsBefore ?? 'n/a'} | none | ${belowFold?.requestsBefore === 0 ? 'PASS' : '**MISS**'} |`,
    `| API requests after scrolling to the end | ${belowFold?.requestsAfter ?? 'n/a'} | | |`,
    `| Layout shift while they arrive (CLS, no recent input) | ${belowFold ? fmt(belowFold.shift, 4) : 'n/a'} | no shift (< 0.01) | ${belowFold && belowFold.shift < 0.01 ? 'PASS' : '**MISS**'} |`,
    '',
    '## Building the reply tree from hostile data (Node, the built `lib/model/tree.js`)',
    '',
    '| Case | Median (ms) | Min–max (ms) | Limit | Result |',
    '|---|---:|---:|---:|---|',
    ...trees.map(
      (t) =>
        `| ${t.name} | ${fmt(t.median, 1)} | ${fmt(t.min, 1)}–${fmt(t.max, 1)} | ≤ ${fmt(t.limitMs)} ms | ${t.median <= t.limitMs ? 'PASS' : '**MISS**'} |`,
    ),
    '',
    '## Fixtures',
    '',
    '| Comments | Top level | Deepest | Most direct replies | Mean body (chars) | With link | With line break | JSON bytes |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const n of SIZES) {
    const thread = makeThread(n);
    const facts = describeThread(thread);
    const json = Buffer.byteLength(
      JSON.stringify({ thread: `/bench-${n}/`, total: n, comments: thread, nextCursor: null }),
    );
    lines.push(
      `| ${fmt(n)} | ${fmt(facts.topShare * 100)}% | ${facts.deepest} | ${facts.mostReplies} | ${fmt(facts.meanBody)} | ${fmt(facts.linkShare * 100)}% | ${fmt(facts.breakShare * 100)}% | ${fmt(json)} |`,
    );
  }
  lines.push(
    '',
    '## How it is measured',
    '',
    '- **Fixtures**: seeded PRNG (mulberry32), so every run loads the same threads. The fixture server (node:http on 127.0.0.1, port 0) answers `GET /api/threads/:thread/comments` with the **whole thread in one page** (`nextCursor: null`), ignoring `limit`, uncompressed: the element is measured, not pagination or the network. `page-size="200"` is set on the element but has no effect here. No comment has more than 10 direct replies, so the element\'s "Show N more replies" (lists over 10) hides none: all N are in the DOM.',
    '- **Element defined** (`customElements.whenDefined`) and **thread JSON received** (`responseEnd` of the API request in resource timing) are given to show where the time goes; no budget.',
    "- **All comments in DOM**: an init script counts `.comment` (each comment's `<li>`) in the element's shadow root once per animation frame, and right after the element's update that follows `rc-loaded`. The poll is re-registered from a task after each frame, so it runs after the element's own animation-frame work (it renders big threads a chunk per frame) and sees the last chunk as soon as it is committed, before style and layout. The floor's and Waline's comments are also counted right after each change to their page's DOM (a mutation observer), so they too are seen as soon as they are in, not at the next frame. The first moment the count equals N, as `performance.now()` (ms since navigation start). The counting itself is reported (last row per size) and is included in the times.",
    '- The element loads its thread only once it is within a screen of the viewport (IntersectionObserver); on this page it is from the start, so that costs one frame, no scrolling.',
    '- **Next frame**: a `requestAnimationFrame` after that moment, then a `setTimeout(0)` inside it: the frame with all comments has been produced and the main thread is free.',
    "- **Long tasks**: `PerformanceObserver({ type: 'longtask', buffered: true })` installed before any page script; tasks starting before the next-frame mark. Total blocking time = Σ max(0, duration − 50 ms)." +
      (longTaskApi ? '' : ' **The long-task API was missing in at least one run.**'),
    "- **JS heap**: `window.gc()` twice (Chromium with `--js-flags=--expose-gc`), then `performance.memory.usedJSHeapSize` (exact with `--enable-precise-memory-info`), after the element counts. It is the whole page's heap: the same page without the element (`/plain`) uses " +
      `${Number.isNaN(baseline) ? 'n/a' : `${fmt(baseline / MIB, 2)} MiB`}.`,
    "- **Elements per comment**: every element of the document plus, recursively, of every shadow root, divided by N (this includes the page, the heading, the form); the second figure counts only the element's own shadow trees (the composer's included).",
    '- **Keystroke → draft saved**: the Comment field of the form under the thread (found by its accessible name); one character typed, time from its `keydown` to the next `rc-draft-saved` (fired after the IndexedDB write), 150 ms apart.',
    "- **Offline → sent**: `context.setOffline(true)`, fill Comment and Name, Post Comment, wait for `rc-queued`, then `context.setOffline(false)`; time from the page's `online` event to `rc-submitted` (the fixture server answers 201 with the comment).",
    '',
  );
  const chartSizes = SIZES.filter((n) => results.get(n)?.runs.length);
  /** @param {Map<number, { runs: Array<Record<string, any>> }>} byN */
  const medians = (byN) =>
    chartSizes.map((n) => {
      const runs = byN.get(n)?.runs ?? [];
      return runs.length ? median(runs.map((r) => r.inDom)) : null;
    });
  writeFileSync(
    // Beside the report, so a quick run with --out elsewhere leaves bench/ as committed.
    path.join(path.dirname(options.out), 'chart.svg'),
    timeChart({
      sizes: chartSizes,
      series: { ours: medians(results), floor: medians(peers.floor), waline: medians(peers.waline) },
      title: `All comments in the DOM, cold load, Chromium ${chromiumVersion.split('.')[0]}, ${RUNS} run(s) each`,
    }),
  );
  const report = lines.join('\n');
  writeFileSync(options.out, report);
  console.log(report);
  const failed =
    [...results.values(), ...peers.floor.values(), ...peers.waline.values()].some(
      (r) => r.failures.length > 0,
    ) || interactionError !== null;
  process.exitCode = failed ? 1 : 0;
}

await main();
