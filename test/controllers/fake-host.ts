import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Enough of a Lit host for a controller on its own: it records controllers and update requests,
 * and plays connect and disconnect. As an element, so controllers that measure it can.
 */
export class FakeHost extends HTMLElement implements ReactiveControllerHost {
  readonly controllers: ReactiveController[] = [];
  updates = 0;
  updateComplete: Promise<boolean> = Promise.resolve(true);

  addController(controller: ReactiveController): void {
    this.controllers.push(controller);
  }
  removeController(controller: ReactiveController): void {
    this.controllers.splice(this.controllers.indexOf(controller), 1);
  }
  requestUpdate(): void {
    this.updates++;
  }
  connectedCallback(): void {
    for (const controller of this.controllers) controller.hostConnected?.();
  }
  disconnectedCallback(): void {
    for (const controller of this.controllers) controller.hostDisconnected?.();
  }
  /** Plays an update's end for the controllers. */
  updated(): void {
    for (const controller of this.controllers) controller.hostUpdated?.();
  }
}
customElements.define('rc-fake-host', FakeHost);

export const frames = async (count = 1): Promise<void> => {
  for (let i = 0; i < count; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
};
