import { RcComposer } from './components/composer.js';
import { RecoveryComments } from './recovery-comments.js';

/**
 * Registers the elements, once: the only module with that side effect, so the classes can be
 * imported (to extend, or to read their types) without defining anything, and a page that
 * loads the bundle twice keeps the first definition instead of throwing.
 */
export function defineElements(): void {
  if (!customElements.get('rc-composer')) customElements.define('rc-composer', RcComposer);
  if (!customElements.get('recovery-comments')) customElements.define('recovery-comments', RecoveryComments);
}

defineElements();

declare global {
  interface HTMLElementTagNameMap {
    'recovery-comments': RecoveryComments;
    'rc-composer': RcComposer;
  }
}
