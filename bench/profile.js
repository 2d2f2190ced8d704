// @ts-check
// Where the milliseconds of one cold load go: a V8 CPU profile (CDP Profiler, sampling every
// 100 µs) of our element loading the bench thread of each size, from navigation until every
// comment is in the DOM, summed by function (self time), heaviest first. Not a benchmark (the
// profiler slows everything down); it says which work to cut, and `--save DIR` keeps the
// .cpuprofile files for Chromium's DevTools (Performance panel → Load profile). `--trace` also
// loads each size once more under a Chromium trace and sums the main thread's work by kind
// (style, layout, script, parsing, GC …), which the CPU profile lumps together as "(program)".
// `--tasks N` (default 3) also breaks down the N longest stretches of busy main thread (samples
// between two idle ones: one task, or tasks run back to back), to say what the longest task does.
//
//   npm run build && node bench/profile.js                    # 1,000 and 5,000 comments
//   node bench/profile.js --sizes 5000 --top 40 --save /tmp/profiles --trace
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { SourceMapConsumer } from 'source-map-js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/chromium.js';
import { installProbe } from './support/probe.js';
import { fmt } from './support/report.js';
import { startFixtureServer } from './support/server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');

const { values: options } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000,5000' },
    top: { type: 'string', default: '25' },
    save: { type: 'string' },
    trace: { type: 'boolean', default: false },
    tasks: { type: 'string', default: '3' },
  },
});
const SIZES = options.sizes.split(',').map(Number);
const TOP = Number(options.top);
const TASKS = Number(options.tasks);

/** @type {Map<string, SourceMapConsumer | null>} */
const maps = new Map();

/**
 * Where a frame of a built file of ours comes from, by its source map: "src/x.ts:12 name".
 * @param {string} file  a file name under dist/
 * @param {number} line  0-based
 * @param {number} column  0-based
 */
function original(file, line, column) {
  if (!maps.has(file)) {
    let map = null;
    try {
      map = new SourceMapConsumer(JSON.parse(readFileSync(path.join(DIST, `${file}.map`), 'utf8')));
    } catch {
      // Not ours (or no map): the built position is shown.
    }
    maps.set(file, map);
  }
  const map = maps.get(file);
  const at = map?.originalPositionFor({ line: line + 1, column });
  if (!at?.source) return null;
  const source = at.source.replace(/^.*?(node_modules\/|src\/)/, '$1');
  return `${source}:${at.line}`;
}

/**
 * Self time per function of a CPU profile, in ms, heaviest first.
 * @param {any} profile
 */
function selfTimes(profile) {
  /** @type {Map<number, any>} */
  const nodes = new Map(profile.nodes.map((/** @type {any} */ node) => [node.id, node]));
  /** @type {Map<number, number>} sample count per node */
  const hits = new Map();
  for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const total = profile.endTime - profile.startTime;
  const perSample = total / 1000 / profile.samples.length;
  /** @type {Map<string, number>} */
  const byFunction = new Map();
  for (const [id, count] of hits) {
    const { functionName, url, lineNumber, columnNumber } = nodes.get(id).callFrame;
    const file = url ? new URL(url).pathname.slice(1) : '';
    const where = url ? (original(file, lineNumber, columnNumber) ?? `${file}:${lineNumber + 1}`) : '';
    const key = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + count * perSample);
  }
  return { total: total / 1000, rows: [...byFunction].sort((a, b) => b[1] - a[1]) };
}

/**
 * The longest stretches of busy main thread in a CPU profile: runs of samples with no "(idle)"
 * sample between them, each with its self time per function and per source file, heaviest first.
 * A stretch may be tasks run back to back; the page's long-task entries give the exact tasks.
 * @param {any} profile
 * @param {number} count
 */
function busyStretches(profile, count) {
  /** @type {Map<number, any>} */
  const nodes = new Map(profile.nodes.map((/** @type {any} */ node) => [node.id, node]));
  /** @type {Array<{ start: number, ms: number, samples: Array<[number, number]> }>} */
  const stretches = [];
  /** @type {{ start: number, ms: number, samples: Array<[number, number]> } | null} */
  let current = null;
  let at = profile.startTime;
  profile.samples.forEach((/** @type {number} */ id, /** @type {number} */ i) => {
    const delta = profile.timeDeltas[i + 1] ?? 0;
    at += profile.timeDeltas[i];
    if (nodes.get(id).callFrame.functionName === '(idle)') {
      current = null;
      return;
    }
    if (current === null)
      stretches.push((current = { start: (at - profile.startTime) / 1000, ms: 0, samples: [] }));
    current.ms += delta / 1000;
    current.samples.push([id, delta / 1000]);
  });
  return stretches
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count)
    .map(({ start, ms, samples }) => {
      /** @type {Map<string, number>} */
      const byFunction = new Map();
      /** @type {Map<string, number>} */
      const byFile = new Map();
      for (const [id, sampleMs] of samples) {
        const { functionName, url, lineNumber, columnNumber } = nodes.get(id).callFrame;
        const file = url ? new URL(url).pathname.slice(1) : '';
        const where = url ? (original(file, lineNumber, columnNumber) ?? `${file}:${lineNumber + 1}`) : '';
        const key = `${functionName || '(anonymous)'} ${where}`.trim();
        byFunction.set(key, (byFunction.get(key) ?? 0) + sampleMs);
        const source = where ? where.replace(/:\d+$/, '') : functionName || '(native)';
        byFile.set(source, (byFile.get(source) ?? 0) + sampleMs);
      }
      const heaviest = (/** @type {Map<string, number>} */ map) => [...map].sort((a, b) => b[1] - a[1]);
      return { start, ms, functions: heaviest(byFunction), files: heaviest(byFile) };
    });
}

