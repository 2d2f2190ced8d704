const MONTHS = 'January February March April May June July August September October November December'.split(
  ' ',
);

/** Whether `locale` writes dates as `englishDate` does: Intl's plain and US English. */
export const writesEnglishDates = (locale: string): boolean => /^en(-us)?$/i.test(locale);

/**
 * A date as Intl writes it in English (dateStyle long, timeStyle short, the device's time zone):
 * "March 8, 2026 at 7:30 AM", without Intl, whose first DateTimeFormat costs Chromium 20-130 ms
 * of setup the comments would wait for. Null for what Intl writes otherwise (years outside
 * 1000-9999, invalid dates).
 */
export function englishDate(date: Date): string | null {
  const year = date.getFullYear();
  if (!(year >= 1000 && year <= 9999)) return null;
  const hours = date.getHours();
  const minutes = String(date.getMinutes()).padStart(2, '0');
  return `${MONTHS[date.getMonth()]} ${date.getDate()}, ${year} at ${hours % 12 || 12}:${minutes} ${hours < 12 ? 'AM' : 'PM'}`;
}
