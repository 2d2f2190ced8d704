// @ts-check
// A private PostgreSQL cluster for tests and benchmarks: Debian's server programs (installed by
// scripts/ensure-postgres.sh when missing), a data directory in a fresh temporary folder, on
// 127.0.0.1 and a free port, no system service involved. initdb refuses to run as root, so as
// root the programs run as the `postgres` user in a folder it owns.
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';

const run = promisify(execFile);
const ENSURE = fileURLToPath(new URL('../../scripts/ensure-postgres.sh', import.meta.url));

/** The PostgreSQL superuser the cluster is made with (trust authentication, loopback only). */
export const SUPERUSER = 'rc';

/**
 * @typedef {object} Cluster
 * @property {string} url superuser URL of the `postgres` database, e.g. postgres://rc@127.0.0.1:5433/postgres
 * @property {number} port
 * @property {string} bin the directory of initdb, pg_ctl, pg_dump, psql…
 * @property {(name: string) => string} urlOf the URL of another database of this cluster
 * @property {(args: string[]) => Promise<{ stdout: string, stderr: string }>} runTool runs bin/<args[0]> as the cluster's owner
 * @property {() => Promise<void>} stop fast shutdown: connections are closed, committed work is kept
 * @property {() => Promise<void>} start starts it again after stop, on the same port
 * @property {() => Promise<void>} destroy stops it and removes its folder
 */

/** A port nothing listens on right now. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Creates and starts a cluster.
 * @param {{ settings?: Record<string, string> }} [options] extra `postgres -c` settings
 * @returns {Promise<Cluster>}
 */
export async function startCluster(options = {}) {
  const bin = execFileSync('bash', [ENSURE], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  }).trim();
  const dir = mkdtempSync(join(tmpdir(), 'rc-postgres-'));
  const asRoot = process.getuid?.() === 0;
  /** @type {(program: string, args: string[]) => Promise<{ stdout: string, stderr: string }>} */
  const tool = (program, args) =>
    asRoot
      ? run('runuser', ['-u', 'postgres', '--', join(bin, program), ...args], { cwd: dir })
      : run(join(bin, program), args, { cwd: dir });
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  chmodSync(dir, 0o700);
  const data = join(dir, 'data');
  await tool('initdb', ['-D', data, '-A', 'trust', '-U', SUPERUSER, '-E', 'UTF8', '--no-sync']);

  const settings = {
    listen_addresses: '127.0.0.1',
    unix_socket_directories: dir,
    max_connections: '200',
    ...options.settings,
  };
  let port = 0;
  const start = async () => {
    const flags = Object.entries({ ...settings, port: String(port) })
      .map(([name, value]) => `-c ${name}=${value}`)
      .join(' ');
    await tool('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', flags, '-w', '-t', '60', 'start']);
  };
  // The port is free when probed; if something takes it before PostgreSQL does, try another.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    try {
      await start();
      break;
    } catch (error) {
      if (attempt >= 3) {
        rmSync(dir, { recursive: true, force: true });
        throw error;
      }
    }
  }
  const stop = async () => {
    await tool('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']);
  };
  const urlOf = (/** @type {string} */ name) =>
    `postgres://${SUPERUSER}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
  return {
    url: urlOf('postgres'),
    port,
    bin,
    urlOf,
    runTool: ([program, ...args]) => tool(program, args),
    stop,
    start,
    destroy: async () => {
      await stop().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
