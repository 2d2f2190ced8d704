/** The queue's keyboard shortcuts: one table, used both to handle keys and to list them. */

export type ShortcutAction =
  'next' | 'previous' | 'select' | 'approve' | 'reject' | 'spam' | 'delete' | 'edit' | 'reply' | 'search';

export const SHORTCUTS: ReadonlyArray<{ key: string; action: ShortcutAction; label: string }> = [
  { key: 'j', action: 'next', label: 'next comment' },
  { key: 'k', action: 'previous', label: 'previous comment' },
  { key: 'x', action: 'select', label: 'select or unselect it' },
  { key: 'a', action: 'approve', label: 'approve' },
  { key: 'r', action: 'reject', label: 'reject' },
  { key: 's', action: 'spam', label: 'mark as spam' },
  { key: 'd', action: 'delete', label: 'delete (asks first)' },
  { key: 'e', action: 'edit', label: 'edit' },
  { key: 'm', action: 'reply', label: 'reply as moderator' },
  { key: '/', action: 'search', label: 'search' },
];

/** The action of a key press, or null: never while typing, never with a modifier held. */
export function shortcutFor(event: KeyboardEvent): ShortcutAction | null {
  if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return null;
  const target = event.composedPath()[0];
  if (
    target instanceof HTMLElement &&
    target.closest('input, textarea, select, [contenteditable]') !== null
  ) {
    // A checkbox is an input too, but typing there is not a thing: shortcuts still work on it.
    if (!(target instanceof HTMLInputElement && target.type === 'checkbox')) return null;
  }
  return SHORTCUTS.find((shortcut) => shortcut.key === event.key)?.action ?? null;
}
