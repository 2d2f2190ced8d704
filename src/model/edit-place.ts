const EDIT = 'edit:';

/**
 * The reply form's place when it edits the reader's own comment `id`. Drafts are kept per place
 * (the thread, or the comment replied to), so an edit is a draft like any reply, kept apart
 * from a reply to the same comment. The prefix works as `local-` does for unsent comments.
 */
export const editPlace = (id: string): string => EDIT + id;

/** The comment an edit place is for, or null when the place is a reply's. */
export const editedId = (place: string | null): string | null =>
  place?.startsWith(EDIT) ? place.slice(EDIT.length) : null;
