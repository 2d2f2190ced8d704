import { expect } from '@open-wc/testing';
import { BackendError } from '../../src/backend/backend.js';
import { en } from '../../src/i18n/en.js';
import { describeError } from '../../src/i18n/error-text.js';

const endpoint = 'https://comments.example.org/api';

describe('describeError', () => {
  it('words each kind of failure for the reader', () => {
    expect(describeError(new BackendError('blocked', 'x'), en, endpoint)).to.equal(
      en.errorBlocked('https://comments.example.org'),
    );
    expect(describeError(new BackendError('network', 'x'), en, endpoint)).to.equal(en.offline);
    expect(describeError(new BackendError('network', 'x'), en, endpoint, true)).to.equal(en.unreachable);
    expect(describeError(new BackendError('timeout', 'x'), en, endpoint)).to.equal(en.timeout);
    expect(describeError(new BackendError('invalid-response', 'x'), en, endpoint)).to.equal(
      en.errorInvalidResponse,
    );
  });

  it('gives the server’s own words when it sent a code, the status otherwise, and Retry-After for 429', () => {
    expect(
      describeError(new BackendError('http', 'Name reserved.', 422, 'name_reserved'), en, endpoint),
    ).to.equal('Name reserved.');
    expect(describeError(new BackendError('http', 'raw', 502), en, endpoint)).to.equal(en.errorServer(502));
    expect(describeError(new BackendError('http', 'slow', 429, 'rate', null, 30), en, endpoint)).to.equal(
      en.rateLimited(30),
    );
  });

  it('keeps an endpoint that is no URL as it is in the CSP message', () => {
    expect(describeError(new BackendError('blocked', 'x'), en, 'http://[bad')).to.equal(
      en.errorBlocked('http://[bad'),
    );
  });
});
