// @ts-check
// Command-line parsing for recovery-comments-server: pure (argv and env in, a command out), so
// every rule is tested without starting a process. bin.js does the I/O.
import { parseArgs } from 'node:util';
import { normalizeMailbox } from './owner/mailbox.js';
import { checkSmtpUrl } from './owner/mail-transport.js';
import { normalizeTrustRules, TrustRulesError } from './owner/trust-rules.js';
import { checkWebhookUrl } from './owner/webhook.js';

/** The --help text. */
export const USAGE = `Usage:
  recovery-comments-server [options]
  recovery-comments-server moderate list [--status pending|published|rejected] [--thread ID] [--db DB]
  recovery-comments-server moderate approve|reject|delete COMMENT_ID [--db DB]
  recovery-comments-server moderators add EMAIL [--name NAME] [--db DB]
  recovery-comments-server moderators list|remove [EMAIL] [--db DB]
  recovery-comments-server import wordpress|disqus FILE.xml [--thread-from link|id] [--db DB]
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
  --edit-window S     seconds a reader may edit or delete their own comment after posting
                      it (default 900); 0 turns editing off                     [RC_EDIT_WINDOW]
  --read-rate-limit N requests one client IP may make per minute to read (default 600)
                                                                        [RC_READ_RATE_LIMIT]
  --trust-proxy       behind one reverse proxy: the client IP is the last X-Forwarded-For entry
                                                                              [RC_TRUST_PROXY=1]
  --trust-proxy-hops N  behind N proxies in a row (a CDN in front of nginx is 2): the client IP
                      is the Nth entry from the end                     [RC_TRUST_PROXY_HOPS]
  --log-level LEVEL   silent, error, warn (default), info or debug; logs go to stderr
                                                                                 [RC_LOG_LEVEL]

Moderation app and notifications (nothing is sent anywhere unless set):
  --smtp URL          mail server: smtp://user:pass@host:port or smtps://…; "log" writes the
                      emails to stdout instead (and still offers readers reply emails)  [RC_SMTP]
  --from ADDRESS      From address of the emails (default comments@ the public host)   [RC_FROM]
  --notify EMAIL      told of each new comment, with Approve and Reject links; repeat for more.
                      Without --smtp these emails are written to stdout  [RC_NOTIFY, comma-separated]
  --public-url URL    how links in emails reach this server, such as https://comments.example.org
                      (default: the address it listens on)                    [RC_PUBLIC_URL]
  --webhook URL       each new comment is POSTed there as JSON, with retries      [RC_WEBHOOK]
  --demo-moderator EMAIL  make this moderator with a new random password at each start and
                      print it (for the demo; use "moderators add" for real accounts)
                                                                         [RC_DEMO_MODERATOR]

Trust rules (stored in the database when given; the moderation app's Settings change them too):
  --trust-approved yes|no  publish at once when the email already has an approved comment
                      (default yes)                                       [RC_TRUST_APPROVED]
  --max-links N       hold comments with more than N links, even with moderation off
                      (default 2)                                              [RC_MAX_LINKS]
  --block-word WORD   comments with it (in name, email, website or text) go to Spam; repeat
                                                                [RC_BLOCK_WORDS, comma-separated]
  --block-email EMAIL an address, or @domain, whose comments go to Spam; repeat
                                                               [RC_BLOCK_EMAILS, comma-separated]
  --block-ip RANGE    an IP address or CIDR range whose comments go to Spam; repeat
                                                                  [RC_BLOCK_IPS, comma-separated]
  -h, --help          show this help
  --version           show the version

Moderation commands work on the database directly, also while the server runs. backup makes a
consistent copy of a SQLite database while the server runs (SQLite's online backup); it will not
overwrite FILE. For PostgreSQL use pg_dump.
"moderators add" reads the password from stdin when it is not a terminal, else asks for it.

import reads a WordPress export (WXR, Tools > Export) or a Disqus export (XML) and stores its
comments, all or none: approved ones published, unapproved ones pending, spam, trash, deleted
comments, pingbacks and trackbacks left out. Threads are the paths of the posts' links, as the
element keys them (--thread-from id: the post ID or Disqus identifier instead). Importing the
same file again adds nothing.
`;

/** The database file the CLI uses when neither --db nor RC_DB says otherwise. */
export const DEFAULT_DB_FILE = './recovery-comments.db';
/** The port the CLI listens on when neither --port nor RC_PORT says otherwise. */
export const DEFAULT_PORT = 8787;
/** Seconds a reader may edit their comment when neither --edit-window nor RC_EDIT_WINDOW says. */
export const DEFAULT_EDIT_WINDOW = 900;
/** The longest edit window: a week. Beyond that a thread's past keeps changing under its readers. */
export const MAX_EDIT_WINDOW = 7 * 24 * 60 * 60;

