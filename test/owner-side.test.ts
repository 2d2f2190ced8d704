// The reader-element side of issue 11, in real Chromium against the real reference servers:
// reply notifications (offered by the server started with `smtp: 'log'`), the owner badge, and
// the hints a site owner gets when the section cannot load.
import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { en } from '../src/i18n/en.js';
import type { NewComment } from '../src/model/types.js';
import type { RecoveryComments } from '../src/recovery-comments.js';
import { composerOf, field, fill, freshStore, mount, post, root, text, wrapperOf } from './helpers/dom.js';
import {
  injectFaults,
  mails,
  proxy,
  published,
  resetProxy,
  seed,
  server,
  uniqueThread,
} from './helpers/server.js';

const notifyBox = (element: RecoveryComments) =>
  composerOf(element).shadowRoot!.querySelector<HTMLInputElement>('input[name="notify"]');

const liveRegion = (element: RecoveryComments) => root(element).querySelector('[role="status"]')!;

function tick(element: RecoveryComments): void {
  const box = notifyBox(element)!;
  box.checked = true;
  box.dispatchEvent(new Event('change', { bubbles: true }));
}

/** The comment the element sent, as `rc-queued` tells it. */
function queuedRequest(element: RecoveryComments): Promise<NewComment> {
  return new Promise((resolve) =>
    element.addEventListener('rc-queued', (event) => resolve(event.detail.comment), { once: true }),
  );
}

