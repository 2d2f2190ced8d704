// @ts-check
// How an email leaves: nodemailer over SMTP when --smtp names a server, else written to the
// log (the demo, or an owner who has not set up mail yet), so nothing is ever sent unasked.
import nodemailer from 'nodemailer';

/** @typedef {import('./mail-messages.js').MailMessage} MailMessage */
/** @typedef {(message: MailMessage) => Promise<void>} SendMail */

/**
 * Checks an --smtp value: smtp://[user:pass@]host[:port] or smtps://…, or "log".
 * @param {string} value
 * @returns {string} the value, unchanged
 */
export function checkSmtpUrl(value) {
  if (value === 'log') return value;
  /** @type {URL} */
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new RangeError(`--smtp expects smtp://user:pass@host:port, smtps://… or "log", not "${value}".`);
  }
  if ((url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || url.hostname === '') {
    throw new RangeError(
      `--smtp expects smtp://user:pass@host:port, smtps://… or "log", not a ${url.protocol} URL.`,
    );
  }
  return value;
}

/**
 * A sender over SMTP. Timeouts are short: a hanging server must not hold a row for minutes,
 * the queue retries it later anyway.
 * @param {string} smtpUrl
 * @param {string} from
 * @returns {SendMail & { close: () => void }}
 */
export function smtpSender(smtpUrl, from) {
  const url = new URL(smtpUrl);
  const transport = nodemailer.createTransport({
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? (url.protocol === 'smtps:' ? 465 : 587) : Number(url.port),
    secure: url.protocol === 'smtps:',
    auth:
      url.username === ''
        ? undefined
        : { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) },
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  const send = async (/** @type {MailMessage} */ message) => {
    await transport.sendMail({
      from,
      to: message.to,
      subject: message.subject,
      text: message.text,
      headers: message.headers,
      // No HTML part at all: what a commenter wrote stays text in every mail client.
    });
  };
  return Object.assign(send, { close: () => transport.close() });
}

/**
 * A sender that writes each email, readable, to `write` (stdout in the demo).
 * @param {(text: string) => void} write
 * @param {string} from
 * @returns {SendMail & { close: () => void }}
 */
export function logSender(write, from) {
  const send = async (/** @type {MailMessage} */ message) => {
    const headers = Object.entries(message.headers ?? {}).map(([name, value]) => `${name}: ${value}\n`);
    write(
      `----- email (written here, not sent: no SMTP server is configured) -----\n` +
        `From: ${from}\nTo: ${message.to}\nSubject: ${message.subject}\n${headers.join('')}\n` +
        `${message.text}----- end of email -----\n`,
    );
  };
  return Object.assign(send, { close: () => {} });
}
