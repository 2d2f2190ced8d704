// @ts-check
// A scriptable HTTP proxy for browser tests: it sits between the browser and the real reference
// server and injects the faults a real server cannot produce on demand (a 503 then success, a
// 429 with Retry-After, a comment committed but its answer lost, a slow answer, a 200 with an
// HTML page). Everything it is not told to break is forwarded unchanged.
import http from 'node:http';

/**
 * @typedef {{ kind: 'respond', status: number, body?: string | object, headers?: Record<string, string> }
 *   | { kind: 'forward-then-drop' }
 *   | { kind: 'drop' }
 *   | { kind: 'delay', ms: number }} FaultAction
 */

/**
 * @typedef {{
 *   method?: string,
 *   path?: string,
 *   times?: number,
 *   action: FaultAction,
 * }} Fault
 * `method`: e.g. 'POST', default any (but OPTIONS only when named, see matches()).
 * `path`: a RegExp source matched against the request's path and query, default any.
 * `times`: how many matching requests this fault applies to, default 1.
 */

/**
 * @typedef {{
 *   method: string,
 *   path: string,
 *   status: number | 'dropped',
 *   clientId: string | null,
 *   fault: string | null,
 *   at: number,
 * }} LogEntry
 * `fault` is the action kind that handled the request, or null when it was forwarded untouched;
 * `at` is when the request arrived (Date.now()).
 */

/**
 * @typedef {{
 *   url: string,
 *   endpoint: string,
 *   inject: (faults: Fault[]) => void,
 *   reset: () => void,
 *   log: () => LogEntry[],
 *   close: () => Promise<void>,
 * }} FaultProxy
 * `log()` lists finished requests (answered or dropped) in arrival order, as a copy; a request
 * still waiting on a delay or on the target shows up once it finishes.
 */

/** @typedef {{ method: string | null, path: RegExp | null, times: number, used: number, action: FaultAction }} ArmedFault */

/** @typedef {{ method: string, path: string, status: number | 'dropped' | null, clientId: string | null, fault: string | null, at: number }} PendingEntry */

/** @typedef {{ status: number, headers: http.OutgoingHttpHeaders, body: Buffer }} Answer */

// Headers that describe one hop's connection, not the message: the proxy has its own
// connections on each side, and it re-frames bodies with Content-Length after buffering.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'proxy-authenticate',
  'proxy-authorization',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
]);

const ACTION_KINDS = new Set(['respond', 'forward-then-drop', 'drop', 'delay']);

