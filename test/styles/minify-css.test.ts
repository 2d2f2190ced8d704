import { expect } from '@open-wc/testing';
import { minifyCss } from '../../scripts/minify-css.js';

/** The CSS text of each `sheet(`…`)` call in a style module, as the test server serves it. */
async function sheetsIn(module: string): Promise<string[]> {
  const source = await (await fetch(`/src/styles/${module}.ts`)).text();
  return [...source.matchAll(/sheet\(`([^`]*)`\)/g)].map((match) => match[1]!);
}

/** Every rule as the browser parsed it, nested rules included. */
function parsed(css: string): string[] {
  const made = new CSSStyleSheet();
  made.replaceSync(css);
  return [...made.cssRules].map((rule) => rule.cssText);
}

/**
 * Chromium keeps a value with var() (and a custom property's) as written: this undoes in such
 * text what minifying may change there, and nothing else, so any other difference shows.
 */
const asMinified = (text: string) =>
  text
    .replace(/\s*([,*])\s*/g, '$1')
    .replace(/\s+!important/g, '!important')
    .replace(/([\s:(,*])0\.(\d)/g, '$1.$2');

describe('minifying the styles (scripts/minify-css.js)', () => {
  for (const module of ['tokens', 'thread', 'composer', 'own-comments', 'field-tokens']) {
    it(`src/styles/${module}.ts: every rule parses as before, and the text is shorter`, async () => {
      const sheets = await sheetsIn(module);
      expect(sheets).to.have.length(1);
      for (const css of sheets) {
        const minified = minifyCss(css);
        const before = parsed(css);
        expect(before.length).to.be.greaterThan(0);
        expect(parsed(minified).map(asMinified)).to.deep.equal(before.map(asMinified));
        // A sheet of two declarations has little but its indentation to lose.
        expect(minified.length).to.be.lessThan(css.length * (before.length > 1 ? 0.8 : 0.95));
        expect(minified).not.to.match(/\/\*|\n/);
      }
    });
  }

  it('keeps the spaces that mean something: descendant combinators and media query words', () => {
    const css = `:host([theme='dark']) section > p,
      a b { margin: 0.5em calc(var(--x) * 0.25) }
      @media (prefers-reduced-motion: reduce) and (min-width: 10.5em) { * { color: red !important; } }`;
    expect(minifyCss(css)).to.equal(
      ':host([theme=dark]) section>p,a b{margin:.5em calc(var(--x)*.25)}' +
        '@media (prefers-reduced-motion:reduce) and (min-width:10.5em){*{color:red!important}}',
    );
    expect(parsed(minifyCss(css)).map(asMinified)).to.deep.equal(parsed(css).map(asMinified));
  });
});
