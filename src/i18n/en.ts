import { enThread } from './en-thread.js';
import { enWriting } from './en-writing.js';
import type { Messages } from './messages.js';

/**
 * English, whole. The bundle never imports it: the thread's words come first (`en-thread.ts`),
 * the reply form's with the writing side (`en-writing.ts`).
 */
export const en: Messages = { ...enThread, ...enWriting };
