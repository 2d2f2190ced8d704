import { expect } from '@open-wc/testing';
import { formatBody } from '../../src/model/text.js';
import { wpHtmlToText } from '../../src/model/wp-html.js';

interface Fixture {
  name: string;
  html: string;
  text: string;
}

// The same list the importer is tested on (test/server/import-html-text.test.js).
const fixtures = (await (
  await fetch(new URL('../fixtures/wp-html.json', import.meta.url))
).json()) as Fixture[];

describe('wpHtmlToText', () => {
  for (const fixture of fixtures) {
    it(fixture.name, () => {
      expect(wpHtmlToText(fixture.html)).to.equal(fixture.text);
    });
  }

  it('gives the text model paragraphs, lines and links', () => {
    const body = wpHtmlToText(
      '<p>One<br />\ntwo <a href="https://example.org/" rel="nofollow ugc">https://example.org/</a></p>\n<p>Three</p>',
    );
    const paragraphs = formatBody(body);
    expect(paragraphs).to.have.length(2);
    expect(paragraphs[0]).to.have.length(2);
    expect(paragraphs[0]![1]).to.deep.include({
      kind: 'link',
      text: 'https://example.org/',
      href: 'https://example.org/',
    });
  });

  it('never touches the document', () => {
    let created = 0;
    const original = document.createElement.bind(document);
    document.createElement = ((name: string) => {
      created++;
      return original(name);
    }) as typeof document.createElement;
    try {
      wpHtmlToText('<img src=x onerror="window.hit = 1"><script>window.hit = 2</script>');
    } finally {
      document.createElement = original;
    }
    expect(created).to.equal(0);
    expect((window as unknown as { hit?: number }).hit).to.equal(undefined);
  });

  it('finishes on deeply nested hostile input', () => {
    const html =
      '<b>'.repeat(20_000) + '<a href="https://x.example/">'.repeat(2_000) + '&amp;'.repeat(20_000);
    expect(wpHtmlToText(html)).to.have.length.greaterThan(20_000);
  });
});
