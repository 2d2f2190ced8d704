import { expect } from '@open-wc/testing';
import { newClientId } from '../../src/model/client-id.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newClientId', () => {
  it('is a uuid v4 from crypto.randomUUID where the page is a secure context', () => {
    expect(newClientId()).to.match(UUID_V4);
  });

  it('makes a uuid v4 from getRandomValues where randomUUID is missing (a blog on plain http)', () => {
    const insecure = {
      getRandomValues: <T extends ArrayBufferView | null>(array: T) => crypto.getRandomValues(array),
    };
    const ids = Array.from({ length: 200 }, () => newClientId(insecure));
    for (const id of ids) expect(id).to.match(UUID_V4);
    expect(new Set(ids).size).to.equal(ids.length);
    // Every random digit takes every value: none is stuck (the variant digit only 8 to b).
    const digits = new Set(
      ids.flatMap((id) => [...id.replace(/-/g, '')].filter((_, at) => at !== 12 && at !== 16)),
    );
    expect(digits.size).to.equal(16);
    expect(new Set(ids.map((id) => id[19]))).to.deep.equal(new Set(['8', '9', 'a', 'b']));
  });

  it('fixes the version and variant bits whatever the random bytes are', () => {
    const allOnes = {
      getRandomValues: <T extends ArrayBufferView | null>(array: T) => (
        (array as unknown as Uint8Array).fill(255),
        array
      ),
    };
    const allZeros = { getRandomValues: <T extends ArrayBufferView | null>(array: T) => array };
    expect(newClientId(allOnes)).to.equal('ffffffff-ffff-4fff-bfff-ffffffffffff');
    expect(newClientId(allZeros)).to.equal('00000000-0000-4000-8000-000000000000');
  });
});
