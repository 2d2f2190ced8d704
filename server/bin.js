#!/usr/bin/env node
// @ts-check
// The recovery-comments-server command. Parsing lives in cli.js and the server in app.js; this
// file only does the process work: output, exit codes, signals.
import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { startServer } from './app.js';
import { parseCommandLine, USAGE, UsageError } from './cli.js';
import { runImportCommand } from './import/command.js';
import { runBackupCommand } from './backup.js';
import { runModerateCommand } from './moderate.js';
import { runModeratorsCommand } from './moderators.js';
import { hashPassword } from './owner/passwords.js';

const NAME = 'recovery-comments-server';
// How long a graceful shutdown may take before the process gives up on open connections.
const SHUTDOWN_GRACE_MS = 10_000;

// `moderate list | head -2`: the reader of our output went away, which is not our failure. Without
// this, the write's EPIPE is an unhandled 'error' event: a stack trace and exit code 1.
process.stdout.on('error', (error) => {
  if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
});

/** @type {import('./cli.js').Command} */
let command;
try {
  command = parseCommandLine(process.argv.slice(2), process.env);
  if (command.kind === 'serve') {
    for (const dir of command.options.staticDirs ?? []) {
      if (!isDirectory(dir)) throw new UsageError(`--static: ${dir} is not a directory.`);
    }
  }
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`${NAME}: ${error.message}\nRun "${NAME} --help" for usage.\n`);
  process.exit(2);
}

switch (command.kind) {
  case 'help':
    process.stdout.write(USAGE);
    break;
  case 'version': {
    const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    process.stdout.write(`${version}\n`);
    break;
  }
  case 'moderate':
    process.exitCode = await runModerateCommand(command, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    });
    break;
  case 'import':
    process.exitCode = await runImportCommand(command, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    });
    break;
  case 'backup':
    process.exitCode = await runBackupCommand(command, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    });
    break;
  case 'moderators':
    process.exitCode = await runModeratorsCommand(command, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
      readPassword,
    });
    break;
  case 'serve':
    await serve(command.options);
    break;
}

/** Starts the server, prints the one "listening" line, and shuts down cleanly on a signal. */
async function serve(/** @type {import('./app.js').StartOptions & { demoModerator?: string }} */ options) {
  /** @type {import('./app.js').RunningServer} */
  let running;
  try {
    const { demoModerator: _demo, ...serverOptions } = options;
    running = await startServer(serverOptions);
  } catch (error) {
    process.stderr.write(
      `${NAME}: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
    return;
  }
  // The endpoint, not only the origin: the element's `endpoint` attribute needs the /api path,
  // and an owner copies what this line says.
  process.stdout.write(`${NAME} listening on ${running.url}, endpoint="${running.endpoint}"\n`);
  if (options.demoModerator !== undefined) {
    // A new password at each start: the demo's sign-in is printed, so it must not outlive the run.
    const password = randomBytes(9).toString('base64url');
    const email = options.demoModerator;
    await running.owner.owner.saveModerator({
      email,
      name: 'Demo moderator',
      passwordHash: await hashPassword(password),
    });
    process.stdout.write(
      `Moderation app: ${running.url}/admin/ (sign in as ${email} with password ${password})\n`,
    );
  }

  const shutdown = () => {
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    running.close().then(
      () => {
        process.exitCode = 0;
      },
      (error) => {
        process.stderr.write(
          `${NAME}: error while shutting down: ${error instanceof Error ? error.message : String(error)}\n`,
        );
        process.exitCode = 1;
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/**
 * The new moderator's password: all of stdin when it is a pipe or file (scripts), else asked
 * twice on the terminal without echo.
 * @returns {Promise<string>}
 */
async function readPassword() {
  if (!process.stdin.isTTY) {
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    return text.replace(/\r?\n$/, '');
  }
  const ask = (/** @type {string} */ prompt) =>
    new Promise((resolve) => {
      const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
      const muted = /** @type {any} */ (rl);
      muted._writeToOutput = (/** @type {string} */ text) => {
        if (text.startsWith(prompt)) process.stderr.write(prompt);
      };
      rl.question(prompt, (answer) => {
        rl.close();
        process.stderr.write('\n');
        resolve(answer);
      });
    });
  const first = /** @type {string} */ (await ask('Password: '));
  const second = /** @type {string} */ (await ask('Password again: '));
  if (first !== second) {
    process.stderr.write('The passwords differ. Nothing was changed.\n');
    process.exit(1);
  }
  return first;
}

function isDirectory(/** @type {string} */ path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
