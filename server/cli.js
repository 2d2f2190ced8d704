// @ts-check
// Command-line parsing for recovery-comments-server: pure (argv and env in, a command out), so
// every rule is tested without starting a process. bin.js does the I/O.
import { parseArgs } from 'node:util';

/** The --help text. */
export const USAGE = `Usage:
  recovery-comments-server [options]
  recovery-comments-server moderate list [--status pending|published|rejected] [--thread ID] [--db DB]
  recovery-comments-server moderate approve|reject|delete COMMENT_ID [--db DB]
  recovery-comments-server backup --to FILE [--db FILE]

Runs the reference backend of <recovery-comments>: the comment API under /api, stored in SQLite
or PostgreSQL.

Options (each can also be set by the environment variable in brackets; flags win):
  --port N            port to listen on; 0 picks a free one (default 8787)           [RC_PORT]
  --host HOST         address to listen on (default 127.0.0.1)                      [RC_HOST]
  --db DB             SQLite database file, or :memory: (default ./recovery-comments.db), or
                      postgres://user:password@host:port/database for PostgreSQL      [RC_DB]
  --moderation MODE   pre: new comments wait for a moderator (default); off: publish at once
                                                                                    [RC_MODERATION]
  --origin URL        a blog origin allowed to call the API from browsers, such as
                      https://blog.example.org; repeat for more       [RC_ORIGINS, comma-separated]
  --admin-token T     bearer token of the moderation API (/api/admin); without one it is off.
                      Prefer the variable: other users can read flags in ps  [RC_ADMIN_TOKEN]
  --static DIR        serve the files in DIR at /; repeat for more, the first DIR that has a
                      file wins                                        [RC_STATIC, comma-separated]
  --seed FILE         JSON file of starting comments, for threads that have none yet   [RC_SEED]
  --rate-limit N      comments one client IP may post per minute (default 10)    [RC_RATE_LIMIT]
  --read-rate-limit N requests one client IP may make per minute to read (default 600)
                                                                        [RC_READ_RATE_LIMIT]
  --trust-proxy       behind one reverse proxy: the client IP is the last X-Forwarded-For entry
                                                                              [RC_TRUST_PROXY=1]
  --trust-proxy-hops N  behind N proxies in a row (a CDN in front of nginx is 2): the client IP
                      is the Nth entry from the end                     [RC_TRUST_PROXY_HOPS]
  --log-level LEVEL   silent, error, warn (default), info or debug; logs go to stderr
                                                                                 [RC_LOG_LEVEL]
  -h, --help          show this help
  --version           show the version

Moderation commands work on the database directly, also while the server runs. backup makes a
consistent copy of a SQLite database while the server runs (SQLite's online backup); it will not
overwrite FILE. For PostgreSQL use pg_dump.
`;

/** The database file the CLI uses when neither --db nor RC_DB says otherwise. */
export const DEFAULT_DB_FILE = './recovery-comments.db';
/** The port the CLI listens on when neither --port nor RC_PORT says otherwise. */
export const DEFAULT_PORT = 8787;

const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'];
const STATUSES = ['pending', 'published', 'rejected'];

/** A command line that cannot be run; bin.js prints the message and exits with code 2. */
export class UsageError extends Error {
  constructor(/** @type {string} */ message) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * @typedef {{ kind: 'help' }
 *   | { kind: 'version' }
 *   | { kind: 'serve', options: import('./app.js').StartOptions & { db: string, port: number, host: string } }
 *   | { kind: 'moderate', action: 'list', db: string, status: import('./store.js').CommentStatus, thread: string | null }
 *   | { kind: 'moderate', action: 'approve' | 'reject' | 'delete', db: string, id: string }
 *   | { kind: 'backup', db: string, to: string }} Command
 */

/** @typedef {Record<string, string | undefined>} Env */

/** Reads the command line and environment into a Command; throws UsageError when they are wrong. */
export function parseCommandLine(/** @type {string[]} */ argv, /** @type {Env} */ env = {}) {
  if (argv.includes('-h') || argv.includes('--help')) return /** @type {Command} */ ({ kind: 'help' });
  if (argv.includes('--version')) return /** @type {Command} */ ({ kind: 'version' });
  if (argv[0] === 'moderate') return parseModerate(argv.slice(1), env);
  if (argv[0] === 'backup') return parseBackup(argv.slice(1), env);
  return parseServe(argv, env);
}

/**
 * Checks an allowed origin and returns it in the exact form browsers send in the Origin header
 * (a trailing slash is forgiven; a path is not, since it could never match).
 * @param {string} value
 */
export function normalizeOrigin(value) {
  /** @type {URL} */
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--origin expects an origin such as https://blog.example.org, not "${value}".`);
  }
  const plain =
    url.pathname === '/' &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === '';
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !plain || !value.startsWith(url.origin)) {
    throw new UsageError(
      `--origin expects only a scheme, host and optional port, such as https://blog.example.org, not "${value}".`,
    );
  }
  return url.origin;
}

