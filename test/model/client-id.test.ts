import { expect } from '@open-wc/testing';
import { newClientId } from '../../src/model/client-id.js';

// What the reference server takes (server/schemas.js): version 4, variant 8 to b.
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('newClientId', () => {
  it('is a uuid v4 from crypto.randomUUID where the page is a secure context', () => {
    expect(newClientId()).to.match(UUID_V4);
  });

  it('is a fresh uuid v4 from a blob URL where randomUUID is missing (a blog on plain http)', () => {
    const ids = Array.from({ length: 100 }, () => newClientId(false));
    for (const id of ids) expect(id).to.match(UUID_V4);
    expect(new Set(ids).size).to.equal(ids.length);
  });
});
