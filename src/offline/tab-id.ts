/** This tab's id: drafts and outbox leases tell this tab's writes from another tab's by it. */
export const TAB_ID = Math.random().toString(36).slice(2);
