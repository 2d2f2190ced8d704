// @ts-check
// The benchmark's own fixture server on 127.0.0.1 (node:http, port 0). It serves the blog page
// per size, the bundle (read once, so a rebuild during the run cannot change what is measured),
// and the comments API, answering the WHOLE thread in one page whatever `limit` says: a fixture
// server may do that, and it makes the benchmark measure the element, not pagination.
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { FLOOR_SCRIPT, contenderPage, walinePage } from './contenders.js';
import { makeThread } from './fixtures.js';

/**
 * @param {{ sizes: number[], bundle: Buffer, distDir: string, walineDir: string }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startFixtureServer({ sizes, bundle, distDir, walineDir }) {
  /** @type {Map<string, Buffer>} thread id → precomputed JSON of its only page */
  const threads = new Map();
  /** @type {Map<string, Buffer>} the same threads as Waline's server answers them */
  const walineThreads = new Map();
  for (const n of sizes) {
    const thread = `/bench-${n}/`;
    const comments = makeThread(n);
    threads.set(thread, Buffer.from(JSON.stringify({ thread, total: n, comments, nextCursor: null })));
    walineThreads.set(thread, Buffer.from(JSON.stringify(walinePage(comments))));
  }
  /** @type {Record<string, Promise<Buffer>>} Waline's own published files */
  const walineFiles = {
    '/waline.js': readFile(path.join(walineDir, 'waline.js')),
    '/waline.css': readFile(path.join(walineDir, 'waline.css')),
  };
  let posted = 0;

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    /** @param {number} status @param {string} type @param {string | Buffer} body */
    const send = (status, type, body) => {
      res.writeHead(status, {
        'Content-Type': type,
        'Cache-Control': 'no-store',
        'Content-Length': Buffer.byteLength(body),
      });
      res.end(body);
    };
    const page = url.pathname.match(/^\/(bench|floor|waline)\/(\d+)$/);
    const api = url.pathname.match(/^\/api\/threads\/([^/]+)\/comments$/);
    if (req.method === 'GET' && page) {
      const contender = page[1] === 'bench' ? 'ours' : /** @type {'floor' | 'waline'} */ (page[1]);
      return send(200, 'text/html; charset=utf-8', contenderPage(contender, Number(page[2])));
    }
    if (req.method === 'GET' && url.pathname === '/floor.js')
      return send(200, 'text/javascript', FLOOR_SCRIPT);
    const walineFile = walineFiles[url.pathname];
    if (req.method === 'GET' && walineFile) {
      const type = url.pathname.endsWith('.css') ? 'text/css' : 'text/javascript';
      walineFile.then((file) => send(200, type, file));
      return;
    }
    if (req.method === 'GET' && url.pathname === '/waline/api/comment') {
      const json = walineThreads.get(url.searchParams.get('path') ?? '');
      return json
        ? send(200, 'application/json', json)
        : send(200, 'application/json', JSON.stringify({ errno: 404, errmsg: 'No such thread.' }));
    }
    if (req.method === 'GET' && url.pathname === '/plain')
      return send(200, 'text/html; charset=utf-8', '<!doctype html><title>plain</title><p>No element.');
    if (req.method === 'GET' && url.pathname === '/recovery-comments.js')
      return send(200, 'text/javascript', bundle);
    // Lazily loaded chunks and locales, from the build.
    if (req.method === 'GET' && /^\/(?:[\w-]+\/)?[\w.-]+\.js$/.test(url.pathname)) {
      readFile(path.join(distDir, url.pathname)).then(
        (file) => send(200, 'text/javascript', file),
        () => send(404, 'text/plain', 'not found'),
      );
      return;
    }
    if (api) {
      const json = threads.get(decodeURIComponent(api[1] ?? ''));
      if (!json)
        return send(
          404,
          'application/json',
          JSON.stringify({ error: { code: 'not-found', message: 'No such thread.', field: null } }),
        );
      if (req.method === 'GET') return send(200, 'application/json', json);
      if (req.method === 'POST') {
        /** @type {Buffer[]} */
        const chunks = [];
        req.on('data', (chunk) => chunks.push(chunk));
        req.on('end', () => {
          try {
            const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            const comment = {
              id: `posted-${++posted}`,
              parentId: body.parentId ?? null,
              author: { name: String(body.author?.name ?? ''), url: body.author?.url ?? null },
              body: String(body.body ?? ''),
              createdAt: new Date().toISOString(),
              status: 'published',
            };
            send(201, 'application/json', JSON.stringify(comment));
          } catch {
            send(
              400,
              'application/json',
              JSON.stringify({ error: { code: 'bad-json', message: 'Not JSON.', field: null } }),
            );
          }
        });
        return;
      }
    }
    if (url.pathname === '/favicon.ico') return send(204, 'text/plain', '');
    return send(404, 'text/plain', 'not found');
  });

  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${address.port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