const LOG_LEVELS = ['silent', 'error', 'warn', 'info', 'debug'];
const STATUSES = ['pending', 'published', 'rejected'];
const IMPORT_FORMATS = ['wordpress', 'disqus'];

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
 *   | { kind: 'serve', options: import('./app.js').StartOptions & { db: string, port: number, host: string, demoModerator?: string } }
 *   | { kind: 'moderate', action: 'list', db: string, status: import('./store.js').CommentStatus, thread: string | null }
 *   | { kind: 'moderate', action: 'approve' | 'reject' | 'delete', db: string, id: string }
 *   | { kind: 'import', format: 'wordpress' | 'disqus', file: string, db: string, threadFrom: 'link' | 'id' }
 *   | { kind: 'moderators', action: 'add', db: string, email: string, name: string }
 *   | { kind: 'moderators', action: 'list', db: string }
 *   | { kind: 'moderators', action: 'remove', db: string, email: string }
 *   | { kind: 'backup', db: string, to: string }} Command
 */

/** @typedef {Record<string, string | undefined>} Env */

/** Reads the command line and environment into a Command; throws UsageError when they are wrong. */
export function parseCommandLine(/** @type {string[]} */ argv, /** @type {Env} */ env = {}) {
  if (argv.includes('-h') || argv.includes('--help')) return /** @type {Command} */ ({ kind: 'help' });
  if (argv.includes('--version')) return /** @type {Command} */ ({ kind: 'version' });
  if (argv[0] === 'import') return parseImport(argv.slice(1), env);
  if (argv[0] === 'moderators') return parseModerators(argv.slice(1), env);
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
    'edit-window': { type: 'string' },
    'read-rate-limit': { type: 'string' },
    'trust-proxy': { type: 'boolean' },
    'trust-proxy-hops': { type: 'string' },
    'log-level': { type: 'string' },
    smtp: { type: 'string' },
    from: { type: 'string' },
    notify: { type: 'string', multiple: true },
    'public-url': { type: 'string' },
    webhook: { type: 'string' },
    'demo-moderator': { type: 'string' },
    'trust-approved': { type: 'string' },
    'max-links': { type: 'string' },
    'block-word': { type: 'string', multiple: true },
    'block-email': { type: 'string', multiple: true },
    'block-ip': { type: 'string', multiple: true },
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
  const editWindow = flag('edit-window') ?? fromEnv(env, 'RC_EDIT_WINDOW');
  const readRateLimit = flag('read-rate-limit') ?? fromEnv(env, 'RC_READ_RATE_LIMIT');
  const logLevel = flag('log-level') ?? fromEnv(env, 'RC_LOG_LEVEL') ?? 'warn';
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}, not "${logLevel}".`);
  }
  const trustProxyEnv = fromEnv(env, 'RC_TRUST_PROXY');
  const owner = parseOwnerOptions(flag, list, env);
  const demoModerator = flag('demo-moderator') ?? fromEnv(env, 'RC_DEMO_MODERATOR');
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
      editWindowSeconds: editWindow === undefined ? DEFAULT_EDIT_WINDOW : parseEditWindow(editWindow),
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
      // Only when set, so a plain command line reads as it always did.
      ...(owner === null ? {} : { owner }),
      ...(demoModerator === undefined
        ? {}
        : { demoModerator: checked(() => normalizeMailbox(demoModerator, '--demo-moderator')) }),
    },
  };
}

/** Runs a check that throws RangeError (or TrustRulesError) and turns it into a UsageError. */
function checked(/** @type {() => any} */ check) {
  try {
    return check();
  } catch (error) {
    if (error instanceof RangeError || error instanceof TrustRulesError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * The notification and trust-rule flags, or null when none is given.
 * @param {(name: string) => string | undefined} flag
 * @param {(name: string, envName: string) => string[]} list
 * @param {Env} env
 * @returns {import('./owner/owner.js').OwnerOptions | null}
 */
function parseOwnerOptions(flag, list, env) {
  /** @type {import('./owner/owner.js').OwnerOptions} */
  const options = {};
  const smtp = flag('smtp') ?? fromEnv(env, 'RC_SMTP');
  if (smtp !== undefined) options.smtp = checked(() => checkSmtpUrl(smtp));
  const from = flag('from') ?? fromEnv(env, 'RC_FROM');
  if (from !== undefined) options.from = checked(() => normalizeMailbox(from, '--from'));
  const notify = list('notify', 'RC_NOTIFY');
  if (notify.length > 0)
    options.notify = notify.map((address) => checked(() => normalizeMailbox(address, '--notify')));
  const publicUrl = flag('public-url') ?? fromEnv(env, 'RC_PUBLIC_URL');
  if (publicUrl !== undefined) {
    options.publicUrl = checked(() => {
      const url = new URL(publicUrl);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new RangeError('');
      return url.href.replace(/\/+$/, '');
    });
  }
  const webhook = flag('webhook') ?? fromEnv(env, 'RC_WEBHOOK');
  if (webhook !== undefined) options.webhook = checked(() => checkWebhookUrl(webhook));

  /** @type {Partial<import('./owner/trust-rules.js').TrustRules>} */
  const rules = {};
  const trustApproved = flag('trust-approved') ?? fromEnv(env, 'RC_TRUST_APPROVED');
  if (trustApproved !== undefined) {
    if (!/^(yes|no)$/.test(trustApproved))
      throw new UsageError(`--trust-approved must be "yes" or "no", not "${trustApproved}".`);
    rules.trustApproved = trustApproved === 'yes';
  }
  const maxLinks = flag('max-links') ?? fromEnv(env, 'RC_MAX_LINKS');
  if (maxLinks !== undefined) {
    if (!/^\d{1,4}$/.test(maxLinks))
      throw new UsageError(`--max-links must be a whole number, not "${maxLinks}".`);
    rules.maxLinks = Number(maxLinks);
  }
  for (const [name, envName, key] of /** @type {const} */ ([
    ['block-word', 'RC_BLOCK_WORDS', 'blockedWords'],
    ['block-email', 'RC_BLOCK_EMAILS', 'blockedEmails'],
    ['block-ip', 'RC_BLOCK_IPS', 'blockedIps'],
  ])) {
    const entries = list(name, envName);
    if (entries.length > 0) rules[key] = entries;
  }
  if (Object.keys(rules).length > 0) {
    checked(() => normalizeTrustRules(rules));
    options.trustRules = rules;
  }
  return Object.keys(options).length === 0 ? null : options;
}

/**
 * @param {string[]} argv the arguments after "moderators"
 * @param {Env} env
 * @returns {Command}
 */
function parseModerators(argv, env) {
  const { values, positionals } = parseOrExplain(argv, { db: { type: 'string' }, name: { type: 'string' } });
  const db =
    (typeof values.db === 'string' ? values.db : undefined) ?? fromEnv(env, 'RC_DB') ?? DEFAULT_DB_FILE;
  if (db === ':memory:') throw new UsageError('moderators needs a database file (--db FILE), not :memory:.');
  const [action, ...rest] = positionals;
  if (values.name !== undefined && action !== 'add')
    throw new UsageError('--name only goes with "moderators add".');
  if (action === 'list') {
    if (rest.length > 0) throw new UsageError(`moderators list takes no email (got "${rest[0]}").`);
    return { kind: 'moderators', action, db };
  }
  if (action === 'add' || action === 'remove') {
    if (rest.length !== 1) throw new UsageError(`moderators ${action} takes exactly one email address.`);
    const email = checked(() => normalizeMailbox(rest[0], `moderators ${action}`));
    if (action === 'remove') return { kind: 'moderators', action, db, email };
    const name = typeof values.name === 'string' ? values.name.trim() : email.slice(0, email.indexOf('@'));
    if (name === '' || name.length > 100 || /[\u0000-\u001f\u007f]/.test(name)) {
      throw new UsageError('--name must be 1 to 100 characters, without control characters.');
    }
    return { kind: 'moderators', action, db, email, name };
  }
  throw new UsageError(
    action === undefined
      ? 'moderators needs an action: add, list or remove.'
      : `Unknown moderators action "${action}"; use add, list or remove.`,
  );
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
 * @param {string[]} argv the arguments after "import"
 * @param {Env} env
 * @returns {Command}
 */
function parseImport(argv, env) {
  const { values, positionals } = parseOrExplain(argv, {
    db: { type: 'string' },
    'thread-from': { type: 'string' },
  });
  const db =
    (typeof values.db === 'string' ? values.db : undefined) ?? fromEnv(env, 'RC_DB') ?? DEFAULT_DB_FILE;
  if (db === ':memory:') throw new UsageError('import needs a database file (--db FILE), not :memory:.');
  const [format, file, ...rest] = positionals;
  if (format === undefined || !IMPORT_FORMATS.includes(format)) {
    throw new UsageError(
      format === undefined
        ? 'import needs a format: wordpress or disqus.'
        : `Unknown import format "${format}"; use wordpress or disqus.`,
    );
  }
  if (file === undefined) throw new UsageError(`import ${format} needs the export file (FILE.xml).`);
  if (rest.length > 0) throw new UsageError(`import ${format} takes one file (got "${rest[0]}" too).`);
  const threadFrom = typeof values['thread-from'] === 'string' ? values['thread-from'] : 'link';
  if (threadFrom !== 'link' && threadFrom !== 'id') {
    throw new UsageError(`--thread-from must be "link" or "id", not "${threadFrom}".`);
  }
  return { kind: 'import', format: /** @type {'wordpress' | 'disqus'} */ (format), file, db, threadFrom };
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

function parseEditWindow(/** @type {string} */ value) {
  const seconds = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(seconds >= 0 && seconds <= MAX_EDIT_WINDOW)) {
    throw new UsageError(
      `--edit-window must be a whole number of seconds from 0 (editing off) to ${MAX_EDIT_WINDOW} (a week), not "${value}".`,
    );
  }
  return seconds;
}

function parsePositiveInteger(/** @type {string} */ value, /** @type {string} */ flag) {
  const number = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(number >= 1)) throw new UsageError(`${flag} must be a whole number of at least 1, not "${value}".`);
  return number;
}
