import { expect } from '@open-wc/testing';
import { BackendError } from '../../src/backend/backend.js';
import { blockedError } from '../../src/backend/csp-blocked.js';
import { watchCsp } from '../../src/backend/csp-watch.js';

/** What the browser dispatches when the page's policy refuses a request. */
const violation = (effectiveDirective: string, blockedURI: string) =>
  new SecurityPolicyViolationEvent('securitypolicyviolation', {
    effectiveDirective,
    violatedDirective: effectiveDirective,
    blockedURI,
    originalPolicy: `${effectiveDirective} 'self'`,
    disposition: 'enforce',
    statusCode: 200,
  });

describe('CSP-blocked requests', () => {
  it('tells a request to an origin the policy refused (connect-src or default-src) from a lost connection', async () => {
    watchCsp();
    document.dispatchEvent(violation('connect-src', 'https://blocked.example.org/api/threads/x/comments'));
    document.dispatchEvent(violation('default-src', 'https://default.example.org/api'));
    // Another directive says nothing about connections.
    document.dispatchEvent(violation('img-src', 'https://images.example.org/a.png'));

    const blocked = await blockedError('https://blocked.example.org/api/threads/y/comments?limit=50');
    expect(blocked).to.be.instanceOf(BackendError);
    expect(blocked!.kind).to.equal('blocked');
    expect(blocked!.message).to.equal(
      "This page's Content Security Policy does not allow connections to https://blocked.example.org. The site owner needs to add it to connect-src.",
    );
    expect((await blockedError('https://default.example.org/other'))?.kind).to.equal('blocked');
    expect(await blockedError('https://images.example.org/api')).to.equal(null);
    expect(await blockedError('https://elsewhere.example.org/api')).to.equal(null);
  });
});
