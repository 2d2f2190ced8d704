import { expect } from '@open-wc/testing';
import { formatTime } from '../../src/i18n/format-time.js';

describe('formatTime', () => {
  const nineFortyOne = new Date(2026, 0, 1, 9, 41).getTime();

  it("writes a time of day in the locale it is given, and in another when the section's language changes", () => {
    expect(formatTime('de', nineFortyOne)).to.equal('09:41');
    expect(formatTime('en-US', nineFortyOne)).to.match(/^9:41\sAM$/);
    expect(formatTime('de', nineFortyOne)).to.equal('09:41');
  });
});
