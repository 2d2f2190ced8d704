import { expect } from '@open-wc/testing';
import { formFieldOf, validateFields } from '../../src/model/validate.js';

const ok = { body: 'hi', name: 'Anon', email: '', url: '' };

describe('validateFields', () => {
  it('passes a minimal valid comment', () => {
    expect(validateFields(ok, false)).to.deep.equal({});
  });
  it('requires a comment and a name, and email only when asked', () => {
    expect(validateFields({ body: '  ', name: '', email: '', url: '' }, true)).to.deep.equal({
      body: 'body-required',
      name: 'name-required',
      email: 'email-required',
    });
  });
  it('rejects a malformed email and a non-http website', () => {
    expect(validateFields({ ...ok, email: 'nope', url: 'javascript:alert(1)' }, false)).to.deep.equal({
      email: 'email-invalid',
      url: 'url-invalid',
    });
  });
  it('maps server fields onto form fields', () => {
    expect(formFieldOf('author.name')).to.equal('name');
    expect(formFieldOf('body')).to.equal('body');
    expect(formFieldOf('clientId')).to.equal(null);
  });
});
