import type { CommentViewOptions } from '../../src/components/comment-view.js';
import { enThread } from '../../src/i18n/en-thread.js';
import type { Messages } from '../../src/i18n/messages.js';
import type { Comment } from '../../src/model/types.js';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString();

/** A published comment by "Name <id>", `minute` minutes into 2026. */
export const comment = (
  id: string,
  parentId: string | null,
  minute: number,
  extra: Partial<Comment> = {},
): Comment => ({
  id,
  parentId,
  author: { name: `Name ${id}`, url: null },
  body: `Body of ${id}.`,
  createdAt: at(minute),
  status: 'published',
  ...extra,
});

/** Every kind of comment a conversation can hold: links, the owner, pending, no date, an orphan, depth, a long reply list. */
export const EVERY_KIND: Comment[] = [
  comment('a', null, 1, {
    author: { name: 'Rowan', url: 'https://rowan.example.org/' },
    body: 'First paragraph with https://example.org/x link.\nSecond line.\n\nSecond paragraph.',
  }),
  comment('owner', 'a', 2, { byOwner: true }),
  comment('pending', 'a', 3, { status: 'pending' }),
  comment('nodate', 'a', 4, { createdAt: null, author: { name: '', url: null } }),
  comment('orphan', 'gone', 5),
  comment('deep1', 'owner', 6),
  comment('deep2', 'deep1', 7),
  comment('long', null, 8),
  ...Array.from({ length: 12 }, (_, i) => comment(`r${i}`, 'long', 10 + i)),
];

/** What showing comments needs, in English, with nothing open, linked or expanded. */
export const viewOptions = (): CommentViewOptions => ({
  messages: { ...enThread } as Messages,
  formatDate: (iso) => `on ${iso}`,
  replyTo: null,
  targetId: null,
  composer: null,
  online: true,
  expanded: new Set(),
});

/** The markup exactly as it is, every text node and attribute (both sides are plain DOM: nothing to even out). */
export function markup(root: Element): string {
  const serializer = new XMLSerializer();
  return Array.from(root.childNodes, (node) => serializer.serializeToString(node)).join('');
}
