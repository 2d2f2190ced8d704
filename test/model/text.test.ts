import { expect } from '@open-wc/testing';
import { formatBody, linkify } from '../../src/model/text.js';

describe('formatBody', () => {
  it('splits paragraphs on blank lines and lines on newlines', () => {
    const paragraphs = formatBody('one\ntwo\n\nthree\r\n\r\n\r\nfour');
    expect(paragraphs.map((lines) => lines.map((line) => line.map((s) => s.text).join('')))).to.deep.equal([
      ['one', 'two'],
      ['three'],
      ['four'],
    ]);
  });

  it('lays out a one-line body without a link (its quick path) as the full splitting does', () => {
    // A trailing newline sends the same body through the full path and changes nothing else.
    for (const body of [
      'Hello.',
      '  spaced  ',
      '   ',
      '',
      'see www.example.org',
      'ftp://x',
      'ok HTTPS://x.org',
    ]) {
      expect(formatBody(body), JSON.stringify(body)).to.deep.equal(formatBody(`${body}\n`));
    }
    expect(formatBody('Hello.')).to.deep.equal([[[{ kind: 'text', text: 'Hello.' }]]]);
  });

  it('drops empty paragraphs', () => {
    expect(formatBody('\n\n  \n\nhi\n\n')).to.have.length(1);
  });
});

describe('linkify', () => {
  it('turns http(s) URLs into links and leaves the sentence punctuation outside', () => {
    expect(linkify('See https://example.org/a?b=1. Then')).to.deep.equal([
      { kind: 'text', text: 'See ' },
      { kind: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { kind: 'text', text: '. Then' },
    ]);
  });

  it('keeps balanced brackets and drops an unbalanced closing one', () => {
    expect(linkify('(see http://example.org/x_(y))')[1]).to.deep.include({
      text: 'http://example.org/x_(y)',
    });
    expect(linkify('(see http://example.org/x)')[1]).to.deep.include({ text: 'http://example.org/x' });
  });

  it('never links other schemes', () => {
    for (const text of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'ftp://example.org',
      'vbscript:x',
    ]) {
      expect(linkify(text).every((segment) => segment.kind === 'text')).to.equal(true);
    }
  });
});
