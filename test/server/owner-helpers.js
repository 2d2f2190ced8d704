// @ts-check
// Shared by the owner tests: a real SMTP server (smtp-server on 127.0.0.1, a free port) whose
// messages are parsed by a real MIME parser (mailparser), and small waits.
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** @typedef {import('mailparser').ParsedMail & { envelopeTo: string[] }} ReceivedMail */

/**
 * Starts an SMTP server that accepts user "rc" with password "secret" (over plain SMTP on
 * loopback: no STARTTLS, so no certificate is needed) and keeps every message it receives.
 * @param {{ port?: number }} [options] a port to listen on (to bring a "down" server back)
 */
export async function startSmtpServer(options = {}) {
  /** @type {ReceivedMail[]} */
  const messages = [];
  /** @type {(() => void)[]} */
  const waiters = [];
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'rc' && auth.password === 'secret') callback(null, { user: 'rc' });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        (parsed) => {
          messages.push(
            Object.assign(parsed, { envelopeTo: session.envelope.rcptTo.map((to) => to.address) }),
          );
          for (const wake of waiters.splice(0)) wake();
          callback();
        },
        (error) => callback(error),
      );
    },
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve(undefined));
  });
  const address = /** @type {import('node:net').AddressInfo} */ (server.server.address());
  return {
    port: address.port,
    url: `smtp://rc:secret@127.0.0.1:${address.port}`,
    messages,
    /**
     * Resolves once `count` messages have arrived in all (rejects after `timeoutMs`).
     * @param {number} count
     * @param {number} [timeoutMs]
     */
    async waitFor(count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (messages.length < count) {
        const left = deadline - Date.now();
        if (left <= 0) throw new Error(`expected ${count} emails, got ${messages.length} in ${timeoutMs} ms`);
        await new Promise((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve(undefined);
          });
        });
      }
      return messages;
    },
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}

/** A retry policy fast enough for tests (the production one waits seconds to minutes). */
export const FAST_RETRY = Object.freeze({ baseMs: 50, maxMs: 200, maxAttempts: 1_000 });

/** Waits until `check()` is true (polling; rejects after `timeoutMs`). */
export async function eventually(/** @type {() => Promise<boolean> | boolean} */ check, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** The first URL in a text that starts with `prefix` (e.g. "Approve: "). */
export function linkAfter(/** @type {string} */ text, /** @type {string} */ prefix) {
  const line = text.split('\n').find((l) => l.startsWith(prefix));
  if (line === undefined) throw new Error(`no line starting with "${prefix}" in:\n${text}`);
  return line.slice(prefix.length).trim();
}
