import { expect } from '@open-wc/testing';
import * as api from '../src/api.js';
import { defineElements, RcComposer, RecoveryComments, type KeyValueStore } from '../src/index.js';

describe('defining the elements', () => {
  it('the package entry defines both elements with the exported classes', () => {
    expect(customElements.get('recovery-comments')).to.equal(RecoveryComments);
    expect(customElements.get('rc-composer')).to.equal(RcComposer);
  });

  it('defines them once: calling again (a page that loads the bundle twice) keeps the first and does not throw', () => {
    expect(() => defineElements()).to.not.throw();
    expect(customElements.get('recovery-comments')).to.equal(RecoveryComments);
  });

  it('exports the classes without defining from the side-effect-free module, and every public type', () => {
    expect(api.RecoveryComments).to.equal(RecoveryComments);
    expect('defineElements' in api).to.equal(false);
    const store: KeyValueStore = new api.DeviceStore('rc-define-test');
    expect(store.memoryOnly).to.equal(false);
  });
});
