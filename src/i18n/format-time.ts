/** The last time format made, and its locale: one section on a page speaks one language. */
let made: { locale: string; format: Intl.DateTimeFormat } | null = null;

/** A time of day in `locale` ("09:41"), for "Draft saved at …". */
export function formatTime(locale: string, ms: number): string {
  if (made?.locale !== locale)
    made = { locale, format: new Intl.DateTimeFormat(locale, { timeStyle: 'short' }) };
  return made.format.format(ms);
}