describe('<recovery-comments> "Email me when someone replies"', () => {
  it('is not offered by a server without reply notifications', async () => {
    const element = await mount({
      endpoint: (await server('pre')).endpoint,
      thread: uniqueThread('no-notify'),
    });
    await composerOf(element).updateComplete;
    expect(field(element, 'body')).to.exist;
    expect(notifyBox(element)).to.equal(null);
  });

  it('is offered with an email only, sends notify with the page, and says to confirm by email', async () => {
    const thread = uniqueThread('notify');
    const element = await mount({ endpoint: (await server('notify')).endpoint, thread, title: 'Quiet Days' });
    await composerOf(element).updateComplete;
    const box = notifyBox(element)!;
    expect(box, 'the checkbox is shown').to.exist;
    expect(composerOf(element).shadowRoot!.querySelector('label[for="notify"]')!.textContent).to.equal(
      en.notifyMe,
    );
    expect(box.disabled, 'no email yet').to.equal(true);
    expect(composerOf(element).shadowRoot!.textContent).to.contain(en.notifyNeedsEmail);
    await expect(element).to.be.accessible();

    fill(element, 'body', 'Tell me when someone answers.');
    fill(element, 'name', 'Wren');
    fill(element, 'email', 'wren@example.org');
    await composerOf(element).updateComplete;
    expect(notifyBox(element)!.disabled).to.equal(false);
    tick(element);
    const queued = queuedRequest(element);
    const outcome = await post(element);
    expect(outcome.type).to.equal('rc-submitted');
    expect(outcome.detail.status).to.equal(202);

    const request = await queued;
    expect(request.notify).to.equal(true);
    expect(request.pageUrl).to.equal(location.href.replace(/#.*$/, ''));
    expect(request.threadTitle).to.equal('Quiet Days');
    await waitUntil(
      () => liveRegion(element).textContent!.includes(en.notifyConfirm),
      'no word about the email',
    );
    expect(liveRegion(element).textContent).to.contain(en.awaitingModeration);
    // Consent is per comment: the next one starts unticked.
    await composerOf(element).updateComplete;
    expect(notifyBox(element)!.checked).to.equal(false);

    // The server took the wish: a confirmation email to the reader, naming the thread.
    await waitUntil(
      async () => (await mails()).some((mail) => mail.includes('To: wren@example.org')),
      'no confirmation email was written',
      { timeout: 5000 },
    );
    const mail = (await mails()).find((text) => text.includes('To: wren@example.org'))!;
    expect(mail).to.contain('Quiet Days');
  });

  it('sends no notify when the box is not ticked', async () => {
    const element = await mount({
      endpoint: (await server('notify')).endpoint,
      thread: uniqueThread('unticked'),
    });
    fill(element, 'body', 'No emails, thanks.');
    fill(element, 'name', 'Ash');
    fill(element, 'email', 'ash@example.org');
    const queued = queuedRequest(element);
    expect((await post(element)).type).to.equal('rc-submitted');
    const request = await queued;
    expect(request).to.not.have.property('notify');
    expect(request.pageUrl).to.equal(location.href.replace(/#.*$/, ''));
  });

  it("shows the server's email_invalid on the email field and keeps the box ticked", async () => {
    const element = await mount({
      endpoint: (await server('notify')).endpoint,
      thread: uniqueThread('bad-mail'),
    });
    fill(element, 'body', 'Please write back.');
    fill(element, 'name', 'Kit');
    // Passes the form's loose check; the server will not put it in a mail header.
    fill(element, 'email', 'kit<x@example.org');
    await composerOf(element).updateComplete;
    tick(element);
    const outcome = await post(element);
    expect(outcome.type).to.equal('rc-failed');
    expect(outcome.detail.status).to.equal(422);
    expect(outcome.detail.field).to.equal('author.email');
    const form = composerOf(element);
    await waitUntil(() => form.shadowRoot!.querySelector('#email-error'), 'no error on the email field');
    expect(form.shadowRoot!.querySelector('#email-error')!.textContent).to.contain('valid email address');
    expect(field(element, 'email').getAttribute('aria-invalid')).to.equal('true');
    expect(field(element, 'body').value).to.equal('Please write back.');
    expect(notifyBox(element)!.checked, 'the choice is handed back too').to.equal(true);
  });

  it('keeps the ticked box in the draft', async () => {
    const endpoint = (await server('notify')).endpoint;
    const thread = uniqueThread('notify-draft');
    const storage = freshStore();
    const first = await mount({ endpoint, thread, storage });
    fill(first, 'body', 'Half written.');
    fill(first, 'name', 'Lee');
    fill(first, 'email', 'lee@example.org');
    await composerOf(first).updateComplete;
    const saved = oneEvent(first, 'rc-draft-saved');
    tick(first);
    await saved;
    first.remove();

    const second = await mount({ endpoint, thread, storage });
    await waitUntil(() => field(second, 'body').value === 'Half written.', 'the draft was not restored');
    await composerOf(second).updateComplete;
    expect(notifyBox(second)!.checked).to.equal(true);
  });
});

describe('<recovery-comments> the owner badge', () => {
  it('marks a comment the site owner wrote, and only that one', async () => {
    const thread = uniqueThread('owner');
    await seed(thread, [
      published('a', null, 'Reader', 'A question.', 20),
      { ...published('b', 'a', 'The Author', 'An answer.', 10), moderatorId: 'moderator-1' },
    ]);
    const element = await mount({ endpoint: (await server()).endpoint, thread });
    const owners = root(element).querySelectorAll('[part~="comment-owner"]');
    expect(owners).to.have.length(1);
    const answer = wrapperOf(element, 'b')!.querySelector(':scope > article')!;
    expect(answer.getAttribute('part')).to.equal('comment-owner');
    expect(answer.querySelector('[part="owner-badge"]')!.textContent).to.equal(en.byOwner);
    expect(wrapperOf(element, 'a')!.querySelector(':scope > article [part="owner-badge"]')).to.equal(null);
    await expect(element).to.be.accessible();
  });
});

describe("<recovery-comments> the owner's hints", () => {
  let warnings: string[] = [];
  const realWarn = console.warn;
  beforeEach(() => {
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  });
  afterEach(async () => {
    console.warn = realWarn;
    await resetProxy();
  });

  const failedLoad = (element: Promise<RecoveryComments>) =>
    Promise.all([
      new Promise<CustomEvent>((resolve) => addEventListener('rc-error', resolve as never, { once: true })),
      element,
    ]);

  it('tells the owner to add the page origin when the server answers but not to this page', async () => {
    const { endpoint } = await server('foreign');
    const [event, element] = await failedLoad(
      mount({ endpoint, thread: uniqueThread('cors'), waitForLoad: false }),
    );
    const hint = `The comments server at ${endpoint} answered, but not to this page: add ${location.origin} to its --origin.`;
    expect(event.detail.hint).to.equal(hint);
    expect(event.detail.message).to.equal('Could not reach the comments server.');
    expect(warnings).to.deep.equal([`<recovery-comments>: ${hint}`]);
    // Readers see the usual words, not the owner's (worded once the writing side is in).
    await waitUntil(() => text(element).includes(en.unreachable), 'the reason was never worded');
    expect(text(element)).to.not.contain('--origin');
  });

  it('gives no hint when the server does not answer at all', async () => {
    const { endpoint } = await proxy();
    await injectFaults([{ action: { kind: 'drop' }, times: 10 }]);
    const [event] = await failedLoad(mount({ endpoint, thread: uniqueThread('down'), waitForLoad: false }));
    expect(event.detail.message).to.equal('Could not reach the comments server.');
    expect(event.detail).to.not.have.property('hint');
    expect(warnings).to.deep.equal([]);
  });

  it("passes on the server's 404 words for an endpoint without /api", async () => {
    const { endpoint } = await server();
    const root = endpoint.replace(/\/api$/, '');
    const [event] = await failedLoad(
      mount({ endpoint: root, thread: uniqueThread('no-api'), waitForLoad: false }),
    );
    expect(event.detail.status).to.equal(404);
    expect(event.detail.hint).to.contain(
      `The comments server at ${root} says: There is nothing at this address.`,
    );
    expect(event.detail.hint).to.contain(`is at ${endpoint}`);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain(`is at ${endpoint}`);
  });
});
