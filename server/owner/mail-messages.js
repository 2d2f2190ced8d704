// @ts-check
// The emails the server writes, as plain text only: nothing a commenter wrote can become
// markup or a clickable button, and a comment's own "Approve: http://…" line cannot pass for
// ours, because every line of comment text is quoted with "> ".

/**
 * @typedef {object} ThreadInfo
 * @property {string} id
 * @property {string | null} url the page the thread is on, when known
 * @property {string | null} title
 */

/**
 * @typedef {object} MailMessage
 * @property {string} to
 * @property {string} subject
 * @property {string} text
 * @property {Record<string, string>} [headers]
 */

/**
 * One line for a header or a "From:" line: no control characters, no bidi overrides (which
 * could make a subject read backwards), at most `max` characters.
 */
export function oneLine(/** @type {string} */ text, max = 80) {
  const flat = text
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .trim();
  return [...flat].length > max ? `${[...flat].slice(0, max - 1).join('')}…` : flat;
}

/** Comment text as a quote: each line behind "> ", so it reads as theirs, not ours. */
export function quote(/** @type {string} */ text) {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => `> ${line.replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')}`.trimEnd())
    .join('\n');
}

/** "the page title" or the thread id, for subjects and sentences. */
export function threadName(/** @type {ThreadInfo} */ thread) {
  return oneLine(thread.title ?? thread.id, 100);
}

/** When, in UTC, readable everywhere: "2026-12-01 09:30 UTC". */
export function when(/** @type {string} */ iso) {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/**
 * @typedef {object} ModeratorNoticeInput
 * @property {string} to
 * @property {import('../store.js').ModeratedComment} comment
 * @property {import('../store.js').ModeratedComment | null} parent
 * @property {ThreadInfo} thread
 * @property {{ approve: string, reject: string } | null} links null for a comment already published
 * @property {string} adminUrl the moderation app
 * @property {string | null} reason why it was held, when it was
 */

/** The email to a --notify address about a new comment. */
export function moderatorNotice(/** @type {ModeratorNoticeInput} */ input) {
  const { comment, parent, thread, links } = input;
  const name = oneLine(comment.author.name);
  const pending = comment.status === 'pending';
  const subject = pending
    ? `Please moderate: ${name} on "${threadName(thread)}"`
    : `New comment: ${name} on "${threadName(thread)}"`;
  const lines = [
    pending
      ? `A new comment on "${threadName(thread)}" is waiting for your approval.`
      : `A new comment on "${threadName(thread)}" was published.`,
  ];
  if (thread.url !== null) lines.push(`Page: ${thread.url}`);
  if (pending && input.reason !== null) lines.push(`Held because: ${input.reason}`);
  lines.push('');
  if (parent !== null) {
    lines.push(
      `In reply to ${oneLine(parent.author.name)} (${when(parent.createdAt)}):`,
      quote(parent.body),
      '',
    );
  }
  lines.push(
    `From: ${name}`,
    `Email: ${comment.author.email === null ? '(none given)' : oneLine(comment.author.email, 254)}`,
    `Website: ${comment.author.url === null ? '(none given)' : oneLine(comment.author.url, 2000)}`,
    `Written: ${when(comment.createdAt)}`,
    '',
    'Comment:',
    quote(comment.body),
    '',
  );
  if (links !== null) {
    lines.push(
      `Approve: ${links.approve}`,
      `Reject: ${links.reject}`,
      '(Each link opens a page with a button. It works once, for 7 days.)',
      '',
    );
  }
  lines.push(`All comments: ${input.adminUrl}`);
  return /** @type {MailMessage} */ ({ to: input.to, subject, text: `${lines.join('\n')}\n` });
}

/**
 * The double opt-in email to a reader who ticked "Email me when someone replies".
 * @param {{ to: string, name: string, thread: ThreadInfo, confirmUrl: string }} input
 */
export function confirmSubscription(input) {
  const text = [
    `Hello ${oneLine(input.name)},`,
    '',
    `You asked to be emailed when someone replies to your comment on "${threadName(input.thread)}".`,
    'To start these emails, open this link and press the button:',
    '',
    input.confirmUrl,
    '',
    'If it was not you, ignore this email: nothing will be sent to you.',
  ].join('\n');
  return /** @type {MailMessage} */ ({
    to: input.to,
    subject: `Confirm: emails about replies on "${threadName(input.thread)}"`,
    text: `${text}\n`,
  });
}

/**
 * The email to a subscribed reader about a published reply, with one-click unsubscribe (RFC 8058).
 * @param {{ to: string, reply: import('../store.js').ModeratedComment, thread: ThreadInfo, replyUrl: string | null, unsubscribeUrl: string }} input
 */
export function replyNotice(input) {
  const name = oneLine(input.reply.author.name);
  const lines = [
    `${name} replied to your comment on "${threadName(input.thread)}":`,
    '',
    quote(input.reply.body),
    '',
  ];
  if (input.replyUrl !== null) lines.push(`Read it on the page: ${input.replyUrl}`, '');
  lines.push(`Stop these emails: ${input.unsubscribeUrl}`);
  return /** @type {MailMessage} */ ({
    to: input.to,
    subject: `${name} replied to you on "${threadName(input.thread)}"`,
    text: `${lines.join('\n')}\n`,
    headers: {
      'List-Unsubscribe': `<${input.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  });
}
