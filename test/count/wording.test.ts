import { expect } from '@open-wc/testing';
import { en } from '../../src/i18n/en.js';
import { messages as ar } from '../../src/i18n/locales/ar.js';
import { messages as de } from '../../src/i18n/locales/de.js';
import { messages as es } from '../../src/i18n/locales/es.js';
import { messages as fr } from '../../src/i18n/locales/fr.js';
import { messages as pl } from '../../src/i18n/locales/pl.js';
import { messages as pt } from '../../src/i18n/locales/pt.js';
import { messages as uk } from '../../src/i18n/locales/uk.js';
import type { Messages } from '../../src/i18n/messages.js';
import { shippedLanguages } from '../../src/i18n/locales/index.js';
import { countLanguage, countWording } from '../../src/count/wording.js';

const CATALOGS: Record<string, Messages> = { en, ar, de, es, fr, pl, pt, uk };
/** Every plural category of the shipped languages is among these. */
const COUNTS = [0, 1, 2, 3, 4, 5, 10, 11, 12, 14, 21, 22, 25, 100, 101, 102, 111, 1000, 1_000_000, 2_000_000];

describe('count wording', () => {
  it('speaks every shipped locale', () => {
    expect(Object.keys(CATALOGS).sort()).to.deep.equal(shippedLanguages().sort());
    for (const lang of shippedLanguages()) expect(countLanguage(lang)).to.equal(lang);
  });

  for (const [lang, catalog] of Object.entries(CATALOGS)) {
    it(`${lang}: says what the section's heading says, for every plural form`, () => {
      for (const count of COUNTS)
        expect(countWording(count, lang), `${count}`).to.equal(catalog.headingNoTitle(count));
    });
  }

  it('reads region subtags and falls back to English for unknown or hostile tags', () => {
    expect(countWording(14, 'de-AT')).to.equal('14 Antworten');
    expect(countWording(1, 'pt_BR')).to.equal('Uma resposta');
    for (const tag of ['xx', '', 'constructor', '__proto__', 'toString-DE'])
      expect(countWording(2, tag), tag).to.equal('2 Responses');
  });

  it('German as the issue asks: "Eine Antwort", "14 Antworten", "1.000 Antworten"', () => {
    expect(countWording(1, 'de')).to.equal('Eine Antwort');
    expect(countWording(14, 'de')).to.equal('14 Antworten');
    expect(countWording(1000, 'de')).to.equal('1.000 Antworten');
  });
});
