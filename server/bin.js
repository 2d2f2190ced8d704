#!/usr/bin/env node
// @ts-check
// The recovery-comments-server command. Parsing lives in cli.js and the server in app.js; this
// file only does the process work: output, exit codes, signals.
import { readFileSync, statSync } from 'node:fs';
import { startServer } from './app.js';
import { parseCommandLine, USAGE, UsageError } from './cli.js';
import { runBackupCommand } from './backup.js';
import { runModerateCommand } from './moderate.js';

const NAME = 'recovery-comments-server';
// How long a graceful shutdown may take before the process gives up on open connections.
const SHUTDOWN_GRACE_MS = 10_000;

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
  case 'backup':
    process.exitCode = await runBackupCommand(command, {
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    });
    break;
  case 'serve':
    await serve(command.options);
    break;
}

/** Starts the server, prints the one "listening" line, and shuts down cleanly on a signal. */
async function serve(/** @type {import('./app.js').StartOptions} */ options) {
  /** @type {import('./app.js').RunningServer} */
  let running;
  try {
    running = await startServer(options);
  } catch (error) {
    process.stderr.write(
      `${NAME}: could not start: ${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
    return;
  }
  process.stdout.write(`${NAME} listening on ${running.url}\n`);

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

function isDirectory(/** @type {string} */ path) {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
