import type { Messages } from '../messages.js';

const plural = new Intl.PluralRules('de');
const number = (count: number) => count.toLocaleString('de');
const one = (count: number) => plural.select(count) === 'one';
/** "Eine Antwort", "14 Antworten". */
const responses = (count: number) => (one(count) ? 'Eine Antwort' : `${number(count)} Antworten`);

/** Deutsch. */
export const messages: Messages = {
  heading: (count, title) => `${responses(count)} auf „${title}“`,
  headingNoTitle: responses,
  empty: 'Noch keine Kommentare. Du kannst gern den Anfang machen und deine Gedanken teilen.',
  loading: 'Kommentare werden geladen …',
  loadError: 'Die Kommentare konnten nicht geladen werden.',
  retry: 'Erneut versuchen',
  loadMore: 'Weitere Kommentare laden',
  loadingMore: 'Weitere Kommentare werden geladen …',
  skipped: (count) =>
    one(count)
      ? `${number(count)} Kommentar konnte nicht angezeigt werden.`
      : `${number(count)} Kommentare konnten nicht angezeigt werden.`,
  says: 'sagt:',
  reply: 'Antworten',
  replyTo: (name) => `Antworten an ${name}`,
  inReplyTo: (name) => `als Antwort an ${name}`,
  replyToRemoved: 'als Antwort auf einen Kommentar, den es nicht mehr gibt',
  showMoreReplies: (count) =>
    one(count) ? 'Eine weitere Antwort anzeigen' : `${number(count)} weitere Antworten anzeigen`,
  anonymous: 'Anonym',
  commentLabel: (name, date) => (date ? `${name}, ${date}` : name),
  awaitingModeration: 'Dein Kommentar wartet auf Freischaltung.',
  charactersLeft: (count) => `Noch ${number(count)} Zeichen übrig.`,
  charactersOver: (count) => `${number(count)} Zeichen zu viel: Bitte kürze deinen Kommentar.`,
  leaveReply: 'Hinterlasse einen Kommentar',
  leaveReplyTo: (name) => `Hinterlasse eine Antwort an ${name}`,
  cancelReply: 'Antworten abbrechen',
  requiredNote: 'Erforderliche Felder sind mit * markiert',
  emailNote: 'Deine E-Mail-Adresse wird nicht veröffentlicht.',
  fieldComment: 'Kommentar',
  fieldName: 'Name',
  fieldEmail: 'E-Mail',
  fieldWebsite: 'Website',
  honeypot: 'Dieses Feld bitte leer lassen',
  postComment: 'Kommentar abschicken',
  posting: 'Wird abgeschickt …',
  errorBodyRequired: 'Bitte schreibe einen Kommentar.',
  errorNameRequired: 'Bitte gib einen Namen ein. Ein Pseudonym ist völlig in Ordnung.',
  errorEmailRequired: 'Bitte gib deine E-Mail-Adresse ein. Sie wird nicht veröffentlicht.',
  errorEmailInvalid: 'Bitte gib eine E-Mail-Adresse wie name@example.org ein.',
  errorUrlInvalid: 'Bitte gib eine Webadresse ein, die mit http:// oder https:// beginnt.',
  errorSummary: (count) =>
    one(count)
      ? 'Bitte korrigiere das folgende Feld.'
      : `Bitte korrigiere die folgenden ${number(count)} Felder.`,
  sendFailed: 'Dein Kommentar konnte nicht gesendet werden. Dein Text ist noch da.',
  offline:
    'Du scheinst offline zu sein. Dein Text ist noch da; versuche es erneut, sobald du wieder verbunden bist.',
  unreachable: 'Der Kommentarserver konnte nicht erreicht werden.',
  timeout: 'Der Kommentarserver hat nicht rechtzeitig geantwortet. Dein Text ist noch da.',
  errorInvalidResponse: 'Der Kommentarserver hat eine Antwort geschickt, die diese Seite nicht lesen kann.',
  errorServer: (status) => `Beim Kommentarserver ist ein Problem aufgetreten (${status}).`,
  errorBlocked: (origin) =>
    `Die Content Security Policy dieser Seite erlaubt keine Verbindungen zu ${origin}. Wer die Website betreibt, muss diese Adresse in connect-src aufnehmen.`,
  rateLimited: (seconds) =>
    seconds === null
      ? 'Zu viele Kommentare in kurzer Zeit. Bitte warte einen Moment und versuche es dann erneut.'
      : `Zu viele Kommentare in kurzer Zeit. Bitte versuche es in ${number(Math.ceil(seconds))} ${
          one(Math.ceil(seconds)) ? 'Sekunde' : 'Sekunden'
        } erneut.`,
  posted: 'Dein Kommentar wurde veröffentlicht.',
  configError: 'Der Kommentarbereich ist nicht richtig eingerichtet:',
  configNoEndpoint: 'Das Attribut endpoint fehlt.',
  configBadEndpoint: (endpoint) => `Der endpoint „${endpoint}“ ist keine gültige URL.`,
  configUnknownBackend: (name) => `unbekanntes Backend „${name}“.`,
  waitingForConnection: 'Warten auf eine Verbindung – dein Kommentar wird dann automatisch gesendet.',
  sending: 'Wird gesendet …',
  couldNotSend: (reason) => `Konnte nicht gesendet werden: ${reason}`,
  retrySend: 'Erneut senden',
  edit: 'Bearbeiten',
  draftSaved: (time) => `Entwurf um ${time} auf diesem Gerät gespeichert.`,
  draftSavedShort: 'Entwurf gespeichert',
  draftMemoryOnly:
    'Dein Entwurf bleibt nur in diesem Fenster erhalten: Dieser Browser lässt die Seite ihn nicht speichern.',
  discardDraft: 'Entwurf verwerfen',
  draftDiscarded: 'Entwurf verworfen.',
  undo: 'Rückgängig',
  rememberMe:
    'Meinen Namen, meine E-Mail-Adresse und meine Website in diesem Browser für die nächste Kommentierung speichern.',
  draftChangedElsewhere: 'Du hast diesen Entwurf auch in einem anderen Tab geändert.',
  useOtherVersion: 'Die andere Fassung übernehmen',
  shownAsOf: (time, offline) =>
    `Stand: ${time}. ${offline ? 'Du bist offline.' : 'Der Kommentar-Server ist nicht erreichbar.'}`,
  draftKept: (name) => `Deine noch nicht gesendete Antwort an ${name} ist gespeichert.`,
  goToDraft: 'Dorthin',
  notifyMe: 'Mich per E-Mail benachrichtigen, wenn jemand antwortet',
  notifyNeedsEmail: 'Gib dafür deine E-Mail-Adresse ein.',
  notifyConfirm:
    'Bitte bestätige per E-Mail: Öffne den Link, den wir dir gerade geschickt haben, um über Antworten informiert zu werden.',
  byOwner: 'Betreiber der Seite',
  edited: 'bearbeitet',
  deleteComment: 'Löschen',
  deleteAsk: 'Diesen Kommentar löschen?',
  keep: 'Behalten',
  editHeading: 'Deinen Kommentar bearbeiten',
  saveEdit: 'Änderungen speichern',
  cancelEdit: 'Abbrechen',
  changeSaved: 'Deine Änderung wurde gespeichert.',
  deleted: 'Dein Kommentar wurde gelöscht.',
};
