import { expect, oneEvent, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { DeviceStore, type KeyValueStore } from '../src/offline/storage.js';
import type { RecoveryComments } from '../src/recovery-comments.js';
import {
  button,
  composerOf,
  field,
  fill,
  freshStore,
  mount,
  post,
  root,
  wrapperOf,
  failOnUnhandledRejections,
} from './helpers/dom.js';
import {
  listThread,
  proxy,
  proxyLog,
  resetProxy,
  server,
  setOffline,
  setStatus,
  stored,
  uniqueThread,
  type Moderation,
} from './helpers/server.js';

/** One of the comment's own buttons (Edit, Delete, and the answers to "Delete this comment?"). */
const ownButton = (element: RecoveryComments, id: string, action: string) =>
  wrapperOf(element, id)?.querySelector<HTMLButtonElement>(`:scope > article [data-action="${action}"]`) ??
  null;

const bodyOf = (element: RecoveryComments, id: string) =>
  wrapperOf(element, id)?.querySelector(':scope > article [part="body"]')?.textContent?.trim() ?? '';

const articleText = (element: RecoveryComments, id: string) =>
  wrapperOf(element, id)?.querySelector(':scope > article')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

const formError = (element: RecoveryComments) =>
  composerOf(element).shadowRoot!.querySelector('[part="form-error"]')?.textContent?.trim() ?? '';

/** Posts a comment from the form; resolves with the comment the server answered. */
async function postOwn(element: RecoveryComments, body: string) {
  fill(element, 'body', body);
  fill(element, 'name', 'Sam');
  const outcome = await post(element);
  expect(outcome.type).to.equal('rc-submitted');
  await element.updateComplete;
  return outcome.detail.comment as { id: string; body: string; status: string };
}

/** The tokens the element kept on the device. */
async function keptTokens(storage: KeyValueStore): Promise<string[]> {
  return (await storage.entries<{ token: string }>('own|')).map(([, grant]) => grant.token);
}

/** Opens the edit form on a comment and types a new text. */
async function editTo(element: RecoveryComments, id: string, body: string) {
  ownButton(element, id, 'change')!.click();
  await waitUntil(
    () => wrapperOf(element, id)?.querySelector(':scope > rc-composer') && field(element, 'body'),
    'the edit form did not open on the comment',
  );
  fill(element, 'body', body);
}

/** Mounts on a server and posts one comment the reader may change. */
async function ownComment(name: string, moderation: Moderation = 'off', storage = freshStore()) {
  const { endpoint } = await server(moderation);
  const thread = uniqueThread(name);
  const element = await mount({ endpoint, thread, storage });
  const comment = await postOwn(element, 'Day one, again.');
  return { element, thread, storage, comment, endpoint };
}

failOnUnhandledRejections();

describe('<recovery-comments> editing your own comment', () => {
  it('keeps the token on the device only, and shows Edit and Delete on the own comment alone', async () => {
    const { endpoint } = await server('off');
    const thread = uniqueThread('own-token');
    const storage = freshStore();
    const element = await mount({ endpoint, thread, storage });
    const events: CustomEvent[] = [];
    for (const type of ['rc-before-submit', 'rc-queued', 'rc-submitted'])
      element.addEventListener(type, (event) => events.push(event as CustomEvent));
    const mine = await postOwn(element, 'My first words here.');
    const theirs = await fetch(`${endpoint}/threads/${encodeURIComponent(thread)}/comments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ clientId: crypto.randomUUID(), author: { name: 'Rowan' }, body: 'Not yours.' }),
    }).then((response) => response.json() as Promise<{ id: string; editToken: string }>);
    element.reload();
    await waitUntil(() => wrapperOf(element, theirs.id) && ownButton(element, mine.id, 'change'));

    const [token] = await keptTokens(storage);
    expect(token).to.match(/^[\w-]{43}$/);
    expect(ownButton(element, mine.id, 'delete')).to.not.equal(null);
    expect(ownButton(element, theirs.id, 'change'), 'Edit on a comment of someone else').to.equal(null);
    expect(ownButton(element, theirs.id, 'delete')).to.equal(null);
    // Never in the DOM, the form included, nor in any event the page hears.
    const serialized = [root(element), composerOf(element).shadowRoot!, element].map((node) =>
      new XMLSerializer().serializeToString(node),
    );
    expect(serialized.join('')).to.include('My first words here.');
    expect(serialized.join('')).to.not.include(token);
    expect(events.length).to.be.greaterThan(0);
    for (const event of events) expect(JSON.stringify(event.detail)).to.not.include(token!);
    await expect(element).to.be.accessible();
  });

  it('Edit opens the form on the comment with its text; Save changes it on the server and it says "edited"', async () => {
    const { element, thread, comment } = await ownComment('own-edit');
    await editTo(element, comment.id, 'Day one, again. And I am still here.');
    const form = composerOf(element);
    expect(form.shadowRoot!.querySelector('h3')!.textContent!.trim()).to.equal('Edit your comment');
    expect(form.shadowRoot!.querySelector('[name="name"]'), 'an edit changes the text alone').to.equal(null);
    await expect(element).to.be.accessible();
    button(element, 'Save changes').click();

    await waitUntil(
      () => bodyOf(element, comment.id) === 'Day one, again. And I am still here.',
      `body: ${bodyOf(element, comment.id)}`,
    );
    await waitUntil(() => wrapperOf(element, comment.id)?.querySelector('[part="edited"]'), 'no "edited"');
    expect(wrapperOf(element, comment.id)!.querySelector('[part="edited"]')!.textContent).to.equal('edited');
    expect(wrapperOf(element, comment.id)!.getAttribute('part')).to.equal('comment');
    // The form went back under the thread; the comment's own buttons stay while the window is open.
    expect(wrapperOf(element, comment.id)!.querySelector(':scope > rc-composer')).to.equal(null);
    expect(ownButton(element, comment.id, 'change')).to.not.equal(null);
    const listed = (await listThread(thread, 'off')).comments.find((c) => c.id === comment.id) as
      { body: string; editedAt?: string } | undefined;
    expect(listed?.body).to.equal('Day one, again. And I am still here.');
    expect(listed?.editedAt).to.be.a('string');
    // Another reader sees "edited" too (it comes from the server's editedAt).
    const other = await mount({ endpoint: (await server('off')).endpoint, thread });
    expect(wrapperOf(other, comment.id)!.querySelector('[part="edited"]')).to.not.equal(null);
    expect(ownButton(other, comment.id, 'change'), 'Edit in a browser without the token').to.equal(null);
  });

  it('the edit is a draft: after a reload the form reopens on the comment with the edited text', async () => {
    const { element, thread, comment, storage, endpoint } = await ownComment('own-draft');
    const saved = oneEvent(element, 'rc-draft-saved');
    await editTo(element, comment.id, 'Half-way through a better sentence');
    await saved;
    element.remove();

    const again = await mount({ endpoint, thread, storage });
    await waitUntil(
      () => wrapperOf(again, comment.id)?.querySelector(':scope > rc-composer'),
      'the edit form was not reopened on its comment',
    );
    await waitUntil(() => field(again, 'body').value === 'Half-way through a better sentence');
    expect(composerOf(again).editing).to.equal(true);
    // Nothing was sent meanwhile.
    expect((await listThread(thread, 'off')).comments.find((c) => c.id === comment.id)?.body).to.equal(
      'Day one, again.',
    );
  });

  it('Cancel on an edit left unchanged keeps no draft, and gives focus back', async () => {
    const { element, thread, comment, storage, endpoint } = await ownComment('own-cancel');
    ownButton(element, comment.id, 'change')!.click();
    await waitUntil(() => wrapperOf(element, comment.id)?.querySelector(':scope > rc-composer'));
    await waitUntil(() => field(element, 'body').value === 'Day one, again.', 'not prefilled with the body');
    button(element, 'Cancel').click();
    await waitUntil(() => !wrapperOf(element, comment.id)?.querySelector(':scope > rc-composer'));
    const reply = wrapperOf(element, comment.id)!.querySelector(':scope > article [part="reply-button"]');
    await waitUntil(() => root(element).activeElement === reply, 'focus did not go back to the comment');
    await waitUntil(async () => (await storage.entries('draft|')).length === 0, 'a draft was kept');
    element.remove();
    const again = await mount({ endpoint, thread, storage });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(wrapperOf(again, comment.id)!.querySelector(':scope > rc-composer')).to.equal(null);
  });

  it('an edit hides the name, email and website; Cancel gives the same fields back as they were', async () => {
    const { element, comment } = await ownComment('own-identity');
    const identity = () => ['name', 'email', 'url'].map((name) => field(element, name) ?? null);
    const before = identity();
    expect(before.map((control) => control?.value)).to.deep.equal(['Sam', '', '']);
    ownButton(element, comment.id, 'change')!.click();
    await waitUntil(
      () => wrapperOf(element, comment.id)?.querySelector(':scope > rc-composer'),
      'the edit form did not open',
    );
    await composerOf(element).updateComplete;
    expect(identity()).to.deep.equal([null, null, null]);
    expect(composerOf(element).shadowRoot!.querySelector('#remember')).to.equal(null);
    button(element, 'Cancel').click();
    await waitUntil(() => !wrapperOf(element, comment.id)?.querySelector(':scope > rc-composer'));
    await waitUntil(() => field(element, 'name'), 'the name did not come back');
    expect(identity()).to.deep.equal(before);
    expect(identity().map((control) => control?.value)).to.deep.equal(['Sam', '', '']);
  });

  it('Edit opened and left (a reload, not Cancel) keeps no draft: the next visit shows the comment, not the form', async () => {
    const { element, thread, comment, storage, endpoint } = await ownComment('own-left');
    ownButton(element, comment.id, 'change')!.click();
    await waitUntil(() => wrapperOf(element, comment.id)?.querySelector(':scope > rc-composer'));
    await waitUntil(() => field(element, 'body').value === 'Day one, again.', 'not prefilled with the body');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await storage.entries('draft|'), 'opening Edit kept a draft').to.deep.equal([]);
    element.remove();
    const again = await mount({ endpoint, thread, storage });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(wrapperOf(again, comment.id)!.querySelector(':scope > rc-composer')).to.equal(null);
  });

  it('offline, the edit waits on the comment and goes out once when the connection returns', async function () {
    this.timeout(20_000);
    const { endpoint } = await proxy();
    const origin = new URL(endpoint).origin;
    const thread = uniqueThread('own-offline');
    const element = await mount({ endpoint, thread });
    const comment = await postOwn(element, 'Written on the platform.');
    await resetProxy();
    await setOffline(true, [origin]);
    try {
      await waitUntil(() => navigator.onLine === false, 'the page did not go offline');
      await editTo(element, comment.id, 'Written on the platform, sent from the train.');
      button(element, 'Save changes').click();
      await waitUntil(
        () => articleText(element, comment.id).includes('Waiting for a connection'),
        `comment: ${articleText(element, comment.id)}`,
      );
      expect(bodyOf(element, comment.id)).to.equal('Written on the platform, sent from the train.');
      expect(wrapperOf(element, comment.id)!.getAttribute('part')).to.equal('comment comment-unsent');

      await setOffline(false, [origin]);
      await waitUntil(() => wrapperOf(element, comment.id)?.getAttribute('part') === 'comment', 'not sent', {
        timeout: 8000,
      });
      expect(bodyOf(element, comment.id)).to.equal('Written on the platform, sent from the train.');
      expect(wrapperOf(element, comment.id)!.querySelector('[part="edited"]')).to.not.equal(null);
      const patches = (await proxyLog()).filter((entry) => entry.method === 'PATCH' && entry.status === 200);
      expect(patches).to.have.length(1);
      const kept = await stored(thread, 'off');
      expect(kept.map((entry) => entry.body)).to.deep.equal([
        'Written on the platform, sent from the train.',
      ]);
    } finally {
      await setOffline(false, [origin]);
    }
  });

  it('under pre-moderation an edited published comment goes back to awaiting moderation', async () => {
    const { endpoint } = await server('pre');
    const thread = uniqueThread('own-premod');
    const storage = freshStore();
    const element = await mount({ endpoint, thread, storage });
    const comment = await postOwn(element, 'Held at first.');
    expect(comment.status).to.equal('pending');
    await setStatus(comment.id, 'published');
    element.remove();
    const again = await mount({ endpoint, thread, storage });
    await waitUntil(() => ownButton(again, comment.id, 'change'), 'no Edit on the published comment');
    expect(wrapperOf(again, comment.id)!.getAttribute('part')).to.equal('comment');

    await editTo(again, comment.id, 'Held at first. Now with a link nobody has seen.');
    button(again, 'Save changes').click();
    await waitUntil(
      () => wrapperOf(again, comment.id)?.getAttribute('part') === 'comment comment-pending',
      `part: ${wrapperOf(again, comment.id)?.getAttribute('part')}`,
    );
    expect(articleText(again, comment.id)).to.include('Your comment is awaiting moderation.');
    expect(bodyOf(again, comment.id)).to.equal('Held at first. Now with a link nobody has seen.');
    expect((await listThread(thread, 'pre')).comments.map((c) => c.id)).to.not.include(comment.id);
    // Still shown to its author, as awaiting moderation, after a reload.
    again.remove();
    const third = await mount({ endpoint, thread, storage });
    await waitUntil(() => wrapperOf(third, comment.id)?.getAttribute('part') === 'comment comment-pending');
    expect(bodyOf(third, comment.id)).to.equal('Held at first. Now with a link nobody has seen.');
  });
});

describe('<recovery-comments> tokens on the device', () => {
  it('drops expired and unreadable tokens of every thread when a section loads, and shows no Edit for them', async () => {
    const { endpoint } = await server('off');
    const thread = uniqueThread('own-expired');
    const storage = freshStore();
    const element = await mount({ endpoint, thread, storage });
    const comment = await postOwn(element, 'Soon not mine to change.');
    element.remove();
    const [[key, grant]] = await storage.entries<{ token: string; until: number; id: string }>('own|');
    await storage.set(key!, { ...grant!, until: Date.now() - 1 });
    await storage.set('own|["elsewhere","/other/","c9"]', { ...grant!, id: 'c9', until: Date.now() - 1 });
    await storage.set('own|["elsewhere","/other/","c8"]', {
      id: 'c8',
      token: 42,
      until: Date.now() + 60_000,
    });
    await storage.set('own|["elsewhere","/other/","c7"]', {
      ...grant!,
      id: 'c7',
      until: Date.now() + 60_000,
    });

    const again = await mount({ endpoint, thread, storage });
    await waitUntil(async () => (await storage.entries('own|')).length === 1, 'expired tokens were kept');
    expect((await storage.entries('own|')).map(([k]) => k)).to.deep.equal([
      'own|["elsewhere","/other/","c7"]',
    ]);
    expect(wrapperOf(again, comment.id)).to.not.equal(null);
    expect(ownButton(again, comment.id, 'change')).to.equal(null);
  });
});

describe('<recovery-comments> deleting your own comment', () => {
  it('asks in place; Keep keeps it; Delete removes it at once and on the server', async () => {
    const { element, thread, comment, storage } = await ownComment('own-delete');
    ownButton(element, comment.id, 'delete')!.click();
    await waitUntil(() => ownButton(element, comment.id, 'keep'), 'no question');
    expect(articleText(element, comment.id)).to.include('Delete this comment?');
    expect(root(element).activeElement).to.equal(ownButton(element, comment.id, 'keep'));
    await expect(element).to.be.accessible();
    ownButton(element, comment.id, 'keep')!.click();
    await waitUntil(() => ownButton(element, comment.id, 'delete'));
    expect(articleText(element, comment.id)).to.not.include('Delete this comment?');
    expect((await listThread(thread, 'off')).comments).to.have.length(1);

    ownButton(element, comment.id, 'delete')!.click();
    await waitUntil(() => ownButton(element, comment.id, 'confirm-delete'));
    ownButton(element, comment.id, 'confirm-delete')!.click();
    await waitUntil(() => wrapperOf(element, comment.id) === null, 'still shown');
    await waitUntil(async () => (await listThread(thread, 'off')).comments.length === 0, 'not deleted');
    await waitUntil(async () => (await keptTokens(storage)).length === 0, 'its token was kept');
    await element.updateComplete;
    expect(wrapperOf(element, comment.id)).to.equal(null);
  });

  it('offline, the comment goes at once and the DELETE goes out when the connection returns', async function () {
    this.timeout(20_000);
    const { endpoint } = await proxy();
    const origin = new URL(endpoint).origin;
    const thread = uniqueThread('own-delete-offline');
    const storage = freshStore();
    const element = await mount({ endpoint, thread, storage });
    const comment = await postOwn(element, 'Too much, too soon.');
    await resetProxy();
    await setOffline(true, [origin]);
    try {
      await waitUntil(() => navigator.onLine === false);
      ownButton(element, comment.id, 'delete')!.click();
      await waitUntil(() => ownButton(element, comment.id, 'confirm-delete'));
      ownButton(element, comment.id, 'confirm-delete')!.click();
      await waitUntil(() => wrapperOf(element, comment.id) === null, 'still shown while offline');
      // Gone for its author across a reload too, while the DELETE waits.
      element.remove();
      const again = await mount({ endpoint, thread, storage, waitForLoad: false });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(wrapperOf(again, comment.id)).to.equal(null);
      await setOffline(false, [origin]);
      await waitUntil(async () => (await listThread(thread, 'off')).comments.length === 0, 'not deleted', {
        timeout: 8000,
      });
      expect((await proxyLog()).filter((entry) => entry.method === 'DELETE')).to.have.length(1);
    } finally {
      await setOffline(false, [origin]);
    }
  });
});

describe('<recovery-comments> refusals lose nothing', () => {
  it('Edit and Delete go away when the window ends, without a render asking', async function () {
    this.timeout(10_000);
    const { element, comment } = await ownComment('own-window', 'short');
    expect(ownButton(element, comment.id, 'change')).to.not.equal(null);
    await waitUntil(() => ownButton(element, comment.id, 'change') === null, 'Edit outlived its window', {
      timeout: 5000,
    });
    expect(ownButton(element, comment.id, 'delete')).to.equal(null);
  });

  it('an edit saved after the window: the server says why, on the comment, and the text stays', async function () {
    this.timeout(10_000);
    const { element, comment, thread } = await ownComment('own-late', 'short');
    await editTo(element, comment.id, 'A better text, a little too late.');
    await new Promise((resolve) => setTimeout(resolve, 3500));
    button(element, 'Save changes').click();
    await waitUntil(() => formError(element) !== '', 'no message', { timeout: 4000 });
    expect(formError(element)).to.match(/can be changed for 3 seconds after it is posted/);
    // The form is still on the comment, with the text to copy.
    expect(wrapperOf(element, comment.id)!.querySelector(':scope > rc-composer')).to.not.equal(null);
    expect(field(element, 'body').value).to.equal('A better text, a little too late.');
    expect((await listThread(thread, 'short')).comments[0]!.body).to.equal('Day one, again.');
  });

  it('a delete after someone replied: the comment comes back with the reason', async () => {
    const { element, comment, thread } = await ownComment('own-replied');
    await executeServerCommand('rc-seed', {
      thread,
      moderation: 'off',
      comments: [
        {
          id: `${comment.id}-reply`,
          parentId: comment.id,
          author: { name: 'Rowan', email: null, url: null },
          body: 'I hear you.',
          createdAt: new Date().toISOString(),
          status: 'published',
        },
      ],
    });
    ownButton(element, comment.id, 'delete')!.click();
    await waitUntil(() => ownButton(element, comment.id, 'confirm-delete'));
    ownButton(element, comment.id, 'confirm-delete')!.click();
    await waitUntil(
      () => /Someone has replied to this comment/.test(articleText(element, comment.id)),
      `comment: ${articleText(element, comment.id)}`,
    );
    expect(bodyOf(element, comment.id)).to.equal('Day one, again.');
    expect(ownButton(element, comment.id, 'delete'), 'Delete after the refusal').to.equal(null);
    expect((await listThread(thread, 'off')).comments.map((c) => c.id)).to.include(comment.id);
  });
});

describe('<recovery-comments> on a server without edit tokens', () => {
  it('a v1 answer (no editToken): no Edit or Delete, the comment posts as before with pageUrl', async () => {
    // What the POST carried, as it left the page.
    const posted: unknown[] = [];
    const original = window.fetch;
    window.fetch = (input, init) => {
      if (init?.method === 'POST' && typeof init.body === 'string') posted.push(JSON.parse(init.body));
      return original(input, init);
    };
    let own: Awaited<ReturnType<typeof ownComment>>;
    try {
      own = await ownComment('own-v1', 'v1');
    } finally {
      window.fetch = original;
    }
    const { element, storage, thread } = own;
    expect(posted).to.have.length(1);
    expect((posted[0] as { pageUrl?: string }).pageUrl).to.equal(location.href.split('#')[0]);
    const listed = await listThread(thread, 'v1');
    expect(listed.comments.map((c) => c.body)).to.deep.equal(['Day one, again.']);
    const id = listed.comments[0]!.id;
    expect(ownButton(element, id, 'change')).to.equal(null);
    expect(ownButton(element, id, 'delete')).to.equal(null);
    expect(await keptTokens(storage)).to.deep.equal([]);
  });

  it('IndexedDB missing: posting works, and Edit works for as long as this window keeps the token', async () => {
    const original = Object.getOwnPropertyDescriptor(window, 'indexedDB')!;
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
    try {
      const { element, comment, thread } = await ownComment('own-no-idb', 'off', new DeviceStore('rc-none'));
      await waitUntil(() => ownButton(element, comment.id, 'change'));
      await editTo(element, comment.id, 'Kept in memory, sent all the same.');
      button(element, 'Save changes').click();
      await waitUntil(async () => (await listThread(thread, 'off')).comments[0]!.body.startsWith('Kept'));
    } finally {
      Object.defineProperty(window, 'indexedDB', original);
    }
  });
});