/**
 * @param {string[]} argv
 * @param {Env} env
 * @returns {Command}
 */
function parseServe(argv, env) {
  const { values, positionals } = parseOrExplain(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    db: { type: 'string' },
    moderation: { type: 'string' },
    origin: { type: 'string', multiple: true },
    'admin-token': { type: 'string' },
    static: { type: 'string', multiple: true },
    seed: { type: 'string' },
    'rate-limit': { type: 'string' },
    'read-rate-limit': { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    'trust-proxy-hops': { type: 'string' },
    'log-level': { type: 'string' },
  });
  if (positionals.length > 0) {
    throw new UsageError(
      `Unexpected argument "${positionals[0]}". Did you mean "moderate ${positionals[0]}"?`,
    );
  }
  const flag = (/** @type {string} */ name) => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  const list = (/** @type {string} */ name, /** @type {string} */ envName) => {
    const fromFlags = values[name];
    if (Array.isArray(fromFlags) && fromFlags.length > 0) return fromFlags;
    return splitList(fromEnv(env, envName));
  };

  const port = parsePort(flag('port') ?? fromEnv(env, 'RC_PORT'));
  const moderation = flag('moderation') ?? fromEnv(env, 'RC_MODERATION') ?? 'pre';
  if (moderation !== 'pre' && moderation !== 'off') {
    throw new UsageError(`--moderation must be "pre" or "off", not "${moderation}".`);
  }
  const rateLimit = flag('rate-limit') ?? fromEnv(env, 'RC_RATE_LIMIT');
  const readRateLimit = flag('read-rate-limit') ?? fromEnv(env, 'RC_READ_RATE_LIMIT');
  const logLevel = flag('log-level') ?? fromEnv(env, 'RC_LOG_LEVEL') ?? 'warn';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}".`);
  }
  const trustProxyEnv = fromEnv(env, 'RC_TRUST_PROXY');
  const proxyHops = flag('trust-proxy-hops') ?? fromEnv(env, 'RC_TRUST_PROXY_HOPS');

  return {
    kind: 'serve',
    options: {
      port,
      host: flag('host') ?? fromEnv(env, 'RC_HOST') ?? '127.0.0.1',
      db: flag('db') ?? fromEnv(env, 'RC_DB') ?? DEFAULT_DB_FILE,
      moderation,
      origins: list('origin', 'RC_ORIGINS').map(normalizeOrigin),
      adminToken: flag('admin-token') ?? fromEnv(env, 'RC_ADMIN_TOKEN') ?? null,
      staticDirs: list('static', 'RC_STATIC'),
      seedFile: flag('seed') ?? fromEnv(env, 'RC_SEED') ?? null,
      rateLimit: {
        max: rateLimit === undefined ? 10 : parsePositiveInteger(rateLimit, '--rate-limit'),
        windowMs: 60_000,
      },
      // Only when given, so the programmatic default (app.js) stays the one source of it.
      ...(readRateLimit === undefined
        ? {}
        : {
            readRateLimit: {
              max: parsePositiveInteger(readRateLimit, '--read-rate-limit'),
              windowMs: 60_000,
            },
          }),
      trustProxy:
        proxyHops !== undefined
          ? parsePositiveInteger(proxyHops, '--trust-proxy-hops')
          : values['trust-proxy'] === true ||
            (trustProxyEnv !== undefined && /^(1|true|yes)$/i.test(trustProxyEnv)),
      logger: logLevel === 'silent' ? false : /** @type {import('./app.js').LogLevel} */ (logLevel),
    },
  };
}

/**
 * @param {string[]} argv the arguments after "moderate"
 * @param {Env} env
 * @returns {Command}
 */
