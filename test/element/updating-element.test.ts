import { expect } from '@open-wc/testing';
import { ReactiveElement, type PropertyValues, type ReactiveController } from 'lit';
import { UpdatingElement, type PropertyOptions } from '../../src/element/updating-element.js';

// Every rule runs against Lit's ReactiveElement as well as ours: the same test body passing for
// both is what shows the semantics match. Lit's is typed as ours here; the members used are alike.
const bases = [
  ['UpdatingElement', UpdatingElement],
  ["Lit's ReactiveElement", ReactiveElement as unknown as typeof UpdatingElement],
] as const;

let defined = 0;

/** A fresh tag for each class under test. */
const nextTag = () => `rc-updating-test-${++defined}`;

/** Microtasks and a task pass, so anything a microtask would have scheduled has run. */
const settle = () => new Promise((resolve) => setTimeout(resolve));

/** One call per lifecycle step, in order, with what each saw. */
type Log = string[];

/** Records every controller callback into `log`. */
function recorder(log: Log, name = 'controller'): ReactiveController {
  return {
    hostConnected: () => log.push(`${name}.hostConnected`),
    hostDisconnected: () => log.push(`${name}.hostDisconnected`),
    hostUpdate: () => log.push(`${name}.hostUpdate`),
    hostUpdated: () => log.push(`${name}.hostUpdated`),
  };
}

