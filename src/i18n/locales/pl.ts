import type { Messages } from '../messages.js';

const plural = new Intl.PluralRules('pl');
const number = (count: number) => count.toLocaleString('pl');
type Forms = Record<'one' | 'few' | 'many' | 'other', string>;
/** A count and its noun in the form Polish needs: 1 sekundę, 2 sekundy, 5 sekund, 1,5 sekundy. */
const counted = (count: number, forms: Forms) =>
  `${number(count)} ${forms[plural.select(count) as keyof Forms] ?? forms.other}`;
const ANSWERS: Forms = { one: 'odpowiedź', few: 'odpowiedzi', many: 'odpowiedzi', other: 'odpowiedzi' };
/** "Jedna odpowiedź", "14 odpowiedzi". */
const responses = (count: number) => (count === 1 ? 'Jedna odpowiedź' : counted(count, ANSWERS));

/** Polski. */
export const messages: Messages = {
  heading: (count, title) => `${responses(count)} na „${title}”`,
  headingNoTitle: responses,
  empty: 'Nie ma jeszcze komentarzy. Śmiało, podziel się swoimi przemyśleniami.',
  loading: 'Wczytywanie komentarzy…',
  loadError: 'Nie udało się wczytać komentarzy.',
  retry: 'Spróbuj ponownie',
  loadMore: 'Wczytaj więcej komentarzy',
  loadingMore: 'Wczytywanie kolejnych komentarzy…',
  skipped: (count) =>
    `Nie udało się wyświetlić ${counted(count, { one: 'komentarza', few: 'komentarzy', many: 'komentarzy', other: 'komentarza' })}.`,
  says: 'pisze:',
  reply: 'Odpowiedz',
  replyTo: (name) => `Odpowiedz na komentarz: ${name}`,
  inReplyTo: (name) => `w odpowiedzi na komentarz: ${name}`,
  replyToRemoved: 'w odpowiedzi na komentarz, którego już tu nie ma',
  showMoreReplies: (count) => `Pokaż jeszcze ${counted(count, ANSWERS)}`,
  anonymous: 'Anonim',
  commentLabel: (name, date) => (date ? `${name}, ${date}` : name),
  awaitingModeration: 'Twój komentarz oczekuje na moderację.',
  charactersLeft: (count) =>
    `Pozostało ${counted(count, { one: 'znak', few: 'znaki', many: 'znaków', other: 'znaku' })}.`,
  charactersOver: (count) =>
    `O ${counted(count, { one: 'znak', few: 'znaki', many: 'znaków', other: 'znaku' })} za dużo: skróć komentarz.`,
  leaveReply: 'Dodaj komentarz',
  leaveReplyTo: (name) => `Dodaj odpowiedź na komentarz: ${name}`,
  cancelReply: 'Anuluj pisanie odpowiedzi',
  requiredNote: 'Wymagane pola są oznaczone *',
  emailNote: 'Twój adres e-mail nie zostanie opublikowany.',
  fieldComment: 'Komentarz',
  fieldName: 'Imię lub pseudonim',
  fieldEmail: 'E-mail',
  fieldWebsite: 'Witryna internetowa',
  honeypot: 'Zostaw to pole puste',
  postComment: 'Opublikuj komentarz',
  posting: 'Publikowanie…',
  errorBodyRequired: 'Wpisz treść komentarza.',
  errorNameRequired: 'Wpisz, jak mamy się do Ciebie zwracać. Pseudonim w zupełności wystarczy.',
  errorEmailRequired: 'Podaj swój adres e-mail. Nie zostanie opublikowany.',
  errorEmailInvalid: 'Podaj adres e-mail w postaci imie@example.org.',
  errorUrlInvalid: 'Podaj adres strony zaczynający się od http:// lub https://.',
  errorSummary: (count) =>
    count === 1
      ? 'Popraw pole poniżej.'
      : `Popraw ${counted(count, { one: 'pole', few: 'pola', many: 'pól', other: 'pola' })} poniżej.`,
  sendFailed: 'Nie udało się wysłać komentarza. Twój tekst nadal tu jest.',
  offline:
    'Wygląda na to, że nie masz połączenia z internetem. Twój tekst nadal tu jest; spróbuj ponownie, gdy połączenie wróci.',
  unreachable: 'Nie udało się połączyć z serwerem komentarzy.',
  timeout: 'Serwer komentarzy nie odpowiedział na czas. Twój tekst nadal tu jest.',
  errorInvalidResponse: 'Serwer komentarzy przysłał odpowiedź, której ta strona nie potrafi odczytać.',
  errorServer: (status) => `Wystąpił problem z serwerem komentarzy (${status}).`,
  errorBlocked: (origin) =>
    `Polityka bezpieczeństwa treści (Content Security Policy) tej strony nie zezwala na połączenia z ${origin}. Osoba zarządzająca witryną musi dodać ten adres do connect-src.`,
  rateLimited: (seconds) =>
    seconds === null
      ? 'Zbyt wiele komentarzy w krótkim czasie. Poczekaj chwilę i spróbuj ponownie.'
      : `Zbyt wiele komentarzy w krótkim czasie. Spróbuj ponownie za ${counted(Math.ceil(seconds), {
          one: 'sekundę',
          few: 'sekundy',
          many: 'sekund',
          other: 'sekundy',
        })}.`,
  posted: 'Twój komentarz został opublikowany.',
  configError: 'Sekcja komentarzy nie jest poprawnie skonfigurowana:',
  configNoEndpoint: 'brakuje atrybutu endpoint.',
  configBadEndpoint: (endpoint) => `endpoint „${endpoint}” nie jest prawidłowym adresem URL.`,
  configUnknownBackend: (name) => `nieznany backend „${name}”.`,
  waitingForConnection: 'Czekamy na połączenie – komentarz zostanie wysłany automatycznie.',
  sending: 'Wysyłanie…',
  couldNotSend: (reason) => `Nie udało się wysłać: ${reason}`,
  retrySend: 'Ponów',
  edit: 'Edytuj',
  draftSaved: (time) => `Szkic zapisany na tym urządzeniu o ${time}.`,
  draftSavedShort: 'Szkic zapisany',
  draftMemoryOnly:
    'Twój szkic jest przechowywany tylko w tym oknie: ta przeglądarka nie pozwala stronie go zapisać.',
  discardDraft: 'Odrzuć szkic',
  draftDiscarded: 'Szkic odrzucony.',
  undo: 'Cofnij',
  rememberMe: 'Zapamiętaj moje dane w tej przeglądarce podczas pisania kolejnych komentarzy.',
  draftChangedElsewhere: 'Ten szkic został zmieniony także w innej karcie.',
  useOtherVersion: 'Użyj tamtej wersji',
  shownAsOf: (time, offline) =>
    `Stan z ${time}: ${offline ? 'jesteś offline' : 'nie udało się połączyć z serwerem komentarzy'}.`,
  draftKept: (name) => `Twoja niewysłana odpowiedź dla ${name} jest zachowana.`,
  goToDraft: 'Przejdź do niej',
  notifyMe: 'Powiadom mnie e-mailem, gdy ktoś odpowie',
  notifyNeedsEmail: 'Aby z tego skorzystać, wpisz swój adres e-mail.',
  notifyConfirm:
    'Potwierdź przez e-mail: otwórz link, który właśnie wysłaliśmy, aby dostawać powiadomienia o odpowiedziach.',
  byOwner: 'Właściciel strony',
  edited: 'edytowano',
  deleteComment: 'Usuń',
  deleteAsk: 'Usunąć ten komentarz?',
  keep: 'Zostaw',
  editHeading: 'Edytuj swój komentarz',
  saveEdit: 'Zapisz zmiany',
  cancelEdit: 'Anuluj',
  changeSaved: 'Zmiana została zapisana.',
  deleted: 'Komentarz został usunięty.',
};