/** Starts the proxy on `host:port` (port 0 picks a free one) in front of the server at `target`. */
export async function startFaultProxy(
  /** @type {{ target: string, port?: number, host?: string }} */ { target, port = 0, host = '127.0.0.1' },
) {
  const targetUrl = new URL(target);
  if (targetUrl.protocol !== 'http:') throw new Error(`fault proxy: only http targets, got ${target}`);

  /** @type {ArmedFault[]} */
  let faults = [];
  /** @type {PendingEntry[]} */
  let entries = [];
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set();
  /** @type {Set<http.ClientRequest>} */
  const upstream = new Set();
  /** @type {Map<NodeJS.Timeout, () => void>} delayed requests, each with its wake-up */
  const timers = new Map();
  let closed = false;

  /**
   * Forwards one request to the target and buffers its whole answer; a target that cannot be
   * reached (or a proxy closing under it) becomes a 502, so callers never see a rejection.
   * @param {http.IncomingMessage} req
   * @param {Buffer} body
   * @returns {Promise<Answer>}
   */
  function forward(req, body) {
    /** @type {http.OutgoingHttpHeaders} */
    const headers = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
    }
    headers.host = targetUrl.host;
    // The body was buffered, so it goes out with a length even if it came in chunked.
    if (body.length > 0 || req.headers['content-length'] !== undefined)
      headers['content-length'] = body.length;

    return new Promise((resolve) => {
      const outgoing = http.request({
        protocol: targetUrl.protocol,
        hostname: targetUrl.hostname,
        port: targetUrl.port,
        method: req.method,
        path: req.url,
        headers,
        // One connection per request: nothing lingers in a pool after close().
        agent: false,
      });
      upstream.add(outgoing);
      const settle = (/** @type {Answer} */ answer) => {
        upstream.delete(outgoing);
        resolve(answer);
      };
      outgoing.on('response', (response) => {
        /** @type {Buffer[]} */
        const chunks = [];
        response.on('data', (chunk) => chunks.push(chunk));
        response.on('end', () => {
          /** @type {http.OutgoingHttpHeaders} */
          const answerHeaders = {};
          for (const [name, value] of Object.entries(response.headers)) {
            if (!HOP_BY_HOP.has(name) && value !== undefined) answerHeaders[name] = value;
          }
          const answerBody = Buffer.concat(chunks);
          // HEAD, 204 and 304 answers keep the target's own framing headers and carry no body.
          if (hasBody(req.method, response.statusCode ?? 502))
            answerHeaders['content-length'] = answerBody.length;
          settle({ status: response.statusCode ?? 502, headers: answerHeaders, body: answerBody });
        });
        response.on('error', (error) => settle(badGateway(req, error)));
      });
      outgoing.on('error', (error) => settle(badGateway(req, error)));
      outgoing.end(body);
    });
  }

  /**
   * Waits `ms`, or less if the proxy closes meanwhile (the request then fails as 502 upstream).
   * @param {number} ms
   */
  function wait(ms) {
    return new Promise((resolve) => {
      const wake = () => {
        timers.delete(timer);
        resolve(undefined);
      };
      const timer = setTimeout(wake, ms);
      timers.set(timer, wake);
    });
  }

  /**
   * The first armed fault that matches this request, counted as used; null when none does.
   * @param {string} method
   * @param {string} path
   */
  function takeFault(method, path) {
    for (const fault of faults) {
      if (fault.used >= fault.times) continue;
      if (!matches(fault, method, path)) continue;
      fault.used += 1;
      return fault;
    }
    return null;
  }

  /**
   * @param {http.IncomingMessage} req
   * @param {http.ServerResponse} res
   */
  async function handle(req, res) {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = req.url ?? '/';
    // Chosen on arrival, before the body is read, so concurrent requests take faults in the
    // order they reached the proxy.
    const fault = takeFault(method, path);
    /** @type {PendingEntry} */
    const entry = {
      method,
      path,
      status: null,
      clientId: null,
      fault: fault?.action.kind ?? null,
      at: Date.now(),
    };
    entries.push(entry);

    let body;
    try {
      body = await readBody(req);
    } catch {
      // The client went away mid-body: nobody is left to answer.
      entry.status = 'dropped';
      return;
    }
    entry.clientId = clientIdOf(method, req.headers['content-type'], body);

    const action = fault?.action ?? null;
    if (action?.kind === 'drop') {
      entry.status = 'dropped';
      req.socket.destroy();
      return;
    }
    if (action?.kind === 'respond') {
      const answer = composeAnswer(req, action);
      entry.status = answer.status;
      send(res, answer);
      return;
    }
    if (action?.kind === 'delay') await wait(action.ms);

    const answer = closed ? badGateway(req, new Error('fault proxy closed')) : await forward(req, body);
    if (action?.kind === 'forward-then-drop' && answer.status !== 502) {
      // The target has answered in full, so whatever it commits is committed; the browser only
      // sees its connection die.
      entry.status = 'dropped';
      req.socket.destroy();
      return;
    }
    entry.status = answer.status;
    send(res, answer);
  }

  const server = http.createServer((req, res) => {
    // A client that disconnects mid-answer must not take the proxy down with an 'error'.
    req.on('error', () => {});
    res.on('error', () => {});
    handle(req, res).catch((error) => {
      if (!res.headersSent && !res.destroyed) send(res, badGateway(req, error));
      else req.socket.destroy();
    });
  });
  // A browser keeps idle connections open; close() has to be able to end them all.
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('clientError', (_error, socket) => socket.destroy());

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(undefined);
    });
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address !== null ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;

  /** @type {Promise<void> | undefined} */
  let closing;

  /** @type {FaultProxy} */
  const proxy = {
    url,
    endpoint: `${url}/api`,
    inject(newFaults) {
      faults.push(...newFaults.map(arm));
    },
    reset() {
      faults = [];
      // Requests still in flight keep writing to the old array, so they cannot leak into
      // the next test's log.
      entries = [];
    },
    log() {
      return entries
        .filter((entry) => entry.status !== null)
        .map((entry) => ({ ...entry, status: /** @type {number | 'dropped'} */ (entry.status) }));
    },
    close() {
      closing ??= new Promise((resolve) => {
        closed = true;
        for (const [timer, wake] of timers) {
          clearTimeout(timer);
          wake();
        }
        for (const outgoing of upstream) outgoing.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
  return proxy;
}

/**
 * Validates a fault and compiles its pattern now, so a typo fails at inject() in the test
 * rather than as a silently unmatched fault later.
 * @param {Fault} fault
 * @returns {ArmedFault}
 */
function arm(fault) {
  const action = fault?.action;
  if (!action || !ACTION_KINDS.has(action.kind)) {
    throw new Error(`fault proxy: unknown action ${JSON.stringify(action)}`);
  }
  if (action.kind === 'respond' && !Number.isInteger(action.status)) {
    throw new Error('fault proxy: a respond action needs an integer status');
  }
  if (action.kind === 'delay' && !(action.ms >= 0))
    throw new Error('fault proxy: a delay action needs ms >= 0');
  const times = fault.times ?? 1;
  if (!(times >= 0)) throw new Error(`fault proxy: times must be >= 0, got ${times}`);
  return {
    method: fault.method === undefined ? null : fault.method.toUpperCase(),
    path: fault.path === undefined ? null : new RegExp(fault.path),
    times,
    used: 0,
    action,
  };
}

/**
 * Whether a fault applies to a request. An OPTIONS request is a CORS preflight: a fault that
 * does not name OPTIONS must leave it alone (so a POST fault hits the POST itself, and an
 * unfiltered fault is not used up by the preflight), and a respond fault never answers one,
 * since the browser would then refuse to send the request the test meant to fault.
 * @param {ArmedFault} fault
 * @param {string} method
 * @param {string} path
 */
function matches(fault, method, path) {
  if (method === 'OPTIONS' && (fault.method !== 'OPTIONS' || fault.action.kind === 'respond')) return false;
  if (fault.method !== null && fault.method !== method) return false;
  if (fault.path !== null && !fault.path.test(path)) return false;
  return true;
}

/**
 * The answer a respond fault makes; an object body is JSON, a string is sent as is.
 * @param {http.IncomingMessage} req
 * @param {{ status: number, body?: string | object, headers?: Record<string, string> }} action
 * @returns {Answer}
 */
function composeAnswer(req, action) {
  const isJson = action.body !== undefined && typeof action.body !== 'string';
  const text =
    action.body === undefined
      ? ''
      : typeof action.body === 'string'
        ? action.body
        : JSON.stringify(action.body);
  /** @type {http.OutgoingHttpHeaders} */
  const headers = {
    'content-type': isJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    ...corsHeaders(req),
  };
  // The test's own headers win (e.g. Content-Type: text/html for "a 200 with an HTML page").
  for (const [name, value] of Object.entries(action.headers ?? {})) headers[name.toLowerCase()] = value;
  const body = Buffer.from(text, 'utf8');
  if (hasBody(req.method, action.status)) headers['content-length'] = body.length;
  return { status: action.status, headers, body };
}

/**
 * The 502 the proxy gives when the target cannot be reached, in the API's error shape.
 * @param {http.IncomingMessage} req
 * @param {unknown} error
 * @returns {Answer}
 */
function badGateway(req, error) {
  const message = `The fault proxy could not reach the server: ${error instanceof Error ? error.message : String(error)}`;
  const body = Buffer.from(JSON.stringify({ error: { code: 'bad_gateway', message, field: null } }), 'utf8');
  return {
    status: 502,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-length': body.length,
      'cache-control': 'no-store',
      ...corsHeaders(req),
    },
    body,
  };
}

/**
 * CORS headers for an answer the proxy makes itself: without them a cross-origin fetch sees a
 * network error instead of the status the test meant to show it.
 * @param {http.IncomingMessage} req
 * @returns {http.OutgoingHttpHeaders}
 */
function corsHeaders(req) {
  const origin = req.headers.origin;
  if (origin === undefined) return {};
  return {
    'access-control-allow-origin': origin,
    vary: 'Origin',
    'access-control-expose-headers': 'Retry-After',
  };
}

/**
 * Whether an answer with this status to this method has a body (RFC 9110 §6.4.1).
 * @param {string | undefined} method
 * @param {number} status
 */
function hasBody(method, status) {
  return method !== 'HEAD' && status !== 204 && status !== 304 && status >= 200;
}

/**
 * Writes a buffered answer, unless the client is already gone.
 * @param {http.ServerResponse} res
 * @param {Answer} answer
 */
function send(res, answer) {
  if (res.destroyed || res.writableEnded) return;
  // Never keep a connection alive: Chromium silently resends a request, even a POST, when a
  // reused keep-alive connection dies before any answer, so a drop would turn into a quiet
  // retry instead of the network error the test wants. A fresh connection per request is
  // never retried.
  res.shouldKeepAlive = false;
  res.writeHead(answer.status, answer.headers);
  res.end(hasBody(res.req.method, answer.status) ? answer.body : undefined);
}

/**
 * Reads a request body in full (comment bodies are small).
 * @param {http.IncomingMessage} req
 * @returns {Promise<Buffer>}
 */
function readBody(req) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('close', () => {
      if (!req.complete) reject(new Error('client closed the request'));
    });
  });
}

/**
 * The `clientId` of a JSON POST body, or null (other methods, other types, bad JSON, no field).
 * @param {string} method
 * @param {string | undefined} contentType
 * @param {Buffer} body
 * @returns {string | null}
 */
function clientIdOf(method, contentType, body) {
  if (method !== 'POST' || !/\bjson\b/i.test(contentType ?? '')) return null;
  try {
    const parsed = JSON.parse(body.toString('utf8'));
    return parsed !== null && typeof parsed === 'object' && typeof parsed.clientId === 'string'
      ? parsed.clientId
      : null;
  } catch {
    return null;
  }
}