/**
 * Self time per trace event name on the page's main thread, in ms, heaviest first: each complete
 * event's duration less that of the events nested in it.
 * @param {any[]} events
 */
function traceSelfTimes(events) {
  const mains = events.filter(
    (e) => e.ph === 'M' && e.name === 'thread_name' && e.args.name === 'CrRendererMain',
  );
  // The page's renderer is the one that ran our script.
  const busiest = mains
    .map((m) => ({
      m,
      calls: events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.name === 'FunctionCall').length,
    }))
    .sort((a, b) => b.calls - a.calls)[0]?.m;
  const spans = events
    .filter((e) => busiest && e.pid === busiest.pid && e.tid === busiest.tid && e.ph === 'X' && e.dur > 0)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  /** @type {Map<string, number>} */
  const self = new Map();
  /** @type {Array<{ end: number, name: string }>} */
  const stack = [];
  for (const span of spans) {
    while (stack.length > 0 && /** @type {any} */ (stack.at(-1)).end <= span.ts) stack.pop();
    const parent = stack.at(-1);
    if (parent) self.set(parent.name, (self.get(parent.name) ?? 0) - span.dur / 1000);
    self.set(span.name, (self.get(span.name) ?? 0) + span.dur / 1000);
    stack.push({ end: span.ts + span.dur, name: span.name });
  }
  return [...self].sort((a, b) => b[1] - a[1]);
}

const bundle = readFileSync(path.join(DIST, 'recovery-comments.js'));
const server = await startFixtureServer({
  sizes: SIZES,
  bundle,
  distDir: DIST,
  walineDir: path.join(ROOT, 'node_modules', '@waline', 'client', 'dist'),
});
const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
try {
  for (const n of SIZES) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: Number(process.env.PROFILE_INTERVAL ?? 100) });
    await page.addInitScript(installProbe, { n, contender: 'ours' });
    await cdp.send('Profiler.start');
    await page.goto(`${server.url}/bench/${n}`, { waitUntil: 'commit' });
    const { inDom, tasks } = await page.evaluate(async () => {
      const bench = /** @type {any} */ (window).__bench;
      const { inDom } = await bench.done;
      const tasks = bench.longTasks.map((/** @type {{ start: number, duration: number }} */ t) =>
        Math.round(t.duration),
      );
      return { inDom, tasks };
    });
    const { profile } = await cdp.send('Profiler.stop');
    if (options.save) {
      mkdirSync(options.save, { recursive: true });
      writeFileSync(path.join(options.save, `ours-${n}.cpuprofile`), JSON.stringify(profile));
    }
    const { total, rows } = selfTimes(profile);
    console.log(
      `\n${fmt(n)} comments: all in the DOM at ${fmt(inDom)} ms; ${fmt(total)} ms profiled; long tasks (ms): ${tasks.join(', ')}`,
    );
    for (const [name, ms] of rows.slice(0, TOP)) console.log(`${fmt(ms, 1).padStart(8)} ms  ${name}`);
    for (const stretch of busyStretches(profile, TASKS)) {
      console.log(
        `\n  Busy ${fmt(stretch.ms, 1)} ms from ${fmt(stretch.start)} ms into the profile; by source file, then by function:`,
      );
      for (const [name, ms] of stretch.files.slice(0, 10))
        console.log(`  ${fmt(ms, 1).padStart(8)} ms  ${name}`);
      console.log('  ·');
      for (const [name, ms] of stretch.functions.slice(0, 12))
        console.log(`  ${fmt(ms, 1).padStart(8)} ms  ${name}`);
    }
    await context.close();
    if (!options.trace) continue;
    const traced = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tracedPage = await traced.newPage();
    await tracedPage.addInitScript(installProbe, { n, contender: 'ours' });
    await browser.startTracing(tracedPage, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing'],
    });
    await tracedPage.goto(`${server.url}/bench/${n}`, { waitUntil: 'commit' });
    const tracedInDom = await tracedPage.evaluate(
      async () => (await /** @type {any} */ (window).__bench.done).inDom,
    );
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8'));
    console.log(
      `\n${fmt(n)} comments, traced: all in the DOM at ${fmt(tracedInDom)} ms; main thread by kind (self ms):`,
    );
    for (const [name, ms] of traceSelfTimes(trace.traceEvents).slice(0, TOP))
      console.log(`${fmt(ms, 1).padStart(8)} ms  ${name}`);
    await traced.close();
  }
} finally {
  await browser.close();
  await server.close();
}