for (const [label, Base] of bases) {
  /** A small element: four reactive properties and a record of every update. */
  function defineElement(properties: Record<string, PropertyOptions> = {}) {
    class TestElement extends Base {
      static override properties: Record<string, PropertyOptions> = {
        label: {},
        count: { type: Number, attribute: 'item-count' },
        open: { type: Boolean },
        hidden2: { attribute: false },
        secret: { state: true },
        ...properties,
      };
      declare label: unknown;
      declare count: number | null;
      declare open: boolean;
      declare hidden2: unknown;
      declare secret: unknown;
      /** The changed maps of every update, copied. */
      updates: Array<Map<PropertyKey, unknown>> = [];
      log: Log = [];
      override willUpdate(_changed: PropertyValues): void {
        this.log.push(`willUpdate hasUpdated=${this.hasUpdated}`);
      }
      override update(changed: PropertyValues): void {
        this.log.push('update');
        this.updates.push(new Map(changed));
        super.update(changed);
      }
    }
    const tag = nextTag();
    customElements.define(tag, TestElement);
    return { TestElement, tag, make: () => document.createElement(tag) as TestElement };
  }

  describe(`${label}`, () => {
    afterEach(() => document.body.replaceChildren());

    describe('properties and attributes', () => {
      it('observes the lowercased property name (also for attribute: true), a named attribute, and none for state or attribute: false', () => {
        const { TestElement } = defineElement({ pageSize: { type: Number }, maxAge: { attribute: true } });
        expect(
          [...(TestElement as unknown as { observedAttributes: string[] }).observedAttributes].sort(),
        ).to.deep.equal(['item-count', 'label', 'maxage', 'open', 'pagesize']);
      });

      it('converts attributes as Lit does: Number or null, Boolean by presence, text otherwise', async () => {
        const { make } = defineElement();
        const element = make();
        document.body.append(element);
        element.setAttribute('item-count', '3.5');
        element.setAttribute('label', '42');
        element.setAttribute('open', 'false');
        expect(element.count).to.equal(3.5);
        expect(element.label).to.equal('42');
        expect(element.open).to.equal(true);
        element.setAttribute('item-count', 'many');
        expect(element.count).to.be.NaN;
        element.removeAttribute('item-count');
        element.removeAttribute('open');
        element.removeAttribute('label');
        expect(element.count).to.equal(null);
        expect(element.open).to.equal(false);
        expect(element.label).to.equal(null);
      });

      it('a field initialised in the constructor is recorded without an update before connecting', async () => {
        class WithDefault extends Base {
          static override properties = { label: {} };
          declare label: string;
          updates: Array<Map<PropertyKey, unknown>> = [];
          constructor() {
            super();
            // What `label = 'first'` compiles to with useDefineForClassFields: false.
            this.label = 'first';
          }
          override update(changed: PropertyValues): void {
            this.updates.push(new Map(changed));
            super.update(changed);
          }
        }
        const tag = nextTag();
        customElements.define(tag, WithDefault);
        const element = document.createElement(tag) as WithDefault;
        element.label = 'second';
        await settle();
        expect(element.updates).to.deep.equal([]);
        expect(element.hasUpdated).to.equal(false);
        expect(element.label).to.equal('second');
        document.body.append(element);
        expect(await element.updateComplete).to.equal(true);
        expect(element.updates).to.deep.equal([new Map([['label', undefined]])]);
      });

      it('a value set on the element before its class is defined goes through the accessor', async () => {
        const tag = nextTag();
        const element = document.createElement(tag) as HTMLElement & { label: unknown };
        element.label = 'early';
        document.body.append(element);
        class Late extends Base {
          static override properties = { label: {} };
          declare label: unknown;
          updates: Array<Map<PropertyKey, unknown>> = [];
          override update(changed: PropertyValues): void {
            this.updates.push(new Map(changed));
            super.update(changed);
          }
        }
        customElements.define(tag, Late);
        const upgraded = element as unknown as Late;
        await upgraded.updateComplete;
        expect(Object.hasOwn(upgraded, 'label'), 'own value left over the accessor').to.equal(false);
        expect(upgraded.label).to.equal('early');
        expect(upgraded.updates).to.deep.equal([new Map([['label', undefined]])]);
        upgraded.label = 'later';
        await upgraded.updateComplete;
        expect(upgraded.updates.at(-1)).to.deep.equal(new Map([['label', 'early']]));
      });

      it('reflects after the update as text; null or undefined removes', async () => {
        const { make } = defineElement({ label: { reflect: true }, count: { type: Number, reflect: true } });
        const element = make();
        document.body.append(element);
        await element.updateComplete;
        element.count = 2.5;
        element.label = 'hello';
        expect(element.hasAttribute('label'), 'before the update').to.equal(false);
        await element.updateComplete;
        expect(element.getAttribute('count')).to.equal('2.5');
        expect(element.getAttribute('label')).to.equal('hello');
        element.count = null;
        element.label = null;
        await element.updateComplete;
        expect(element.hasAttribute('count')).to.equal(false);
        expect(element.hasAttribute('label')).to.equal(false);
        element.label = 'back';
        await element.updateComplete;
        element.label = undefined;
        await element.updateComplete;
        expect(element.hasAttribute('label')).to.equal(false);
      });

      it('a reflected value does not come back through its attribute, nor an attribute go back to itself', async () => {
        const { make } = defineElement({
          label: { reflect: true },
          count: { type: Number, attribute: 'item-count', reflect: true },
        });
        const element = make();
        document.body.append(element);
        element.label = 5;
        await element.updateComplete;
        expect(element.getAttribute('label')).to.equal('5');
        // Read back through the attribute it would be the string '5'.
        expect(element.label).to.equal(5);
        element.setAttribute('item-count', '3.0');
        await element.updateComplete;
        expect(element.count).to.equal(3);
        // Reflected back it would be '3'.
        expect(element.getAttribute('item-count')).to.equal('3.0');
      });

      it('updates only for a changed value; NaN equals NaN', async () => {
        const { make } = defineElement();
        const element = make();
        element.count = 1;
        document.body.append(element);
        await element.updateComplete;
        const updates = element.updates.length;
        element.count = 1;
        await element.updateComplete;
        expect(element.updates.length, 'the same value').to.equal(updates);
        element.count = NaN;
        await element.updateComplete;
        element.count = NaN;
        await element.updateComplete;
        expect(element.updates.length, 'NaN then NaN again').to.equal(updates + 1);
        element.requestUpdate('count', NaN);
        await element.updateComplete;
        expect(element.updates.length, 'requestUpdate with the current value').to.equal(updates + 1);
        element.requestUpdate();
        await element.updateComplete;
        expect(element.updates.length, 'requestUpdate()').to.equal(updates + 2);
        expect(element.updates.at(-1)).to.deep.equal(new Map());
      });

      it('properties of the superclass stay reactive in a subclass with its own', async () => {
        const { TestElement } = defineElement();
        class Sub extends TestElement {
          static override properties = { extra: { attribute: 'extra-name' } };
          declare extra: unknown;
        }
        const tag = nextTag();
        customElements.define(tag, Sub);
        expect(
          [...(Sub as unknown as { observedAttributes: string[] }).observedAttributes].sort(),
        ).to.deep.equal(['extra-name', 'item-count', 'label', 'open']);
        const element = document.createElement(tag) as Sub;
        document.body.append(element);
        await element.updateComplete;
        element.setAttribute('item-count', '7');
        element.extra = 'x';
        await element.updateComplete;
        expect(element.updates.at(-1)).to.deep.equal(
          new Map<string, unknown>([
            ['count', undefined],
            ['extra', undefined],
          ]),
        );
        expect(element.count).to.equal(7);
      });
    });

    describe('updates', () => {
      it('batches changes into one update per microtask, keeping the first old value', async () => {
        const { make } = defineElement();
        const element = make();
        document.body.append(element);
        await element.updateComplete;
        element.count = 1;
        await element.updateComplete;
        const updates = element.updates.length;
        element.count = 2;
        element.count = 3;
        element.label = 'a';
        element.secret = 's';
        expect(element.updates.length, 'nothing synchronous').to.equal(updates);
        await Promise.resolve();
        expect(await element.updateComplete).to.equal(true);
        expect(element.updates.length).to.equal(updates + 1);
        expect(element.updates.at(-1)).to.deep.equal(
          new Map<string, unknown>([
            ['count', 1],
            ['label', undefined],
            ['secret', undefined],
          ]),
        );
      });

      it('the first update reports every old value as undefined', async () => {
        const { make } = defineElement();
        const element = make();
        element.count = 1;
        element.count = 2;
        document.body.append(element);
        await element.updateComplete;
        expect(element.updates).to.deep.equal([new Map([['count', undefined]])]);
      });

      it('updateComplete waits for the first connect, resolves true, and again at once when nothing is pending', async () => {
        const { make } = defineElement();
        const element = make();
        const first = element.updateComplete.then((value) => ({ value }));
        const early = await Promise.race([first, settle().then(() => 'still waiting')]);
        expect(early).to.equal('still waiting');
        document.body.append(element);
        expect(await first).to.deep.equal({ value: true });
        expect(element.updates.length).to.equal(1);
        expect(await element.updateComplete).to.equal(true);
        expect(await element.updateComplete).to.equal(true);
        expect(element.updates.length, 'awaiting is not updating').to.equal(1);
      });

      it("a change in a controller's hostUpdated schedules another update; the first updateComplete then says false", async () => {
        const { make } = defineElement();
        const element = make();
        element.addController({
          hostUpdated: () => {
            if (element.updates.length === 1) element.count = 10;
          },
        });
        document.body.append(element);
        expect(await element.updateComplete).to.equal(false);
        expect(await element.updateComplete).to.equal(true);
        expect(element.updates).to.deep.equal([new Map(), new Map([['count', undefined]])]);
      });

      it("a change in willUpdate or a controller's hostUpdate joins the same update", async () => {
        const { make } = defineElement();
        const element = make();
        const willUpdate = element.willUpdate.bind(element);
        element.willUpdate = (changed) => {
          willUpdate(changed);
          if (changed.has('label')) element.count = 4;
        };
        element.addController({ hostUpdate: () => (element.secret = 'from hostUpdate') });
        document.body.append(element);
        await element.updateComplete;
        element.label = 'go';
        expect(await element.updateComplete).to.equal(true);
        expect(element.updates.at(-1)).to.deep.equal(
          new Map<string, unknown>([
            ['label', undefined],
            ['count', undefined],
          ]),
        );
        expect(element.updates.length).to.equal(2);
      });

      it('an exception rejects updateComplete and leaves the element able to update again', async () => {
        const unhandled: unknown[] = [];
        const onUnhandled = (event: PromiseRejectionEvent) => {
          unhandled.push(event.reason);
          event.preventDefault();
        };
        addEventListener('unhandledrejection', onUnhandled);
        try {
          const { make } = defineElement();
          const element = make();
          const failure = new Error('update failed');
          let fail = true;
          const willUpdate = element.willUpdate.bind(element);
          element.willUpdate = (changed) => {
            willUpdate(changed);
            if (fail) throw failure;
          };
          element.label = 'lost with the failed update';
          document.body.append(element);
          let caught: unknown;
          await element.updateComplete.catch((error: unknown) => (caught = error));
          expect(caught).to.equal(failure);
          expect(element.hasUpdated).to.equal(false);
          fail = false;
          element.count = 2;
          // Still before the first update: the old value is reported as undefined, not 'lost…'.
          element.label = 'again';
          expect(await element.updateComplete).to.equal(true);
          expect(element.hasUpdated).to.equal(true);
          expect(element.updates).to.deep.equal([
            new Map<string, unknown>([
              ['count', undefined],
              ['label', undefined],
            ]),
          ]);
          expect(
            element.log.filter((step) => step.startsWith('willUpdate')),
            'the failed one did not count',
          ).to.deep.equal(['willUpdate hasUpdated=false', 'willUpdate hasUpdated=false']);
          await settle();
          // Both report the failed update's error again when the next update waits on it.
          expect(unhandled).to.deep.equal([failure]);
        } finally {
          removeEventListener('unhandledrejection', onUnhandled);
        }
      });
    });

    describe('lifecycle', () => {
      it('runs willUpdate, hostUpdate, update, hostUpdated; hasUpdated after the first', async () => {
        const { make } = defineElement();
        const element = make();
        element.addController(recorder(element.log));
        expect(element.log, 'not connected yet').to.deep.equal([]);
        document.body.append(element);
        await element.updateComplete;
        element.label = 'again';
        await element.updateComplete;
        expect(element.log).to.deep.equal([
          'controller.hostConnected',
          'willUpdate hasUpdated=false',
          'controller.hostUpdate',
          'update',
          'controller.hostUpdated',
          'willUpdate hasUpdated=true',
          'controller.hostUpdate',
          'update',
          'controller.hostUpdated',
        ]);
      });

      it('an element upgraded in the page connects the controllers its constructor adds once', async () => {
        const tag = nextTag();
        document.body.append(document.createElement(tag));
        const log: Log = [];
        class Upgraded extends Base {
          constructor() {
            super();
            this.addController(recorder(log));
          }
        }
        customElements.define(tag, Upgraded);
        await (document.querySelector(tag) as Upgraded).updateComplete;
        expect(log).to.deep.equal([
          'controller.hostConnected',
          'controller.hostUpdate',
          'controller.hostUpdated',
        ]);
      });

      it('makes an open shadow root with the class styles, on first connect', async () => {
        const sheet = (text: string) => {
          const made = new CSSStyleSheet();
          made.replaceSync(text);
          return made;
        };
        const a = sheet(':host { display: block; }');
        const b = sheet('p { color: red; }');
        class Styled extends Base {
          static override styles = [a, b];
        }
        class Unstyled extends Base {}
        const styled = nextTag();
        const unstyled = nextTag();
        customElements.define(styled, Styled);
        customElements.define(unstyled, Unstyled);
        const element = document.createElement(styled) as Styled;
        expect(element.shadowRoot).to.equal(null);
        document.body.append(element);
        expect(element.renderRoot).to.equal(element.shadowRoot);
        expect(element.shadowRoot!.mode).to.equal('open');
        expect(element.shadowRoot!.adoptedStyleSheets).to.deep.equal([a, b]);
        const root = element.renderRoot;
        element.remove();
        document.body.append(element);
        expect(element.renderRoot, 'the same root on reconnect').to.equal(root);
        const other = document.createElement(unstyled) as Unstyled;
        document.body.append(other);
        expect(other.shadowRoot!.adoptedStyleSheets).to.deep.equal([]);
      });

      it('controllers: connected and disconnected, one added while connected is connected at once, a removed one hears nothing', async () => {
        const { make } = defineElement();
        const element = make();
        const log: Log = [];
        const first = recorder(log, 'first');
        element.addController(first);
        document.body.append(element);
        await element.updateComplete;
        element.addController(recorder(log, 'late'));
        expect(log).to.deep.equal([
          'first.hostConnected',
          'first.hostUpdate',
          'first.hostUpdated',
          'late.hostConnected',
        ]);
        log.length = 0;
        element.remove();
        expect(log).to.deep.equal(['first.hostDisconnected', 'late.hostDisconnected']);
        log.length = 0;
        element.removeController(first);
        document.body.append(element);
        element.requestUpdate();
        await element.updateComplete;
        expect(log).to.deep.equal(['late.hostConnected', 'late.hostUpdate', 'late.hostUpdated']);
        log.length = 0;
        element.remove();
        element.addController(recorder(log, 'detached'));
        expect(log, 'added while disconnected').to.deep.equal(['late.hostDisconnected']);
      });
    });
  });
}
