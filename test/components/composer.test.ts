import { expect, waitUntil } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import { MAX_BODY_LENGTH } from '../../src/model/validate.js';
import type { RecoveryComments } from '../../src/recovery-comments.js';
import { button, composerOf, field, fill, labelOf, mount } from '../helpers/dom.js';
import { published, seed, server, uniqueThread } from '../helpers/server.js';

/** Counts the writes to a control's `value` (a write, even of the same text, is what moves a caret) or `checked`. */
function countWrites(
  control: HTMLInputElement | HTMLTextAreaElement,
  property: 'value' | 'checked' = 'value',
): { count: number } {
  const { get, set } = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(control), property)!;
  const writes = { count: 0 };
  Object.defineProperty(control, property, {
    configurable: true,
    get() {
      return get!.call(this);
    },
    set(value: unknown) {
      writes.count++;
      set!.call(this, value);
    },
  });
  return writes;
}

/** The form's rows as kinds, in order: each child of the form by its part, class or tag. */
const rows = (element: RecoveryComments): string[] =>
  [...composerOf(element).shadowRoot!.querySelector('form')!.children].map(
    (child) => child.getAttribute('part') ?? (child.className || child.localName),
  );

/** A field's own nodes, in order: label, control, note, error. */
const fieldNodes = (element: RecoveryComments, name: string): string[] =>
  [...field(element, name).parentElement!.children].map((child) => child.id || child.localName);

/** The controls of the form, to check that none is made again. */
const controls = (element: RecoveryComments) =>
  ['body', 'name', 'email', 'url', 'hp'].map((name) => field(element, name));

const STATIC = { name: '', email: '', url: '' };

