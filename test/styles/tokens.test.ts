import { expect } from '@open-wc/testing';
import { composerStyles } from '../../src/styles/composer.js';
import { ownCommentStyles } from '../../src/styles/own-comments.js';
import { threadStyles } from '../../src/styles/thread.js';
import { mount, root } from '../helpers/dom.js';
import { server, uniqueThread } from '../helpers/server.js';

/** The text of constructable sheets, as the browser parsed it. */
const cssOf = (styles: CSSStyleSheet[]) =>
  styles.flatMap((sheet) => [...sheet.cssRules].map((rule) => rule.cssText)).join('\n');

/** Private tokens defined (`--_x:`) and used (`var(--_x`) in a style sheet. */
function privateTokens(css: string) {
  const defined = new Set([...css.matchAll(/(--_[\w-]+)\s*:/g)].map((match) => match[1]!));
  const used = new Set([...css.matchAll(/var\(\s*(--_[\w-]+)/g)].map((match) => match[1]!));
  return { defined, used };
}

describe('design tokens', () => {
  for (const [name, styles] of [
    ['recovery-comments', threadStyles],
    // What the section's shadow root holds once the writing side has added the own comments' look.
    ['recovery-comments with the writing side', [...threadStyles, ownCommentStyles]],
    ['rc-composer', composerStyles],
  ] as const) {
    it(`${name}: no private token is used undefined or defined unused`, () => {
      const { defined, used } = privateTokens(cssOf(styles));
      expect(
        [...used].filter((token) => !defined.has(token)),
        'used but undefined',
      ).to.deep.equal([]);
      // Each shadow root reads the shared token block; a token unused in one may be used in the other.
      const everywhere = privateTokens(cssOf([...threadStyles, ownCommentStyles, ...composerStyles])).used;
      expect(
        [...defined].filter((token) => !everywhere.has(token)),
        'defined but unused',
      ).to.deep.equal([]);
      expect(defined.size).to.be.greaterThan(10);
    });
  }

  it('public tokens are read only into private ones on :host', () => {
    const css = cssOf([...threadStyles, ownCommentStyles, ...composerStyles]);
    const publicUses = [...css.matchAll(/var\(\s*(--rc-[\w-]+)/g)].map((match) => match[1]);
    expect(publicUses.length).to.be.greaterThan(10);
    // Every property that reads a --rc-* token defines a --_* one.
    for (const declaration of css.match(/[\w-]+\s*:[^;{}]*var\(\s*--rc-[^;{}]*/g) ?? []) {
      if (declaration.includes('max-inline-size')) continue; // --rc-max-width sizes the host itself.
      expect(declaration.trim(), declaration).to.match(/^--_/);
    }
  });

  it('setting a public --rc-* variable on the host changes the computed style inside', async () => {
    const element = await mount({ endpoint: (await server()).endpoint, thread: uniqueThread('tokens') });
    const heading = root(element).querySelector('h2')!;
    const field = element.shadowRoot!.querySelector('rc-composer')!.shadowRoot!.querySelector('textarea')!;
    const submit = element
      .shadowRoot!.querySelector('rc-composer')!
      .shadowRoot!.querySelector('[type="submit"]')!;
    element.style.setProperty('--rc-color-text', 'rgb(1, 2, 3)');
    element.style.setProperty('--rc-color-accent', 'rgb(200, 0, 100)');
    element.style.setProperty('--rc-radius', '17px');
    element.style.setProperty('--rc-font-family', 'monospace');
    expect(getComputedStyle(heading).color).to.equal('rgb(1, 2, 3)');
    expect(getComputedStyle(submit).backgroundColor).to.equal('rgb(200, 0, 100)');
    expect(getComputedStyle(field).borderTopLeftRadius).to.equal('17px');
    expect(getComputedStyle(heading).fontFamily).to.equal('monospace');
  });

  it('theme="dark" pins a dark scheme with its own colours', async () => {
    const element = await mount({ endpoint: (await server()).endpoint, thread: uniqueThread('theme') });
    element.theme = 'dark';
    await element.updateComplete;
    const section = root(element).querySelector('section')!;
    expect(getComputedStyle(element).colorScheme).to.equal('dark');
    expect(getComputedStyle(section).backgroundColor).to.equal('rgb(23, 24, 26)');
    expect(getComputedStyle(section).color).to.equal('rgb(232, 230, 227)');
  });
});
