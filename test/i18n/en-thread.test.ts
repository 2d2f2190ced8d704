import { expect } from '@open-wc/testing';
import { enThread } from '../../src/i18n/en-thread.js';

describe('English thread words', () => {
  it('writes counts as English does, with a comma every three digits', () => {
    for (const count of [0, 2, 999, 1000, 12_345, 1_234_567, 10_000_000])
      expect(enThread.headingNoTitle(count), String(count)).to.equal(
        `${count.toLocaleString('en')} Responses`,
      );
    expect(enThread.headingNoTitle(1)).to.equal('One Response');
    expect(enThread.showMoreReplies(1234)).to.equal('Show 1,234 more replies');
  });
});
