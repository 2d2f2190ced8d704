/**
 * The prebuilt bundle's entry (`dist/recovery-comments.js`): defines `<recovery-comments>`, and
 * the reply form's `<rc-composer>` once the writing side has loaded (`write/writing.ts`, a file
 * of its own). It exports what the package entry does, but the form's and the device store's
 * classes: importing them here would put the writing side back in what every reader loads
 * first. `npm install recovery-comments` has them (`src/index.ts`).
 */
import { RecoveryComments } from './recovery-comments.js';

if (!customElements.get('recovery-comments')) customElements.define('recovery-comments', RecoveryComments);

export { RecoveryComments };
export { RestBackend } from './backend/rest.js';
export { BackendError } from './backend/backend.js';
export type * from './index.js';
