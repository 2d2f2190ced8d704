import { expect } from '@open-wc/testing';
import {
  DeviceStore,
  defineElements,
  RcComposer,
  RecoveryComments,
  type KeyValueStore,
} from '../src/index.js';
import { RecoveryComments as Unregistered } from '../src/recovery-comments.js';

describe('defining the elements', () => {
  it('the package entry defines both elements with the exported classes', () => {
    expect(customElements.get('recovery-comments')).to.equal(RecoveryComments);
    expect(customElements.get('rc-composer')).to.equal(RcComposer);
  });

  it('defines them once: calling again (a page that loads the bundle twice) keeps the first and does not throw', () => {
    expect(() => defineElements()).to.not.throw();
    expect(customElements.get('recovery-comments')).to.equal(RecoveryComments);
  });

  it('exports every public class and type from the entry; the class modules register nothing themselves', () => {
    expect(Unregistered).to.equal(RecoveryComments);
    const store: KeyValueStore = new DeviceStore('rc-define-test');
    expect(store.memoryOnly).to.equal(false);
  });
});
