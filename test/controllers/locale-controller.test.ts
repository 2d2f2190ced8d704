import { expect, waitUntil } from '@open-wc/testing';
import { LocaleController } from '../../src/controllers/locale-controller.js';
import { en } from '../../src/i18n/en.js';
import { enThread } from '../../src/i18n/en-thread.js';
import { enWriting } from '../../src/i18n/en-writing.js';
import { FakeHost } from './fake-host.js';

describe('LocaleController', () => {
  it('speaks English at once, with the owner overrides on top', () => {
    let changes = 0;
    const locale = new LocaleController(new FakeHost(), () => changes++);
    locale.use('en-GB', { postComment: 'Send' });
    expect(locale.locale).to.equal('en-GB');
    expect(locale.text.postComment).to.equal('Send');
    expect(locale.text.reply).to.equal(en.reply);
    expect(changes).to.equal(1);
  });

  it('switches to a shipped locale once its file is in, with its direction', async () => {
    const host = new FakeHost();
    const locale = new LocaleController(host, () => {});
    locale.use('ar', {});
    // The thread's English until then (the form's comes with the writing side).
    expect(locale.text).to.deep.equal(enThread);
    await waitUntil(() => locale.locale === 'ar', 'the Arabic file never arrived');
    expect(locale.text.reply).to.not.equal(en.reply);
    expect(locale.dir).to.equal('rtl');
    expect(host.updates).to.be.greaterThan(0);
  });

  it("adds the form's English when the writing side brings it, under the locale's words and the owner's", async () => {
    let changes = 0;
    const locale = new LocaleController(new FakeHost(), () => changes++);
    locale.use('en', { cancelReply: 'Never mind' });
    expect(locale.text.postComment).to.equal(undefined);
    locale.addEnglish(enWriting);
    expect(locale.text).to.deep.equal({ ...en, cancelReply: 'Never mind' });
    expect(changes).to.equal(2);
    locale.use('de', {});
    await waitUntil(() => locale.locale === 'de', 'the German file never arrived');
    expect(locale.text.postComment).to.not.equal(en.postComment);
  });

  it('never lets a slow locale replace one asked for later', async () => {
    const locale = new LocaleController(new FakeHost(), () => {});
    locale.use('de', {});
    locale.use('en', {});
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(locale.locale).to.equal('en');
    expect(locale.text.reply).to.equal(en.reply);
  });

  it('keeps the locale but takes new overrides', async () => {
    const locale = new LocaleController(new FakeHost(), () => {});
    locale.use('de', {});
    await waitUntil(() => locale.locale === 'de');
    locale.use('de', { reply: 'Antworten!' });
    expect(locale.text.reply).to.equal('Antworten!');
    expect(locale.text.postComment).to.not.equal(en.postComment);
  });

  it('falls back to English for an unknown language, and formats dates in the locale', async () => {
    const locale = new LocaleController(new FakeHost(), () => {});
    locale.use('xx-unknown', {});
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(locale.locale).to.equal('en');
    expect(locale.formatDate('2026-03-01T12:00:00Z')).to.contain('2026');
    expect(locale.formatDate('not a date')).to.equal('not a date');
  });

  it("writes English dates as Intl does, and other locales' with Intl", async () => {
    const iso = '2026-03-01T12:00:00Z';
    const format = (tag: string) =>
      new Intl.DateTimeFormat(tag, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
    const locale = new LocaleController(new FakeHost(), () => {});
    locale.use('en-US', {});
    expect(locale.formatDate(iso)).to.equal(format('en-US'));
    locale.use('en-GB', {});
    expect(locale.formatDate(iso)).to.equal(format('en-GB'));
    locale.use('de', {});
    await waitUntil(() => locale.locale === 'de');
    expect(locale.formatDate(iso)).to.equal(format('de'));
    expect(locale.formatDate('0999-06-01T12:00:00Z')).to.equal(
      new Intl.DateTimeFormat('de', { dateStyle: 'long', timeStyle: 'short' }).format(
        new Date('0999-06-01T12:00:00Z'),
      ),
    );
  });

  it('makes no Intl date format for English (its first costs Chromium 20-130 ms), one for others', async () => {
    const made: string[] = [];
    const Original = Intl.DateTimeFormat;
    // Counts every format made while the controller writes dates; each still works as Intl's.
    const counting = function (this: unknown, ...args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
      made.push(String(args[0]));
      return new Original(...args);
    } as unknown as typeof Intl.DateTimeFormat;
    Intl.DateTimeFormat = counting;
    try {
      const locale = new LocaleController(new FakeHost(), () => {});
      locale.use('en', {});
      locale.prepareDates();
      locale.formatDate('2026-03-01T12:00:00Z');
      expect(made, 'English dates made an Intl format').to.deep.equal([]);
      locale.use('de', {});
      await waitUntil(() => locale.locale === 'de');
      locale.prepareDates();
      locale.formatDate('2026-03-01T12:00:00Z');
      locale.formatDate('2026-03-02T12:00:00Z');
      // One, made once and reused: a format per date would cost each date the set-up.
      expect(made, 'German dates: one Intl format').to.deep.equal(['de']);
    } finally {
      Intl.DateTimeFormat = Original;
    }
  });
});
