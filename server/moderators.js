// @ts-check
// `recovery-comments-server moderators add|list|remove`: the accounts of the moderation app,
// straight on the database (like `moderate`). bin.js supplies the password reader.
import { hashPassword, passwordProblem } from './owner/passwords.js';
import { openOwnerStore } from './store/owner-store.js';
import { openStore } from './store.js';
import { printable } from './moderate.js';

/** @typedef {Extract<import('./cli.js').Command, { kind: 'moderators' }>} ModeratorsCommand */
/** @typedef {{ out: (text: string) => void, err: (text: string) => void, readPassword: () => Promise<string> }} Io */

/** Runs a moderators command and returns the process exit code. */
export async function runModeratorsCommand(/** @type {ModeratorsCommand} */ command, /** @type {Io} */ io) {
  /** @type {import('./store.js').CommentStore} */
  let store;
  try {
    // `add` may make the database: a new server's first step can be its first moderator.
    store = await openStore(command.db, { mustExist: command.action !== 'add' });
  } catch (error) {
    io.err(
      `Cannot open the database ${command.db}: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    return 1;
  }
  try {
    const owner = await openOwnerStore(store);
    switch (command.action) {
      case 'list': {
        const moderators = await owner.listModerators();
        if (moderators.length === 0) {
          io.out('No moderators yet. Add one with "moderators add EMAIL".\n');
          return 0;
        }
        for (const m of moderators) {
          const last = m.lastSignInAt === null ? 'never signed in' : `last signed in ${m.lastSignInAt}`;
          io.out(`${printable(m.email)}  ${printable(m.name)}  (added ${m.createdAt}, ${last})\n`);
        }
        return 0;
      }
      case 'remove': {
        if (!(await owner.removeModerator(command.email))) {
          io.err(`No moderator has the email ${printable(command.email)}.\n`);
          return 1;
        }
        io.out(`Removed ${printable(command.email)}; their sessions are ended.\n`);
        return 0;
      }
      case 'add': {
        const password = await io.readPassword();
        const problem = passwordProblem(password);
        if (problem !== null) {
          io.err(`${problem} Nothing was changed.\n`);
          return 1;
        }
        const result = await owner.saveModerator({
          email: command.email,
          name: command.name,
          passwordHash: await hashPassword(password),
        });
        io.out(
          result === 'added'
            ? `Added moderator ${printable(command.email)}. They sign in at /admin/.\n`
            : `Updated moderator ${printable(command.email)}: new name and password; old sessions are ended.\n`,
        );
        return 0;
      }
    }
  } finally {
    await store.close();
  }
}
