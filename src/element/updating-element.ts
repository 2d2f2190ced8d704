import type { PropertyValues, ReactiveController, ReactiveControllerHost } from 'lit';

/** How one reactive property meets its attribute: the part of Lit's declaration we use. */
export interface PropertyOptions {
  /** The attribute's name, or false for none; true or absent: the lowercased property name. */
  attribute?: string | boolean;
  /** How the attribute's text becomes the value (Number: null when absent); text otherwise. */
  type?: typeof Number | typeof Boolean;
  /** Writes the value back to the attribute after each update, as text (null or undefined: removed). */
  reflect?: boolean;
  /** Internal state: no attribute. */
  state?: boolean;
}

/** A property's declaration with its attribute's name worked out (undefined: none). */
type Declared = Omit<PropertyOptions, 'attribute'> & { attribute: string | undefined };

/** Each class's properties, its superclasses' with them: property name → declaration. */
const classes = new WeakMap<object, Map<string, Declared>>();

/**
 * The part of Lit's ReactiveElement our element uses, with its semantics and none of its weight
 * (no decorators, dev-mode warnings, SSR or polyfills): reactive properties with attributes,
 * one batched update per microtask, the update lifecycle, reactive controllers and a shadow
 * root with constructable style sheets. It renders nothing itself: a subclass renders in
 * `update` after calling `super.update`. Lit's `firstUpdated` and `updated` are left out (our
 * element has no use for them; a controller's `hostUpdated` comes at the same moment).
 */
export class UpdatingElement extends HTMLElement implements ReactiveControllerHost {
  /** Reactive properties: setting one schedules an update. */
  static properties?: Record<string, PropertyOptions>;
  /** Adopted by the shadow root. */
  static styles?: CSSStyleSheet[];

