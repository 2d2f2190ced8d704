// @ts-check
// `recovery-comments-server import wordpress|disqus FILE.xml`: reads the whole file first (so a
// malformed or truncated one stops before anything is stored), plans it, then stores it in one
// transaction and prints what happened.
import { printable } from '../moderate.js';
import { redactUrl } from '../postgres.js';
import { isPostgresLocation, openStore } from '../store.js';
import { readDisqusExport } from './disqus.js';
import { planImport } from './plan.js';
import { readWordPressExport } from './wordpress.js';
import { ImportError } from './xml.js';

/** @typedef {Extract<import('../cli.js').Command, { kind: 'import' }>} ImportCommand */
/** @typedef {import('../moderate.js').Output} Output */
/** @typedef {import('./plan.js').ImportPlan} ImportPlan */
/** @typedef {import('../store.js').ImportOutcome} ImportOutcome */

const READERS = { wordpress: readWordPressExport, disqus: readDisqusExport };
const FORMAT_NAMES = { wordpress: 'WordPress', disqus: 'Disqus' };
/** @type {Record<string, [string, string]>} how the summary words each reason, one and many */
const REASONS = {
  spam: ['spam', 'spam'],
  trash: ['in the trash', 'in the trash'],
  deleted: ['deleted', 'deleted'],
  pingback: ['pingback', 'pingbacks'],
  trackback: ['trackback', 'trackbacks'],
  'other type': ['not a comment (another type)', 'not comments (other types)'],
  'already imported': ['already imported', 'already imported'],
};

/** Runs an import and returns the process exit code (1 when the file or database is unusable). */
export async function runImportCommand(/** @type {ImportCommand} */ command, /** @type {Output} */ output) {
  /** @type {ImportPlan} */
  let plan;
  try {
    const data = await READERS[command.format](command.file);
    plan = planImport(command.file, data, { threadFrom: command.threadFrom });
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    output.err(`${printable(error.message)}\nNothing was imported.\n`);
    return 1;
  }

  /** @type {import('../store.js').CommentStore} */
  let store;
  try {
    store = await openStore(command.db);
  } catch (error) {
    output.err(
      `Cannot open the database ${where(command.db)}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  try {
    const outcome = await store.importComments(plan.source, plan.comments);
    output.out(summary(command, plan, outcome));
    return 0;
  } catch (error) {
    output.err(
      `Import failed, nothing was imported: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  } finally {
    await store.close();
  }
}

/**
 * What the import did, in a few lines.
 * @param {ImportCommand} command
 * @param {ImportPlan} plan
 * @param {ImportOutcome} outcome
 */
export function summary(command, plan, outcome) {
  const threads = new Set(plan.comments.map((comment) => comment.thread)).size;
  const plural = (/** @type {number} */ n, /** @type {string} */ word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  /** @type {[string, number][]} */
  const skipped = [...plan.skipped.entries()];
  if (outcome.alreadyImported > 0) skipped.push(['already imported', outcome.alreadyImported]);
  const lines = [
    `Imported from the ${FORMAT_NAMES[command.format]} export ${printable(command.file)} into ${printable(where(command.db))}:`,
    `  ${plural(threads, 'thread')} with comments in the file`,
    `  ${plural(outcome.imported, 'comment')} imported into ${plural(outcome.threads, 'thread')}` +
      (outcome.pending > 0 ? `, ${outcome.pending} of them kept pending for moderation` : ''),
    skipped.length === 0
      ? '  nothing skipped'
      : `  skipped: ${skipped.map(([reason, count]) => `${count} ${(REASONS[reason] ?? [reason, reason])[count === 1 ? 0 : 1]}`).join(', ')}`,
  ];
  return `${lines.join('\n')}\n`;
}

/** The database as the output names it: a PostgreSQL URL without its password. */
function where(/** @type {string} */ db) {
  return isPostgresLocation(db) ? redactUrl(db) : db;
}
