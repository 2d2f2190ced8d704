/** The package entry: defines `<recovery-comments>` and `<rc-composer>`, and exports every public type (./api.js). */
import './define.js';

export { defineElements } from './define.js';
export * from './api.js';
