// @ts-check
// The built bundle and its locale chunks (run `npm run build` first): English readers download
// none of the translations, not even their loaders, and every shipped locale is one chunk of its
// own, loaded on demand by the loaders' chunk (src/i18n/locales/index.ts).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { before, describe, it } from 'node:test';

const BUNDLE = 'dist/recovery-comments.js';
const CHUNKS = 'dist/locales';
const SOURCES = 'src/i18n/locales';
/** The loaders of the locales, their own chunk (`locales/locales-….js`): only other languages load it. */
const LOADERS_SOURCE = `${SOURCES}/index.ts`;
const LOADERS_CHUNK = /^locales-[\w-]+\.js$/;

/** The locales shipped besides English: one source file each. */
const shipped = readdirSync(SOURCES)
  .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
  .map((file) => file.slice(0, -'.ts'.length))
  .sort();

/**
 * The plain translated strings of a locale's source: property values written as one
 * single-quoted literal without escapes, long enough to be distinctive, and not English.
 * @param {string} lang
 * @param {string} english the English catalog's source
 */
function translatedStrings(lang, english) {
  const source = readFileSync(`${SOURCES}/${lang}.ts`, 'utf8');
  return [...source.matchAll(/^\s+\w+: '([^'\\\n]*)',$/gm)]
    .map((match) => /** @type {string} */ (match[1]))
    .filter((text) => text.length >= 12 && !english.includes(text));
}

/** @param {string} lang */
const chunkFileOf = (lang) =>
  readdirSync(CHUNKS).find((file) => file.startsWith(`${lang}-`) && file.endsWith('.js'));

describe('the built bundle and its locale chunks', () => {
  /** @type {string} */
  let bundle;
  /** @type {string} */
  let english;

  before(() => {
    assert.ok(existsSync(BUNDLE) && existsSync(CHUNKS), 'run `npm run build` first');
    bundle = readFileSync(BUNDLE, 'utf8');
    english = readFileSync('src/i18n/en.ts', 'utf8');
  });

  it('ships the locales the loader knows', () => {
    const loaders = readFileSync(LOADERS_SOURCE, 'utf8');
    const known = [...loaders.matchAll(/^\s+(\w+): \(\) => import\('\.\/(\w+)\.js'\)/gm)].map((match) => {
      assert.equal(match[1], match[2], `the loader for ${match[1]} imports ${match[2]}`);
      return /** @type {string} */ (match[1]);
    });
    assert.deepEqual(known.sort(), shipped);
    assert.ok(shipped.length >= 7, `only ${shipped.length} locales found`);
  });

  it('has exactly one chunk per shipped locale in dist/locales/, each loaded on demand by the loaders, which the bundle loads on demand', () => {
    const all = readdirSync(CHUNKS).filter((file) => file.endsWith('.js'));
    const loadersFile = all.find((file) => LOADERS_CHUNK.test(file));
    assert.ok(loadersFile, `no loaders chunk in ${CHUNKS}: ${all.join(', ')}`);
    assert.ok(bundle.includes(`./locales/${loadersFile}`), `${BUNDLE} never loads ${loadersFile}`);
    const loaders = readFileSync(`${CHUNKS}/${loadersFile}`, 'utf8');
    const chunks = all.filter((file) => file !== loadersFile);
    const langs = chunks.map((file) => /^([a-z]{2,3})-[\w-]+\.js$/.exec(file)?.[1] ?? file).sort();
    assert.deepEqual(langs, shipped, `chunks: ${chunks.join(', ')}`);
    for (const file of chunks) {
      assert.ok(loaders.includes(`./${file}`), `${loadersFile} never loads ${file}`);
      // English readers download not even the name of a translation's file.
      assert.ok(!bundle.includes(file), `${BUNDLE} names ${file}`);
    }
  });

  for (const lang of shipped) {
    it(`${lang}: the English bundle holds none of its translations`, () => {
      const file = chunkFileOf(lang);
      assert.ok(file, `no chunk for ${lang} in ${CHUNKS}`);
      const chunk = readFileSync(`${CHUNKS}/${file}`, 'utf8');
      const strings = translatedStrings(lang, english);
      assert.ok(
        strings.length >= 10,
        `only ${strings.length} distinctive strings found in ${SOURCES}/${lang}.ts`,
      );
      for (const text of strings) {
        // Found in its own chunk, so the search itself is sound…
        assert.ok(chunk.includes(text), `${file} does not contain ${JSON.stringify(text)}`);
        // …and absent from what every reader downloads.
        assert.ok(!bundle.includes(text), `${BUNDLE} contains the ${lang} string ${JSON.stringify(text)}`);
      }
      assert.doesNotMatch(
        bundle,
        new RegExp(`PluralRules\\(\\s*[\`'"]${lang}[\`'"]`),
        `${BUNDLE} builds the ${lang} plural rules`,
      );
    });
  }
});
