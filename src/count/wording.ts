/**
 * "14 Responses" in each language the section speaks, for the count element alone: the section's
 * catalogs are far too big for a 2 KB script, so this table repeats their `headingNoTitle`
 * wording (a test holds the two together). `#` is where the number goes. A key "=1" is for
 * exactly one, used where the language's "one" category covers more numbers (0 in French and
 * Portuguese, 21 in Ukrainian) but only 1 is written as a word.
 */
const WORDS: Record<string, Record<string, string>> = {
  en: { one: 'One Response', other: '# Responses' },
  ar: { zero: 'لا ردود', one: 'رد واحد', two: 'ردان', few: '# ردود', many: '# ردًا', other: '# رد' },
  de: { one: 'Eine Antwort', other: '# Antworten' },
  es: { one: 'Una respuesta', many: '# de respuestas', other: '# respuestas' },
  fr: { '=1': 'Une réponse', one: '# réponse', many: '# de réponses', other: '# réponses' },
  pl: { one: 'Jedna odpowiedź', other: '# odpowiedzi' },
  pt: { '=1': 'Uma resposta', one: '# resposta', many: '# de respostas', other: '# respostas' },
  uk: {
    '=1': 'Одна відповідь',
    one: '# відповідь',
    few: '# відповіді',
    many: '# відповідей',
    other: '# відповіді',
  },
};

/** The language of a tag that this table speaks: "de-AT" → "de", anything unknown → "en". */
export function countLanguage(tag: string): string {
  const primary = tag.toLowerCase().split(/[-_]/)[0] ?? '';
  // hasOwn, not `in`: lang="constructor" must not find Object's own properties.
  return Object.hasOwn(WORDS, primary) ? primary : 'en';
}

/** "14 Responses", "Eine Antwort", "١٤ ردًا": a whole, non-negative count in the language of `tag`. */
export function countWording(count: number, tag: string): string {
  const lang = countLanguage(tag);
  const forms = WORDS[lang] as Record<string, string>;
  const form =
    forms[`=${count}`] ?? forms[new Intl.PluralRules(lang).select(count)] ?? (forms.other as string);
  return form.replace('#', count.toLocaleString(lang));
}
