/** Registers the moderation app's elements (kept apart from their classes, as in the element). */
import { AdminApp } from './admin-app.js';
import { AdminQueue } from './comment-queue.js';
import { AdminSettings } from './trust-settings.js';

customElements.define('rc-admin-app', AdminApp);
customElements.define('rc-admin-queue', AdminQueue);
customElements.define('rc-admin-settings', AdminSettings);
