import { expect } from '@open-wc/testing';
import fc from 'fast-check';
import { englishDate, writesEnglishDates } from '../../src/i18n/en-date.js';

// English dates are written without Intl (its first DateTimeFormat costs Chromium 20-130 ms):
// what they say must be exactly what Intl says, in this browser's time zone.

const intl = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeStyle: 'short' });

describe('englishDate', () => {
  it('writes what Intl writes in English, for any date from 1000 to 9999', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('1000-01-02T00:00:00Z'),
          max: new Date('9999-12-30T00:00:00Z'),
          noInvalidDate: true,
        }),
        (date) => {
          expect(englishDate(date)).to.equal(intl.format(date));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('midnight, noon, single-digit days and minutes as Intl writes them', () => {
    for (const local of [
      new Date(2026, 0, 1, 0, 0),
      new Date(2026, 0, 1, 0, 5),
      new Date(2026, 5, 9, 12, 0),
      new Date(2026, 11, 31, 23, 59),
      new Date(2026, 2, 8, 7, 30),
    ])
      expect(englishDate(local)).to.equal(intl.format(local));
    expect(englishDate(new Date(2026, 0, 1, 0, 5))).to.equal('January 1, 2026 at 12:05 AM');
    expect(englishDate(new Date(2026, 5, 9, 12, 0))).to.equal('June 9, 2026 at 12:00 PM');
  });

  it('leaves to Intl what it writes otherwise: invalid dates, years outside 1000-9999', () => {
    expect(englishDate(new Date('not a date'))).to.equal(null);
    expect(englishDate(new Date(999, 5, 1))).to.equal(null);
    expect(englishDate(new Date(10_000, 5, 1))).to.equal(null);
    expect(englishDate(new Date(-50, 5, 1))).to.equal(null);
  });

  it('is used for plain and US English only', () => {
    for (const tag of ['en', 'EN', 'en-US', 'en-us']) expect(writesEnglishDates(tag), tag).to.equal(true);
    for (const tag of ['en-GB', 'en-AU', 'de', 'english', 'en-US-x-y', ''])
      expect(writesEnglishDates(tag), tag).to.equal(false);
  });
});
