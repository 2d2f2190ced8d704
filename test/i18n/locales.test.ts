import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import { shippedLanguages } from '../../src/i18n/locales/index.js';
import { messages as ar } from '../../src/i18n/locales/ar.js';
import { messages as de } from '../../src/i18n/locales/de.js';
import { messages as es } from '../../src/i18n/locales/es.js';
import { messages as fr } from '../../src/i18n/locales/fr.js';
import { messages as pl } from '../../src/i18n/locales/pl.js';
import { messages as pt } from '../../src/i18n/locales/pt.js';
import { messages as uk } from '../../src/i18n/locales/uk.js';
import type { Messages } from '../../src/i18n/messages.js';
import type { RecoveryComments } from '../../src/recovery-comments.js';
import { composerOf, freshStore, mount, root, wrapperOf } from '../helpers/dom.js';
import { published, seed, server, uniqueThread, type SeedComment } from '../helpers/server.js';

/** Every locale shipped besides English, with the catalog the element should end up speaking. */
const LOCALES: Record<string, Messages> = { ar, de, es, fr, pl, pt, uk };

const TITLE = 'Ninety Quiet Days';
/** Replies under the anonymous comment: enough for a long list of replies. */
const LONG_LIST = 11;
const LIST_NAMES = Array.from({ length: LONG_LIST }, (_, i) => `Reader ${i + 1}`);
/** Every author name the thread shows, the anonymous one aside. */
const NAMES = ['Rowan', 'Sam', 'Mira', ...LIST_NAMES];
const TOTAL = 4 + LONG_LIST;

/**
 * A top-level comment whose author has a website, a reply to it, a reply to the reply (shown
 * beside it with "in reply to" at max-depth 2), and an anonymous comment with a long list of
 * replies. No body, name or title holds a word of the English catalog.
 */
function threadComments(): SeedComment[] {
  return [
    {
      ...published('a', null, 'Rowan', 'Thank you for this.', 60),
      author: { name: 'Rowan', url: 'https://rowan.example.org/' },
    },
    published('b', 'a', 'Sam', 'Same here.', 50),
    published('c', 'b', 'Mira', 'Holding on.', 40),
    { ...published('d', null, '', 'One day at a time.', 30), author: { name: '', url: null } },
    ...LIST_NAMES.map((name, i) => published(`l${i}`, 'd', name, 'Me too.', 20 - i)),
  ];
}

async function seededThread(name: string): Promise<string> {
  const thread = uniqueThread(name);
  await seed(thread, threadComments());
  return thread;
}

type FunctionKey = {
  [K in keyof Messages]: Messages[K] extends (...args: never[]) => string ? K : never;
}[keyof Messages];
type Args<K extends FunctionKey> = Messages[K] extends (...args: infer A) => string ? A : never;

const COUNTS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, TOTAL, 30];
const counts = () => COUNTS.map((count): [number] => [count]);
/** The names as the element shows them in a locale: the anonymous author by the locale's word. */
const names = (m: Messages) => [...NAMES, m.anonymous].map((name): [string] => [name]);

/**
 * Sample arguments for every message that is a function, the same for English and the locale
 * except for the words a locale supplies itself (the anonymous author's name).
 */
const SAMPLES: { [K in FunctionKey]: (m: Messages) => Args<K>[] } = {
  heading: () => COUNTS.map((count) => [count, TITLE]),
  headingNoTitle: counts,
  skipped: counts,
  replyTo: names,
  inReplyTo: names,
  showMoreReplies: counts,
  commentLabel: (m) => names(m).map(([name]) => [name, 'DATE']),
  leaveReplyTo: names,
  errorSummary: counts,
  errorServer: () => [[500], [503]],
  errorBlocked: () => [['https://comments.example.org']],
  rateLimited: () => [[null], [1], [30]],
  configBadEndpoint: () => [['EXAMPLE']],
  configUnknownBackend: () => [['EXAMPLE']],
  couldNotSend: () => [['EXAMPLE']],
  draftSaved: () => [['12:00']],
  shownAsOf: () => [
    ['1 December 2026, 12:00', true],
    ['1 December 2026, 12:00', false],
  ],
  draftKept: names,
  charactersLeft: counts,
  charactersOver: counts,
};

