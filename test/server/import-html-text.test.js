// @ts-check
// Comment HTML to text: the importer's htmlparser2 version on the shared fixture list, and the
// browser's own tokenizer (src/model/wp-html.ts, compiled here with TypeScript) agreeing with it
// on those fixtures and on thousands of generated inputs.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import ts from 'typescript';
import { htmlToText } from '../../server/import/html-text.js';

/** @type {{ name: string, html: string, text: string }[]} */
const FIXTURES = JSON.parse(readFileSync(new URL('../fixtures/wp-html.json', import.meta.url), 'utf8'));

/** Compiles the browser module and what it imports into a temporary folder and loads it. */
async function loadBrowserConverter() {
  const dir = mkdtempSync(join(tmpdir(), 'rc-wp-html-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  for (const name of ['wp-html', 'parse', 'types']) {
    const source = readFileSync(new URL(`../../src/model/${name}.ts`, import.meta.url), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 },
    });
    writeFileSync(join(dir, `${name}.js`), outputText);
  }
  const module = await import(pathToFileURL(join(dir, 'wp-html.js')).href);
  return /** @type {(html: string) => string} */ (module.wpHtmlToText);
}

describe('htmlToText (importer)', () => {
  for (const fixture of FIXTURES) {
    test(fixture.name, () => {
      assert.equal(htmlToText(fixture.html), fixture.text);
    });
  }
});

describe('the browser tokenizer agrees with the importer', async () => {
  const wpHtmlToText = await loadBrowserConverter();

  test('on every fixture', () => {
    for (const fixture of FIXTURES) assert.equal(wpHtmlToText(fixture.html), fixture.text, fixture.name);
  });

  test('on generated comment HTML, hostile pieces included', () => {
    const tags = [
      'p',
      'br',
      'a',
      'em',
      'strong',
      'b',
      'code',
      'blockquote',
      'pre',
      'div',
      'span',
      'img',
      'script',
      'style',
      'svg',
      'math',
      'title',
      'textarea',
      'iframe',
      'h1',
      'q',
      'marquee',
      'x-y',
    ];
    const attribute = fc.tuple(
      fc.constantFrom('href', 'class', 'alt', 'onerror', 'title', 'HREF', 'src'),
      fc.constantFrom(
        '',
        '="https://example.org/a?b=1&amp;c=2"',
        "='javascript:alert(1)'",
        '=wp-smiley',
        '="wp-smiley"',
        '="🙂"',
        '=x',
        '="a > b"',
        '=" http://www.example.org "',
      ),
    );
    const piece = fc.oneof(
      fc
        .tuple(
          fc.constantFrom(...tags),
          fc.array(attribute, { maxLength: 3 }),
          fc.constantFrom('>', '/>', ' >'),
        )
        .map(
          ([name, attributes, end]) =>
            `<${name}${attributes.map(([key, value]) => ` ${key}${value}`).join('')}${end}`,
        ),
      fc.constantFrom(...tags).map((name) => `</${name}>`),
      fc.constantFrom(
        'text',
        ' ',
        '  ',
        '\n',
        '\n\n',
        '\r\n',
        '\t',
        'https://example.org/x',
        'www.example.org',
        '&amp;',
        '&lt;',
        '&#8217;',
        '&#x1F600;',
        '&nbsp;',
        '&hellip;',
        '&bogus;',
        '&',
        '<',
        '< ',
        '>',
        '<!-- c -->',
        '<![CDATA[x<y]]>',
        '</ p>',
        '1 < 2',
        '🙂',
        'é',
      ),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const html = pieces.join('');
        assert.equal(wpHtmlToText(html), htmlToText(html), JSON.stringify(html));
      }),
      { numRuns: Number(process.env.RC_RUNS ?? 3000) },
    );
  });
});
