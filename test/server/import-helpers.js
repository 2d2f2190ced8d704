// @ts-check
// Shared by the import tests: run the command in-process on a fresh database file, and read back
// everything it stored.
import { runImportCommand } from '../../server/import/command.js';
import { openStore } from '../../server/store.js';

/** A fixture of test/fixtures/, as a path. */
export const fixture = (/** @type {string} */ name) =>
  new URL(`../fixtures/${name}`, import.meta.url).pathname;

/**
 * Runs `import FORMAT FILE` and returns its exit code and output.
 * @param {'wordpress' | 'disqus'} format
 * @param {string} file
 * @param {string} db
 * @param {'link' | 'id'} [threadFrom]
 */
export async function runImport(format, file, db, threadFrom = 'link') {
  let out = '';
  let err = '';
  const code = await runImportCommand(
    { kind: 'import', format, file, db, threadFrom },
    { out: (text) => void (out += text), err: (text) => void (err += text) },
  );
  return { code, out, err };
}

/**
 * Every stored comment, oldest first, as moderators see it.
 * @param {string} db
 */
export async function storedComments(db) {
  const store = await openStore(db);
  try {
    const all = [];
    for (const status of /** @type {const} */ (['published', 'pending', 'rejected'])) {
      all.push(...(await store.listForModeration({ status, limit: 10_000 })));
    }
    return all.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  } finally {
    await store.close();
  }
}
