// @ts-check
// Two (or more) builds of ours against each other on the bench page: cold loads in turn (A B,
// B A, …, so a machine growing busier harms neither), each in a fresh browser context, and the
// medians of what a change to rendering moves. The full bench (`run.js`) spreads its runs over
// sizes and contenders; a change worth 5% needs its runs side by side, on the same thread.
//
//   cp -r dist /tmp/before   # then make the change, npm run build
//   node bench/ab.js --size 5000 --runs 15 /tmp/before dist
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../test/support/chromium.js';
import { collect, installProbe } from './support/probe.js';
import { median } from './support/report.js';
import { startFixtureServer } from './support/server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: options, positionals: builds } = parseArgs({
  allowPositionals: true,
  options: {
    size: { type: 'string', default: '1000' },
    runs: { type: 'string', default: '15' },
  },
});
const n = Number(options.size);
const runs = Number(options.runs);
if (builds.length < 2 || !(n > 0) || !(runs > 0)) {
  console.error('usage: node bench/ab.js [--size N] [--runs R] DIST_A DIST_B [DIST_C …]');
  process.exit(2);
}

// One fixture server per build: each serves its own main file and lazily loaded chunks.
const servers = await Promise.all(
  builds.map((dist) =>
    startFixtureServer({
      sizes: [n],
      bundle: readFileSync(path.join(dist, 'recovery-comments.js')),
      distDir: dist,
      walineDir: path.join(ROOT, 'node_modules', '@waline', 'client', 'dist'),
    }),
  ),
);
const browser = await chromium.launch({
  executablePath: CHROMIUM_PATH,
  headless: true,
  args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});

/** @type {Array<Array<{ afterResponse: number, inDom: number, longest: number }>>} */
const results = builds.map(() => []);
try {
  for (let run = 0; run < runs; run++) {
    const order = builds.map((_, i) => i);
    if (run % 2 === 1) order.reverse();
    for (const i of order) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      try {
        const page = await context.newPage();
        await page.addInitScript(installProbe, { n, contender: 'ours' });
        await page.goto(`${servers[i]?.url}/bench/${n}`, { waitUntil: 'commit' });
        const measured = await page.evaluate(collect, n);
        results[i]?.push({
          afterResponse: measured.inDom - measured.response,
          inDom: measured.inDom,
          longest: measured.longest,
        });
      } finally {
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  await Promise.all(servers.map((server) => server.close()));
}

console.log(`${n} comments, ${runs} cold loads of each build, medians (ms):`);
console.log('thread JSON in → all in DOM | all in DOM | longest task | worst longest task | build');
builds.forEach((dist, i) => {
  const of = (/** @type {'afterResponse' | 'inDom' | 'longest'} */ key) =>
    (results[i] ?? []).map((result) => result[key]);
  const cells = [
    median(of('afterResponse')),
    median(of('inDom')),
    median(of('longest')),
    Math.max(...of('longest')),
  ];
  console.log(`${cells.map((ms) => String(Math.round(ms)).padStart(6)).join(' | ')} | ${dist}`);
});
