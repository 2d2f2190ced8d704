// @ts-check
// Versioned schema migrations: numbered SQL files per engine (migrations/<engine>/NNN-name.sql),
// applied in order, each once, recorded in the schema_migrations table. The engines run them
// (inside one transaction, under a lock, so two instances starting at once apply each migration
// exactly once); this module only reads the files and decides what is left to do.
import { readdirSync, readFileSync } from 'node:fs';

/** @typedef {{ version: number, name: string, sql: string }} Migration */

const FILE_NAME = /^(\d{3,})-([a-z0-9][a-z0-9-]*)\.sql$/;

/** The table that records applied migrations, the same in both engines. */
export const MIGRATIONS_TABLE = 'schema_migrations';

/**
 * Reads an engine's migrations in order. Throws for a file that is not NNN-name.sql or for two
 * files with the same number, so a bad merge stops the server instead of skipping a migration.
 * @param {'sqlite' | 'postgres'} engine
 * @returns {Migration[]}
 */
export function loadMigrations(engine) {
  const dir = new URL(`./migrations/${engine}/`, import.meta.url);
  return parseMigrationFiles(
    readdirSync(dir).map((file) => ({ file, read: () => readFileSync(new URL(file, dir), 'utf8') })),
  );
}

/**
 * The pure part of loadMigrations.
 * @param {{ file: string, read: () => string }[]} files
 * @returns {Migration[]}
 */
export function parseMigrationFiles(files) {
  /** @type {Map<number, Migration>} */
  const byVersion = new Map();
  for (const { file, read } of files) {
    const match = FILE_NAME.exec(file);
    if (match === null) {
      throw new Error(`Migration file ${file}: the name must be NNN-name.sql (e.g. 002-sessions.sql).`);
    }
    const version = Number(match[1]);
    const clash = byVersion.get(version);
    if (clash !== undefined) {
      throw new Error(`Two migrations are numbered ${version}: ${clash.name} and ${match[2]}. Renumber one.`);
    }
    byVersion.set(version, { version, name: match[2], sql: read() });
  }
  return [...byVersion.values()].sort((a, b) => a.version - b.version);
}

/**
 * The migrations still to apply, given the versions already recorded. Throws when the database
 * records a version this code does not have: a newer release wrote it, and running older code on
 * it could break it.
 * @param {Migration[]} migrations
 * @param {Iterable<number>} applied
 * @param {string} location the database, for the message
 */
export function pendingMigrations(migrations, applied, location) {
  const known = new Set(migrations.map((migration) => migration.version));
  const done = new Set(applied);
  for (const version of done) {
    if (!known.has(version)) {
      throw new Error(
        `The database ${location} was written by a newer version of recovery-comments-server ` +
          `(it has schema migration ${version}, which this version does not know).`,
      );
    }
  }
  return migrations.filter((migration) => !done.has(migration.version));
}
