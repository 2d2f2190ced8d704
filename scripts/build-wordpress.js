// @ts-check
// Run after `vite build`: puts the element's bundle and its locales inside the WordPress plugin
// (so wordpress/recovery-comments/, copied into wp-content/plugins/, is complete) and writes
// dist/recovery-comments-wordpress.zip for "Plugins → Add New → Upload Plugin".
import { zipSync } from 'fflate';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const PLUGIN = path.join(ROOT, 'wordpress', 'recovery-comments');
/** Build output inside the plugin (gitignored): the ES bundle and the locale chunks it imports. */
const PLUGIN_BUILD = path.join(PLUGIN, 'build');
const ZIP = path.join(DIST, 'recovery-comments-wordpress.zip');

const bundle = path.join(DIST, 'recovery-comments.js');
if (!existsSync(bundle)) {
  console.error(`build-wordpress: ${path.relative(ROOT, bundle)} is missing; run vite build first.`);
  process.exit(1);
}

rmSync(PLUGIN_BUILD, { recursive: true, force: true });
mkdirSync(PLUGIN_BUILD, { recursive: true });
// Source maps stay out: a blog serves what readers download, and maps only help us.
cpSync(bundle, path.join(PLUGIN_BUILD, 'recovery-comments.js'));
const locales = path.join(DIST, 'locales');
if (existsSync(locales)) {
  cpSync(locales, path.join(PLUGIN_BUILD, 'locales'), {
    recursive: true,
    filter: (source) => !source.endsWith('.map'),
  });
}

/** @type {Record<string, Uint8Array>} */
const entries = {};
for (const file of listFiles(PLUGIN)) {
  const inZip = `recovery-comments/${path.relative(PLUGIN, file).split(path.sep).join('/')}`;
  entries[inZip] = readFileSync(file);
}
// A fixed date keeps the zip byte-identical between builds of the same sources.
writeFileSync(ZIP, zipSync(entries, { level: 9, mtime: new Date('2026-01-01T00:00:00Z') }));
console.log(
  `build-wordpress: ${path.relative(ROOT, ZIP)}: ${Object.keys(entries).length} files, ${statSync(ZIP).size} B`,
);

/**
 * Every file under `dir`, sorted, so the zip lists them in a stable order.
 * @param {string} dir
 * @returns {string[]}
 */
function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      return entry.isDirectory() ? listFiles(full) : [full];
    });
}