const squash = (value: string) => value.replace(/\s+/g, ' ').trim();

/** Every string of a catalog: plain strings, and the functions called with the sample arguments. */
function catalogStrings(m: Messages): Map<string, { text: string; args: unknown[] }> {
  const strings = new Map<string, { text: string; args: unknown[] }>();
  for (const key of Object.keys(en) as (keyof Messages)[]) {
    const value = m[key];
    if (typeof value === 'string') {
      strings.set(key, { text: value, args: [] });
      continue;
    }
    const samples = (SAMPLES as Record<string, ((m: Messages) => unknown[][]) | undefined>)[key];
    if (!samples) throw new Error(`no sample arguments for the message "${key}"`);
    samples(m).forEach((args, i) => {
      strings.set(`${key}#${i}`, { text: (value as (...args: unknown[]) => string)(...args), args });
    });
  }
  return strings;
}

/** Whether a string is only what was put into it (names, dates): user content, not catalog words. */
function onlyArguments(text: string, args: unknown[]): boolean {
  let rest = text;
  for (const arg of args) {
    if (arg === null) continue;
    for (const shown of typeof arg === 'number' ? [String(arg), arg.toLocaleString('en')] : [String(arg)]) {
      rest = rest.split(shown).join('');
    }
  }
  return !/\p{L}/u.test(rest);
}

