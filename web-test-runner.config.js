// @ts-check
// Component tests: real Chromium (Debian's, never a downloaded build) against the real
// reference server, which this config starts in-process and hands to tests by command.
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { startServer } from './server/app.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './test/support/chromium.js';
import { startFaultProxy } from './test/support/fault-proxy.js';

/** A free port for the test page, so several runs (a developer's and CI's) never collide. */
async function freePort() {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = /** @type {import('node:net').AddressInfo} */ (probe.address());
      probe.close(() => resolve(address.port));
    });
  });
}

const PORT = Number(process.env.WTR_PORT ?? (await freePort()));
const ADMIN_TOKEN = 'test-admin-token';

/**
 * Starts the reference servers (pre-moderation, the default; without; with reply notifications;
 * one that does not allow the test page's origin; `short`, with a 3 s edit window; `v1`, with no
 * edit tokens) and answers the
 * tests' commands: where the servers are, seeding, and what they stored.
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
function referenceServers() {
  /** @type {Record<string, Awaited<ReturnType<typeof startServer>>>} */
  const servers = {};
  /** @type {Awaited<ReturnType<typeof startFaultProxy>> | undefined} */
  let proxy;
  /** @type {string[]} the emails the notify server wrote instead of sending */
  const mails = [];
  return {
    name: 'rc-reference-servers',
    async serverStart() {
      for (const moderation of /** @type {const} */ (['pre', 'off'])) {
        servers[moderation] = await startServer({
          port: 0,
          host: '127.0.0.1',
          moderation,
          adminToken: ADMIN_TOKEN,
          origins: [`http://localhost:${PORT}`],
          // Tests post a lot from one address; the limit itself is covered by the server tests.
          rateLimit: { max: 10_000, windowMs: 60_000 },
          logger: false,
        });
      }
      // Reply notifications offered (offers.notify): its emails are kept here for the tests to read.
      servers.notify = await startServer({
        port: 0,
        host: '127.0.0.1',
        origins: [`http://localhost:${PORT}`],
        rateLimit: { max: 10_000, windowMs: 60_000 },
        owner: { smtp: 'log', mailLog: (text) => mails.push(text) },
        logger: false,
      });
      // Own comments (contract v1.1): an edit window short enough to see it close, and none at
      // all, which answers a POST as a v1 server does (no editToken, no offers).
      for (const [name, editWindowSeconds] of /** @type {const} */ ([
        ['short', 3],
        ['v1', 0],
      ])) {
        servers[name] = await startServer({
          port: 0,
          host: '127.0.0.1',
          moderation: 'off',
          editWindowSeconds,
          origins: [`http://localhost:${PORT}`],
          rateLimit: { max: 10_000, windowMs: 60_000 },
          logger: false,
        });
      }
      // A blog origin missing from --origin: it answers, but not to the test page.
      servers.foreign = await startServer({
        port: 0,
        host: '127.0.0.1',
        origins: ['https://blog.example.org'],
        logger: false,
      });
      // Faults a real server cannot make on demand, in front of the server without moderation.
      proxy = await startFaultProxy({ target: servers.off.url });
    },
    async serverStop() {
      await proxy?.close();
      await Promise.all(Object.values(servers).map((server) => server.close()));
    },
    async executeCommand({ command, payload }) {
      const args = /** @type {any} */ (payload ?? {});
      const server = servers[args.moderation ?? 'pre'];
      if (!server || !proxy || !command.startsWith('rc-')) return undefined;
      switch (command) {
        case 'rc-proxy':
          return { endpoint: proxy.endpoint };
        case 'rc-proxy-inject':
          proxy.inject(args.faults);
          return true;
        case 'rc-proxy-log':
          return proxy.log();
        case 'rc-proxy-reset':
          proxy.reset();
          return true;
        case 'rc-mail':
          return mails;
        case 'rc-server':
          return { endpoint: server.endpoint, adminToken: ADMIN_TOKEN };
        case 'rc-seed':
          for (const comment of args.comments) await server.store.insertComment(args.thread, comment);
          return true;
        case 'rc-set-status':
          await server.store.setStatus(args.id, args.status);
          return true;
        case 'rc-stored': {
          const lists = await Promise.all(
            ['pending', 'published', 'rejected'].map((status) =>
              server.store.listForModeration({ status: /** @type {any} */ (status), thread: args.thread }),
            ),
          );
          return lists.flat();
        }
        default:
          return undefined;
      }
    },
  };
}

/**
 * Takes the test page offline for one backend origin only. `page.setOfflineMode` would also cut
 * the test runner's own WebSocket (TOOLCHAIN.md), so this uses per-URL network conditions.
 * @returns {import('@web/test-runner').TestRunnerPlugin}
 */
function networkConditions() {
  /** @type {Map<string, any>} */
  const sessions = new Map();
  return {
    name: 'rc-network-conditions',
    async executeCommand({ command, payload, session }) {
      if (command !== 'rc-network') return undefined;
      const { offline, origins } = /** @type {{ offline: boolean, origins: string[] }} */ (payload);
      const page = /** @type {any} */ (session.browser).getPage(session.id);
      let cdp = sessions.get(session.id);
      if (!cdp) {
        cdp = await page.createCDPSession();
        await cdp.send('Network.enable');
        sessions.set(session.id, cdp);
      }
      await cdp.send('Network.emulateNetworkConditionsByRule', {
        offline,
        matchedNetworkConditions: offline
          ? origins.map((origin) => ({
              urlPattern: `${origin}/*`,
              offline: true,
              latency: 0,
              downloadThroughput: -1,
              uploadThroughput: -1,
            }))
          : [],
      });
      await cdp.send('Network.overrideNetworkState', {
        offline,
        latency: 0,
        downloadThroughput: -1,
        uploadThroughput: -1,
      });
      return true;
    },
  };
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['test/**/*.test.ts'],
  port: PORT,
  hostname: 'localhost',
  nodeResolve: true,
  concurrency: 1,
  // Lit's dev build catches more mistakes; its one-line banner is noise.
  filterBrowserLogs: ({ args }) => !String(args[0]).includes('Lit is in dev mode'),
  testFramework: { config: { timeout: 10_000 } },
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' }),
    referenceServers(),
    networkConditions(),
  ],
};