  /** Read by `customElements.define`: the first moment the class is known, so it is set up here. */
  static get observedAttributes(): string[] {
    return [...UpdatingElement.#declare(this).values()].flatMap(({ attribute }) => attribute ?? []);
  }

  /** The class's properties, its superclass's first; makes each property's accessors once. */
  static #declare(ctor: typeof UpdatingElement): Map<string, Declared> {
    let declared = classes.get(ctor);
    if (declared) return declared;
    declared = new Map(ctor === UpdatingElement ? [] : UpdatingElement.#declare(Object.getPrototypeOf(ctor)));
    if (Object.hasOwn(ctor, 'properties'))
      for (const [name, options] of Object.entries(ctor.properties!)) {
        const { attribute } = options;
        declared.set(name, {
          ...options,
          attribute:
            options.state || attribute === false
              ? undefined
              : typeof attribute === 'string'
                ? attribute
                : name.toLowerCase(),
        });
        Object.defineProperty(ctor.prototype, name, {
          get(this: UpdatingElement) {
            return this.#values[name];
          },
          set(this: UpdatingElement, value: unknown) {
            const old = this.#values[name];
            this.#values[name] = value;
            this.requestUpdate(name, old);
          },
          configurable: true,
          enumerable: true,
        });
      }
    classes.set(ctor, declared);
    return declared;
  }

  /** The shadow root, made on first connect. */
  renderRoot!: ShadowRoot;
  /** Whether the element has updated at least once. */
  hasUpdated = false;

  /** This element's class's properties. */
  readonly #declared = UpdatingElement.#declare(this.constructor as typeof UpdatingElement);
  readonly #values: Record<string, unknown> = {};
  readonly #controllers = new Set<ReactiveController>();
  /** Changed properties and their first old value, for the pending update. */
  #changed = new Map<PropertyKey, unknown>();
  /** Reflected properties changed other than through their attribute. */
  readonly #reflecting = new Set<string>();
  /** The property being set from its attribute, or written to it: the two must not echo. */
  #syncing?: string | null;
  /** Whether an update is scheduled (set before the first one: the constructor asks for it). */
  #pending?: boolean;
  /** Properties set on the instance before the class was defined (an upgraded element). */
  readonly #early: Record<string, unknown> = {};
  #enable!: (enabled: boolean) => void;
  /** The pending update, or the last one; the first one waits for the first connect. */
  #done: Promise<boolean> = new Promise((resolve) => (this.#enable = resolve));

  constructor() {
    super();
    // Own values would hide the accessors: take them now, set them through the accessors on
    // the first connect, after the subclass's field initialisers.
    for (const name of this.#declared.keys())
      if (Object.hasOwn(this, name)) {
        this.#early[name] = this[name as keyof this];
        delete this[name as keyof this];
      }
    this.requestUpdate();
  }

  /** Resolves after the pending update: true when no other update is pending by then. */
  get updateComplete(): Promise<boolean> {
    return this.#done;
  }

  addController(controller: ReactiveController): void {
    this.#controllers.add(controller);
    if (this.renderRoot && this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  connectedCallback(): void {
    if (!this.renderRoot) {
      (this.renderRoot = this.shadowRoot ?? this.attachShadow({ mode: 'open' })).adoptedStyleSheets =
        (this.constructor as typeof UpdatingElement).styles ?? [];
      Object.assign(this, this.#early);
    }
    this.#enable(true);
    this.#controllers.forEach((controller) => controller.hostConnected?.());
  }

  disconnectedCallback(): void {
    this.#controllers.forEach((controller) => controller.hostDisconnected?.());
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    for (const [name, { attribute: own, type }] of this.#declared)
      if (own === attribute && this.#syncing !== name) {
        this.#syncing = name;
        (this as Record<string, unknown>)[name] =
          type === Boolean ? value !== null : type === Number && value !== null ? Number(value) : value;
        this.#syncing = null;
      }
  }

  /**
   * Schedules an update; with a name, only if that property's value is no longer `oldValue`
   * (`Object.is`, so NaN equals NaN), and records the change for `willUpdate` and `update`.
   */
  requestUpdate(name?: PropertyKey, oldValue?: unknown): void {
    if (name !== undefined) {
      if (Object.is(this[name as keyof this], oldValue)) return;
      // Before the first update Lit reports every old value as undefined.
      if (!this.#changed.has(name)) this.#changed.set(name, this.hasUpdated ? oldValue : undefined);
      if (this.#declared.get(name as string)?.reflect && this.#syncing !== name)
        this.#reflecting.add(name as string);
    }
    if (!this.#pending) {
      this.#pending = true;
      this.#done = this.#perform(this.#done);
    }
  }

  /** Runs one update once `previous` is settled; resolves true when no other update is pending. */
  async #perform(previous: Promise<boolean>): Promise<boolean> {
    try {
      await previous;
    } catch (error) {
      // The failed update's error was someone's to see; awaiting it here must not hide it.
      void Promise.reject(error);
    }
    const changed = this.#changed;
    try {
      this.willUpdate(changed);
      this.#controllers.forEach((controller) => controller.hostUpdate?.());
      this.update(changed);
    } catch (error) {
      this.#markUpdated();
      throw error;
    }
    this.#controllers.forEach((controller) => controller.hostUpdated?.());
    this.hasUpdated = true;
    return !this.#pending;
  }

  #markUpdated(): void {
    this.#changed = new Map();
    this.#pending = false;
  }

  /** Before the update; properties set here join it. */
  willUpdate(_changed: PropertyValues): void {}

  /** Writes reflected properties to their attributes; a subclass renders after calling it. */
  update(_changed: PropertyValues): void {
    for (const name of this.#reflecting) {
      const { attribute } = this.#declared.get(name)!;
      const value = this[name as keyof this];
      this.#syncing = name;
      if (value == null) this.removeAttribute(attribute!);
      else this.setAttribute(attribute!, value as string);
      this.#syncing = null;
    }
    this.#reflecting.clear();
    this.#markUpdated();
  }
}
