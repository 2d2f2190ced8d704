/**
 * The entry of dist/recovery-comments-count.js: defines `<recovery-comments-count>` once. It
 * exports nothing, so the built file is one IIFE that works as a classic and as a module script.
 */
import { RecoveryCommentsCount } from './count-element.js';

// A page may load the script twice (a theme and a plugin); the second must not throw.
if (!customElements.get('recovery-comments-count')) {
  customElements.define('recovery-comments-count', RecoveryCommentsCount);
}
