import type { PropertyValues, ReactiveController, ReactiveControllerHost } from 'lit';

/** How one reactive property meets its attribute: the part of Lit's declaration we use. */
export interface PropertyOptions {
  /** The attribute's name, or false for none; true or absent: the lowercased property name. */
  attribute?: string | boolean;
  /** How the attribute's text becomes the value (Number: null when absent); text otherwise. */
  type?: typeof Number | typeof Boolean;
  /** Writes the value back to the attribute after each update. */
  reflect?: boolean;
  /** Internal state: no attribute. */
  state?: boolean;
}

/** One constructable sheet or (nested) lists of them, as `static styles` takes them. */
export type Styles = CSSStyleSheet | readonly Styles[];

/** What a class's static declarations come to, worked out once per class. */
interface ClassInfo {
  /** Property name → its declaration, with the attribute's name resolved (undefined: none). */
  options: Map<string, Omit<PropertyOptions, 'attribute'> & { attribute: string | undefined }>;
  /** Attribute name → property name. */
  attributes: Map<string, string>;
  sheets: CSSStyleSheet[];
}

const classes = new WeakMap<object, ClassInfo>();

/**
 * The part of Lit's ReactiveElement our element uses, with its semantics and none of its weight
 * (no decorators, dev-mode warnings, SSR or polyfills): reactive properties with attributes,
 * one batched update per microtask, the update lifecycle, reactive controllers and a shadow
 * root with constructable style sheets. It renders nothing itself: a subclass renders in
 * `update` after calling `super.update`.
 */
export class UpdatingElement extends HTMLElement implements ReactiveControllerHost {
  /** Reactive properties: setting one schedules an update. */
  static properties: Record<string, PropertyOptions> = {};
  /** Adopted by the shadow root. */
  static styles?: Styles;

  /** Read by `customElements.define`: the first moment the class is known, so it is set up here. */
  static get observedAttributes(): string[] {
    return [...UpdatingElement.#classInfo(this).attributes.keys()];
  }

  /** The class's properties, its superclass's first; makes each property's accessors once. */
  static #classInfo(ctor: typeof UpdatingElement): ClassInfo {
    let info = classes.get(ctor);
    if (info) return info;
    const options = new Map(
      ctor === UpdatingElement ? [] : UpdatingElement.#classInfo(Object.getPrototypeOf(ctor)).options,
    );
    if (Object.hasOwn(ctor, 'properties'))
      for (const [name, declared] of Object.entries(ctor.properties)) {
        const { attribute, state } = declared;
        options.set(name, {
          ...declared,
          attribute:
            state || attribute === false
              ? undefined
              : typeof attribute === 'string'
                ? attribute
                : name.toLowerCase(),
        });
        Object.defineProperty(ctor.prototype, name, {
          get(this: UpdatingElement) {
            return this.#values.get(name);
          },
          set(this: UpdatingElement, value: unknown) {
            const old = this.#values.get(name);
            this.#values.set(name, value);
            this.requestUpdate(name, old);
          },
          configurable: true,
          enumerable: true,
        });
      }
    const attributes = new Map<string, string>();
    for (const [name, { attribute }] of options) if (attribute !== undefined) attributes.set(attribute, name);
    info = {
      options,
      attributes,
      sheets: ([ctor.styles ?? []] as unknown[]).flat(Infinity) as CSSStyleSheet[],
    };
    classes.set(ctor, info);
    return info;
  }

  /** The shadow root, made on first connect. */
  renderRoot!: ShadowRoot;
  /** Whether the element has updated at least once. */
  hasUpdated = false;

  /** This element's class, worked out once per class. */
  readonly #class = UpdatingElement.#classInfo(this.constructor as typeof UpdatingElement);
  readonly #values = new Map<string, unknown>();
  readonly #controllers = new Set<ReactiveController>();
  /** Changed properties and their first old value, for the pending update. */
  #changed = new Map<PropertyKey, unknown>();
  #reflecting = new Set<string>();
  /** The property being set from its attribute, or written to it: the two must not echo. */
  #syncing: string | null = null;
  #pending = false;
  /** Properties set on the instance before the class was defined (an upgraded element). */
  #early: Map<string, unknown> | null = null;
  #enable!: (enabled: boolean) => void;
  /** The pending update, or the last one; the first one waits for the first connect. */
  #done: Promise<boolean> = new Promise((resolve) => (this.#enable = resolve));

  constructor() {
    super();
    // Own values would hide the accessors: take them now, set them through the accessors at
    // the first update.
    for (const name of this.#class.options.keys())
      if (Object.hasOwn(this, name)) {
        (this.#early ??= new Map()).set(name, this[name as keyof this]);
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
    if (this.renderRoot !== undefined && this.isConnected) controller.hostConnected?.();
  }

  removeController(controller: ReactiveController): void {
    this.#controllers.delete(controller);
  }

  connectedCallback(): void {
    if (!this.renderRoot) {
      this.renderRoot = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
      this.renderRoot.adoptedStyleSheets = this.#class.sheets;
    }
    this.#enable(true);
    this.#controllers.forEach((controller) => controller.hostConnected?.());
  }

  disconnectedCallback(): void {
    this.#controllers.forEach((controller) => controller.hostDisconnected?.());
  }

  attributeChangedCallback(attribute: string, _old: string | null, value: string | null): void {
    const name = this.#class.attributes.get(attribute);
    if (name === undefined || this.#syncing === name) return;
    const { type } = this.#class.options.get(name)!;
    this.#syncing = name;
    (this as Record<string, unknown>)[name] =
      type === Boolean ? value !== null : type === Number && value !== null ? Number(value) : value;
    this.#syncing = null;
  }

  /**
   * Schedules an update; with a name, only if that property's value is no longer `oldValue`
   * (`Object.is`, so NaN equals NaN), and records the change for `willUpdate` and `updated`.
   */
  requestUpdate(name?: PropertyKey, oldValue?: unknown): void {
    if (name !== undefined) {
      if (Object.is(this[name as keyof this], oldValue)) return;
      // Before the first update Lit reports every old value as undefined.
      if (!this.#changed.has(name)) this.#changed.set(name, this.hasUpdated ? oldValue : undefined);
      if (this.#class.options.get(name as string)?.reflect && this.#syncing !== name)
        this.#reflecting.add(name as string);
    }
    if (!this.#pending) this.#done = this.#enqueue();
  }

  async #enqueue(): Promise<boolean> {
    this.#pending = true;
    try {
      await this.#done;
    } catch (error) {
      // The failed update's error was someone's to see; awaiting it here must not hide it.
      void Promise.reject(error);
    }
    this.#perform();
    return !this.#pending;
  }

  #perform(): void {
    if (!this.hasUpdated && this.#early) {
      for (const [name, value] of this.#early) (this as Record<string, unknown>)[name] = value;
      this.#early = null;
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
    if (!this.hasUpdated) {
      this.hasUpdated = true;
      this.firstUpdated(changed);
    }
    this.updated(changed);
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
      const { attribute, type } = this.#class.options.get(name)!;
      if (attribute === undefined) continue;
      const value = this[name as keyof this];
      const text = type === Boolean ? (value ? '' : null) : value;
      this.#syncing = name;
      if (text == null) this.removeAttribute(attribute);
      else this.setAttribute(attribute, String(text));
      this.#syncing = null;
    }
    this.#reflecting.clear();
    this.#markUpdated();
  }

  /** After the first update only, before `updated`. */
  firstUpdated(_changed: PropertyValues): void {}

  /** After each update; properties set here schedule another. */
  updated(_changed: PropertyValues): void {}
}
