// @ts-check
// `recovery-comments-server backup --to FILE`: a consistent copy of a SQLite database, made with
// SQLite's online backup while the server keeps running and writing. The copy is a plain
// database file: restoring is putting it in place of the old one while the server is stopped.
import { existsSync } from 'node:fs';
import { openDatabase } from './sqlite.js';

/** @typedef {Extract<import('./cli.js').Command, { kind: 'backup' }>} BackupCommand */
/** @typedef {import('./moderate.js').Output} Output */

/** Runs a backup command and returns the process exit code (1 when it cannot). */
export async function runBackupCommand(/** @type {BackupCommand} */ command, /** @type {Output} */ output) {
  if (existsSync(command.to)) {
    output.err(`${command.to} already exists; backup never overwrites a file. Choose another name.\n`);
    return 1;
  }
  /** @type {import('./sqlite.js').Database} */
  let db;
  try {
    db = openDatabase(command.db, { fileMustExist: true });
  } catch (error) {
    output.err(
      `Cannot open the database ${command.db}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  try {
    db.pragma('busy_timeout = 5000');
    const { totalPages } = await db.backup(command.to);
    output.out(`Backed up ${command.db} to ${command.to} (${totalPages} pages).\n`);
    return 0;
  } catch (error) {
    output.err(`The backup failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    db.close();
  }
}