/** The English strings a page in this locale must not show: those the locale words differently. */
function englishLeftovers(m: Messages): string[] {
  const english = catalogStrings(en);
  const local = catalogStrings(m);
  const leftovers: string[] = [];
  for (const [key, { text, args }] of english) {
    if (onlyArguments(text, args)) continue;
    if (squash(text) === squash(local.get(key)!.text)) continue;
    leftovers.push(squash(text));
  }
  return leftovers;
}

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Whether `needle` appears in `haystack` as whole words ("Comment" is not in "Commentaire"). */
const containsWords = (haystack: string, needle: string) =>
  new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle)}(?![\\p{L}\\p{N}])`, 'u').test(haystack);

const ATTRIBUTES = ['aria-label', 'aria-description', 'title', 'placeholder', 'alt'];

/** Every text node and every accessible-name attribute of a shadow root, space-separated. */
function textOf(shadow: ShadowRoot): string {
  const parts: string[] = [];
  const walker = document.createTreeWalker(shadow, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement?.closest('style, script')) continue;
    parts.push(node.textContent ?? '');
  }
  for (const element of shadow.querySelectorAll('*')) {
    for (const name of ATTRIBUTES) {
      const value = element.getAttribute(name);
      if (value) parts.push(value);
    }
  }
  return squash(parts.join(' '));
}

/** What the reader sees and hears of the section and its form. */
const collectText = (element: RecoveryComments) =>
  `${textOf(root(element))} ${textOf(composerOf(element).shadowRoot!)}`;

const headingOf = (element: RecoveryComments) =>
  root(element).querySelector('[part="heading"]')!.textContent!.trim();
const sectionOf = (element: RecoveryComments) => root(element).querySelector('section')!;
const inComposer = (element: RecoveryComments, selector: string) =>
  composerOf(element).shadowRoot!.querySelector<HTMLElement>(selector);
const shown = (node: Element | null) => squash(node?.textContent ?? '');

async function speaks(element: RecoveryComments, m: Messages, lang: string): Promise<void> {
  await waitUntil(
    () => headingOf(element) === m.heading(TOTAL, TITLE),
    `the ${lang} messages never arrived`,
    { timeout: 5000 },
  );
  await element.updateComplete;
}

describe('<recovery-comments> in every shipped locale', () => {
  it('ships a catalog for every locale the loader knows, and this test covers each', () => {
    expect(shippedLanguages().sort()).to.deep.equal(['en', ...Object.keys(LOCALES)].sort());
  });

  for (const [lang, m] of Object.entries(LOCALES)) {
    it(`${lang}: shows no English, counts and names in the locale's words`, async () => {
      const thread = await seededThread(`i18n-${lang}`);
      const element = await mount({ endpoint: (await server()).endpoint, thread, title: TITLE, maxDepth: 2 });
      element.setAttribute('lang', lang);
      await speaks(element, m, lang);
      expect(headingOf(element)).to.equal(m.heading(TOTAL, TITLE));
      expect(sectionOf(element).getAttribute('lang')).to.equal(lang);

      // The thread: author line, Reply buttons and their names, the reply shown beside its parent.
      const first = wrapperOf(element, 'a')!;
      // "says:" follows the author's name in the author line.
      expect(shown(first.querySelector(':scope > article .meta'))).to.contain(
        `${squash(first.querySelector('[part="author"]')!.textContent!)} ${squash(m.says)}`,
      );
      const replyButton = first.querySelector<HTMLButtonElement>(':scope > article [part="reply-button"]')!;
      expect(shown(replyButton)).to.equal(squash(m.reply));
      expect(replyButton.getAttribute('aria-label')).to.equal(m.replyTo('Rowan'));
      expect(shown(wrapperOf(element, 'c')!.querySelector('[part="context"]'))).to.equal(
        squash(m.inReplyTo('Sam')),
      );
      expect(shown(wrapperOf(element, 'd')!.querySelector(':scope > article [part="author"]'))).to.equal(
        squash(m.anonymous),
      );

      // The form under Rowan's comment, sent empty: the errors.
      replyButton.click();
      await element.updateComplete;
      await waitUntil(
        () => shown(inComposer(element, '[part="composer-heading"]')) === squash(m.leaveReplyTo('Rowan')),
        'the form never opened',
      );
      inComposer(element, '[part="submit-button"]')!.click();
      await waitUntil(() => inComposer(element, '[part="form-error"]'), 'the errors never showed');
      await composerOf(element).updateComplete;
      expect(shown(inComposer(element, '[part="form-error"]'))).to.equal(squash(m.errorSummary(2)));
      const fieldErrors = [...composerOf(element).shadowRoot!.querySelectorAll('[part="field-error"]')].map(
        shown,
      );
      expect(fieldErrors).to.deep.equal([squash(m.errorBodyRequired), squash(m.errorNameRequired)]);
      expect(shown(inComposer(element, '[part="submit-button"]'))).to.equal(squash(m.postComment));
      expect(shown(inComposer(element, 'label[for="body"]'))).to.equal(`${squash(m.fieldComment)} *`);
      expect(m.requiredNote).to.contain('*');

      const replying = collectText(element);
      for (const expected of [
        m.cancelReply,
        m.requiredNote,
        m.emailNote,
        m.fieldName,
        m.fieldEmail,
        m.fieldWebsite,
        m.rememberMe,
        m.honeypot,
      ]) {
        expect(replying).to.contain(squash(expected));
      }

      // And the form back under the thread.
      inComposer(element, '[part="cancel-button"]')!.click();
      await waitUntil(
        () => shown(inComposer(element, '[part="composer-heading"]')) === squash(m.leaveReply),
        'the form never went back',
      );
      const underThread = collectText(element);

      const leftovers = englishLeftovers(m);
      expect(leftovers)
        .to.include(squash(en.reply))
        .and.to.include(squash(en.errorSummary(2)));
      for (const [state, text] of [
        ['replying', replying],
        ['under the thread', underThread],
      ]) {
        const found = leftovers.filter((english) => containsWords(text, english));
        expect(found, `English left in ${lang} (${state})`).to.deep.equal([]);
      }
    });
  }

  it('ar: the section is right-to-left, and replies are indented from the right', async () => {
    const thread = await seededThread('i18n-rtl');
    const element = await mount({ endpoint: (await server()).endpoint, thread, title: TITLE, maxDepth: 2 });
    element.setAttribute('lang', 'ar');
    await speaks(element, ar, 'ar');
    const section = sectionOf(element);
    expect(section.getAttribute('dir')).to.equal('rtl');
    expect(section.getAttribute('lang')).to.equal('ar');
    expect(getComputedStyle(section).direction).to.equal('rtl');

    const replies = wrapperOf(element, 'a')!.querySelector<HTMLElement>(
      ':scope > .replies, :scope > [part="replies"]',
    )!;
    const style = getComputedStyle(replies);
    expect(parseFloat(style.paddingRight) + parseFloat(style.borderRightWidth)).to.be.greaterThan(0);
    expect(style.paddingLeft).to.equal('0px');
    expect(style.borderLeftWidth).to.equal('0px');
    // On screen: the reply starts further left than its parent, and ends where it does on the left.
    const parent = wrapperOf(element, 'a')!.querySelector(':scope > article')!.getBoundingClientRect();
    const reply = wrapperOf(element, 'b')!.querySelector(':scope > article')!.getBoundingClientRect();
    expect(reply.right).to.be.lessThan(parent.right - 1);
    expect(reply.left).to.be.closeTo(parent.left, 1);

    // The same list in a left-to-right locale is indented on the left.
    element.setAttribute('lang', 'de');
    await speaks(element, de, 'de');
    expect(sectionOf(element).getAttribute('dir')).to.equal('ltr');
    const ltr = getComputedStyle(
      wrapperOf(element, 'a')!.querySelector<HTMLElement>(':scope > [part="replies"]')!,
    );
    expect(parseFloat(ltr.paddingLeft)).to.be.greaterThan(0);
    expect(ltr.paddingRight).to.equal('0px');
  });

  it('picks Polish for lang="pl-PL" on an ancestor', async () => {
    const thread = await seededThread('i18n-region');
    const { endpoint } = await server();
    const wrapper = await fixture<HTMLDivElement>(html`<div lang="pl-PL">
      <recovery-comments endpoint=${endpoint} thread=${thread} thread-title=${TITLE} max-depth="2" .storage=${freshStore()}></recovery-comments>
    </div>`);
    const element = wrapper.querySelector('recovery-comments')!;
    await speaks(element, pl, 'pl-PL');
    expect(headingOf(element)).to.equal(pl.heading(TOTAL, TITLE));
    expect(sectionOf(element).getAttribute('lang')).to.equal('pl-PL');
  });

  it('stays English for an unknown language', async () => {
    const thread = await seededThread('i18n-unknown');
    const element = await mount({ endpoint: (await server()).endpoint, thread, title: TITLE, maxDepth: 2 });
    element.setAttribute('lang', 'xx');
    await element.updateComplete;
    await new Promise((resolve) => setTimeout(resolve, 200));
    await element.updateComplete;
    expect(headingOf(element)).to.equal(en.heading(TOTAL, TITLE));
    expect(sectionOf(element).getAttribute('lang')).to.equal('en');
    expect(sectionOf(element).getAttribute('dir')).to.equal('ltr');

    // From another locale, too: back to English rather than keeping the last one.
    element.setAttribute('lang', 'de');
    await speaks(element, de, 'de');
    element.setAttribute('lang', 'xx');
    await waitUntil(() => headingOf(element) === en.heading(TOTAL, TITLE), 'never went back to English');
    expect(sectionOf(element).getAttribute('lang')).to.equal('en');
  });

  it('follows the lang property set from script, not only the attribute', async () => {
    const thread = await seededThread('i18n-property');
    const element = await mount({ endpoint: (await server()).endpoint, thread, title: TITLE, maxDepth: 2 });
    element.lang = 'de';
    await speaks(element, de, 'de');
    expect(element.getAttribute('lang')).to.equal('de');
  });

  it('writes dates the way the locale does', async () => {
    const thread = await seededThread('i18n-dates');
    const element = await mount({ endpoint: (await server()).endpoint, thread, title: TITLE, maxDepth: 2 });
    element.setAttribute('lang', 'en');
    await waitUntil(
      () => sectionOf(element).getAttribute('lang') === 'en',
      'never switched to plain English',
    );
    await element.updateComplete;
    const time = () => wrapperOf(element, 'a')!.querySelector('time')!;
    const english = time().textContent!.trim();
    const dateTime = time().dateTime;

    element.setAttribute('lang', 'de');
    await speaks(element, de, 'de');
    expect(time().dateTime).to.equal(dateTime);
    const german = time().textContent!.trim();
    expect(german).to.not.equal('');
    expect(german).to.not.equal(english);
    // "25. November 2026 um 21:33": German puts a full stop after the day.
    expect(german).to.match(/\d\.\s/);
  });
});