function parseModerate(argv, env) {
  const { values, positionals } = parseOrExplain(argv, {
    db: { type: 'string' },
    status: { type: 'string' },
    thread: { type: 'string' },
  });
  const db =
    (typeof values.db === 'string' ? values.db : undefined) ?? fromEnv(env, 'RC_DB') ?? DEFAULT_DB_FILE;
  if (db === ':memory:') throw new UsageError('moderate needs a database file (--db FILE), not :memory:.');
  const [action, ...rest] = positionals;
  if (action === 'list') {
    if (rest.length > 0) throw new UsageError(`moderate list takes no comment id (got "${rest[0]}").`);
    const status = typeof values.status === 'string' ? values.status : 'pending';
    if (!STATUSES.includes(status))
      throw new UsageError(`--status must be one of ${STATUSES.join(', ')}, not "${status}".`);
    return {
      kind: 'moderate',
      action,
      db,
      status: /** @type {import('./store.js').CommentStatus} */ (status),
      thread: typeof values.thread === 'string' ? values.thread : null,
    };
  }
  if (action === 'approve' || action === 'reject' || action === 'delete') {
    if (values.status !== undefined || values.thread !== undefined) {
      throw new UsageError(`--status and --thread only go with "moderate list".`);
    }
    if (rest.length !== 1) throw new UsageError(`moderate ${action} takes exactly one comment id.`);
    return { kind: 'moderate', action, db, id: rest[0] };
  }
  throw new UsageError(
    action === undefined
      ? 'moderate needs an action: list, approve, reject or delete.'
      : `Unknown moderate action "${action}"; use list, approve, reject or delete.`,
  );
}

/**
 * `backup --to FILE [--db FILE]`: an online copy of a SQLite database.
 * @param {string[]} argv the arguments after "backup"
 * @param {Env} env
 * @returns {Command}
 */
function parseBackup(argv, env) {
  const { values, positionals } = parseOrExplain(argv, { db: { type: 'string' }, to: { type: 'string' } });
  if (positionals.length > 0)
    throw new UsageError(`backup takes no argument (got "${positionals[0]}"); use --to FILE.`);
  const db =
    (typeof values.db === 'string' ? values.db : undefined) ?? fromEnv(env, 'RC_DB') ?? DEFAULT_DB_FILE;
  if (db === ':memory:') throw new UsageError('backup needs a database file (--db FILE), not :memory:.');
  if (/^postgres(ql)?:\/\//i.test(db)) {
    throw new UsageError('backup copies SQLite files; back up PostgreSQL with pg_dump (see docs/deploy.md).');
  }
  if (typeof values.to !== 'string' || values.to === '') throw new UsageError('backup needs --to FILE.');
  return { kind: 'backup', db, to: values.to };
}

/**
 * util.parseArgs, with its errors reworded for people.
 * @param {string[]} args
 * @param {import('node:util').ParseArgsConfig['options']} options
 */
function parseOrExplain(args, options) {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return {
      values: /** @type {Record<string, string | boolean | string[] | undefined>} */ (values),
      positionals,
    };
  } catch (error) {
    const code = /** @type {{ code?: string }} */ (error).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      const option = /'([^']+)'/.exec(message)?.[1] ?? '';
      throw new UsageError(option === '' ? message : `Unknown option ${option}.`);
    }
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
      const option = /--[\w-]+/.exec(message)?.[0] ?? 'This option';
      throw new UsageError(
        /does not take/.test(message) ? `${option} takes no value.` : `${option} needs a value.`,
      );
    }
    throw new UsageError(message);
  }
}

/** An environment variable, with empty treated as unset. */
function fromEnv(/** @type {Env} */ env, /** @type {string} */ name) {
  const value = env[name];
  return value === undefined || value.trim() === '' ? undefined : value;
}

function splitList(/** @type {string | undefined} */ value) {
  return value === undefined
    ? []
    : value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
}

function parsePort(/** @type {string | undefined} */ value) {
  if (value === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : NaN;
  if (!(port >= 0 && port <= 65_535))
    throw new UsageError(`--port must be a number from 0 to 65535, not "${value}".`);
  return port;
}

function parsePositiveInteger(/** @type {string} */ value, /** @type {string} */ flag) {
  const number = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(number >= 1)) throw new UsageError(`${flag} must be a whole number of at least 1, not "${value}".`);
  return number;
}