describe('<rc-composer> as plain DOM', () => {
  it('writes a field only when the form holds other text: typing and its caret stay, a load or a hand-back replaces it', async () => {
    const element = await mount({ endpoint: (await server()).endpoint, thread: uniqueThread('values') });
    const form = composerOf(element);
    const body = field(element, 'body');
    const writes = countWrites(body);
    // The other fields and the checkbox: a write there would move their caret or undo a tick.
    const others = [
      ...['name', 'email', 'url'].map((name) => [name, countWrites(field(element, name))] as const),
      [
        'remember',
        countWrites(form.shadowRoot!.querySelector<HTMLInputElement>('#remember')!, 'checked'),
      ] as const,
    ];
    fill(element, 'body', 'Half a sentence');
    fill(element, 'name', 'Sam');
    writes.count = 0;
    for (const [, counted] of others) counted.count = 0;
    body.focus();
    body.setSelectionRange(2, 6);
    // Updates of every kind: an error elsewhere, the draft's status, more typing in another field.
    form.showError('Not that name.', 'name');
    await form.updateComplete;
    form.draftStatus = { kind: 'memory-only' };
    await form.updateComplete;
    fill(element, 'url', 'https://example.org');
    await form.updateComplete;
    expect(writes.count, 'writes to the text being typed').to.equal(0);
    // The website's one write is the test's own typing (`fill`); the form wrote none.
    for (const [name, counted] of others)
      expect(counted.count, `writes to ${name}`).to.equal(name === 'url' ? 1 : 0);
    expect([body.value, body.selectionStart, body.selectionEnd]).to.deep.equal(['Half a sentence', 2, 6]);

    form.load({ ...STATIC, body: 'Restored' });
    await form.updateComplete;
    expect([body.value, field(element, 'name').value]).to.deep.equal(['Restored', '']);
    form.handBack({ ...STATIC, body: 'Refused text', name: 'Sam' }, { message: 'Too rude.', field: 'body' });
    await form.updateComplete;
    expect([body.value, field(element, 'name').value]).to.deep.equal(['Refused text', 'Sam']);
    expect(body.getAttribute('aria-invalid')).to.equal('true');
  });

  it('puts notes, errors and the form error in order around fields that stay, with the focus in them', async () => {
    const element = await mount({ endpoint: (await server()).endpoint, thread: uniqueThread('order') });
    const form = composerOf(element);
    const made = controls(element);
    const slot = form.shadowRoot!.querySelector('slot[name="notice"]');
    const body = field(element, 'body');
    body.focus();
    const layout = ['head', 'slot', 'hint', 'field', 'identity', 'remember', 'hp', 'actions'];
    const withoutDraftLines = () => rows(element).filter((kind) => kind !== 'draft-status');
    expect(withoutDraftLines()).to.deep.equal(layout);

    form.showError('Say a little more.', 'body');
    await form.updateComplete;
    expect(withoutDraftLines()).to.deep.equal([...layout.slice(0, 3), 'form-error', ...layout.slice(3)]);
    expect(form.shadowRoot!.querySelector('[part="form-error"]')!.getAttribute('role')).to.equal('alert');
    expect(fieldNodes(element, 'body')).to.deep.equal(['label', 'body', 'body-error']);
    expect(body.getAttribute('aria-invalid')).to.equal('true');
    expect(body.getAttribute('aria-describedby')).to.equal('body-error');
    expect(form.shadowRoot!.activeElement, 'focus after the error came').to.equal(body);

    // Near the limit a note joins, before the error; typing takes the field's error away.
    fill(element, 'body', 'x'.repeat(MAX_BODY_LENGTH - 1_000));
    form.showError('Say it shorter.', 'body');
    await form.updateComplete;
    expect(fieldNodes(element, 'body')).to.deep.equal(['label', 'body', 'body-note', 'body-error']);
    expect(body.getAttribute('aria-describedby')).to.equal('body-note body-error');
    fill(element, 'body', 'x'.repeat(MAX_BODY_LENGTH - 999));
    await form.updateComplete;
    expect(fieldNodes(element, 'body')).to.deep.equal(['label', 'body', 'body-note']);
    expect(body.getAttribute('aria-describedby')).to.equal('body-note');
    expect(body.getAttribute('aria-invalid')).to.equal('false');
    fill(element, 'body', 'Short again');
    await form.updateComplete;
    expect(fieldNodes(element, 'body')).to.deep.equal(['label', 'body']);
    expect(body.hasAttribute('aria-describedby'), 'aria-describedby with nothing to point at').to.equal(
      false,
    );

    // A load clears the errors: the form error goes, the fields and the notice slot stay.
    form.load({ ...STATIC, body: '' });
    await form.updateComplete;
    expect(withoutDraftLines()).to.deep.equal(layout);
    expect(controls(element)).to.deep.equal(made);
    expect(form.shadowRoot!.querySelector('slot[name="notice"]')).to.equal(slot);
    expect(form.shadowRoot!.activeElement, 'focus after the errors went').to.equal(body);
  });

  it('shows Discard, Undo, the other tab’s version and the saved line only while they apply, in order', async () => {
    const element = await mount({ endpoint: (await server()).endpoint, thread: uniqueThread('lines') });
    const form = composerOf(element);
    const lines = () =>
      [...form.shadowRoot!.querySelectorAll('[part="draft-status"]')].map((line) =>
        line.textContent!.replace(/\s+/g, ' ').trim(),
      );
    const discard = () => form.shadowRoot!.querySelector('[part="discard-button"]');
    expect(discard(), 'Discard with nothing to discard').to.equal(null);
    fill(element, 'body', 'Something to keep');
    await waitUntil(() => lines().length === 1, 'the draft was never said to be saved');
    const saved = lines()[0]!;
    expect(discard()!.textContent).to.equal(en.discardDraft);

    form.otherVersion = { ...STATIC, body: 'From the other tab' };
    await form.updateComplete;
    expect(lines()).to.deep.equal([`${en.draftChangedElsewhere} ${en.useOtherVersion}`, saved]);

    button(element, en.discardDraft).click();
    await form.updateComplete;
    expect(lines()).to.deep.equal([`${en.draftDiscarded} ${en.undo}`]);
    expect([field(element, 'body').value, discard()]).to.deep.equal(['', null]);
    button(element, en.undo).click();
    await form.updateComplete;
    expect(field(element, 'body').value).to.equal('Something to keep');
    expect(lines()[0]).to.equal(`${en.draftChangedElsewhere} ${en.useOtherVersion}`);

    button(element, en.useOtherVersion).click();
    await form.updateComplete;
    expect(field(element, 'body').value).to.equal('From the other tab');
    expect(lines().some((line) => line.includes(en.useOtherVersion))).to.equal(false);
  });

  it('follows required, checked and the form’s name on every update', async () => {
    const empty = uniqueThread('states');
    const element = await mount({ endpoint: (await server()).endpoint, thread: empty });
    const form = composerOf(element);
    const email = field(element, 'email');
    // An empty thread has no heading over its form: the form is named by its own label.
    const shown = form.shadowRoot!.querySelector('form')!;
    expect([shown.getAttribute('aria-label'), shown.hasAttribute('aria-labelledby')]).to.deep.equal([
      en.leaveReply,
      false,
    ]);
    element.requireEmail = true;
    await waitUntil(() => email.required, 'the email never became required');
    expect(labelOf(element, 'email')).to.equal('Email *');
    expect(email.getAttribute('aria-describedby')).to.equal('email-note');
    element.requireEmail = false;
    await waitUntil(() => !email.required, 'the email stayed required');
    expect(labelOf(element, 'email')).to.equal('Email');

    const remember = form.shadowRoot!.querySelector<HTMLInputElement>('#remember')!;
    remember.click();
    await form.updateComplete;
    expect([form.remember, remember.checked]).to.deep.equal([true, true]);
    form.remember = false;
    await form.updateComplete;
    expect(remember.checked, 'the box after remember was turned off').to.equal(false);
    expect(field(element, 'email')).to.equal(email);

    // Under a thread with comments, the section heads the form, and the heading names it instead.
    const answered = uniqueThread('states-answered');
    await seed(answered, [published('a', null, 'Ann', 'First.', 5)]);
    element.thread = answered;
    await waitUntil(() => form.shadowRoot!.querySelector('h3'), 'the form never got its heading', {
      timeout: 5000,
    });
    await form.updateComplete;
    expect(composerOf(element)).to.equal(form);
    const heading = form.shadowRoot!.querySelector('h3')!;
    expect([shown.hasAttribute('aria-label'), shown.getAttribute('aria-labelledby')]).to.deep.equal([
      false,
      heading.id,
    ]);
    expect(heading.textContent!.trim()).to.equal(en.leaveReply);
    element.thread = empty;
    await waitUntil(() => !form.shadowRoot!.querySelector('h3'), 'the heading stayed', { timeout: 5000 });
    await form.updateComplete;
    expect([shown.getAttribute('aria-label'), shown.hasAttribute('aria-labelledby')]).to.deep.equal([
      en.leaveReply,
      false,
    ]);
  });

  it('adds each listener once, however often it updates', async () => {
    const added: Array<[EventTarget, string]> = [];
    const addEventListener = EventTarget.prototype.addEventListener;
    EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: never[]) {
      added.push([this, type]);
      return addEventListener.call(this, type, ...(rest as [EventListener]));
    };
    try {
      const element = await mount({ endpoint: (await server()).endpoint, thread: uniqueThread('once') });
      const form = composerOf(element);
      // The form's elements, shown or not (Discard, Undo and the like wait detached).
      const ours = () =>
        added.filter(
          ([target]) =>
            target instanceof Element && (target.getRootNode() === form.shadowRoot || !target.isConnected),
        );
      const first = ours();
      const named = first.map(
        ([target, type]) => `${(target as Element).id || target.constructor.name} ${type}`,
      );
      expect(named).to.include.members([
        'body input',
        'HTMLFormElement submit',
        'HTMLFormElement keydown',
        'remember change',
      ]);
      for (const body of ['One', 'Two', '']) {
        fill(element, 'body', body);
        form.showError('Again.', 'body');
        await form.updateComplete;
      }
      expect(ours()).to.deep.equal(first);
      const twice = first.filter(
        ([target, type], i) => first.findIndex(([other, kind]) => other === target && kind === type) !== i,
      );
      expect(twice, 'listeners added twice').to.deep.equal([]);
    } finally {
      EventTarget.prototype.addEventListener = addEventListener;
    }
  });
});
