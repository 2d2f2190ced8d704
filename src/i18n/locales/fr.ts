import type { Messages } from '../messages.js';

const plural = new Intl.PluralRules('fr');
const number = (count: number) => count.toLocaleString('fr');
/** The noun for a count: "1 réponse", "0 réponse", "14 réponses", "1 000 000 de réponses". */
const counted = (count: number, singular: string, pluralForm: string) => {
  const category = plural.select(count);
  if (category === 'one') return `${number(count)} ${singular}`;
  if (category === 'many') return `${number(count)} de ${pluralForm}`;
  return `${number(count)} ${pluralForm}`;
};
/** "Une réponse", "14 réponses". */
const responses = (count: number) => (count === 1 ? 'Une réponse' : counted(count, 'réponse', 'réponses'));

/** Français. */
export const messages: Messages = {
  heading: (count, title) => `${responses(count)} à «\u00a0${title}\u00a0»`,
  headingNoTitle: responses,
  empty: 'Aucun commentaire pour le moment. N’hésitez pas à partager vos réflexions en premier.',
  loading: 'Chargement des commentaires…',
  loadError: 'Les commentaires n’ont pas pu être chargés.',
  retry: 'Réessayer',
  loadMore: 'Afficher plus de commentaires',
  loadingMore: 'Chargement d’autres commentaires…',
  skipped: (count) =>
    plural.select(count) === 'one'
      ? `${counted(count, 'commentaire', 'commentaires')} n’a pas pu être affiché.`
      : `${counted(count, 'commentaire', 'commentaires')} n’ont pas pu être affichés.`,
  says: 'dit\u00a0:',
  reply: 'Répondre',
  replyTo: (name) => `Répondre à ${name}`,
  inReplyTo: (name) => `en réponse à ${name}`,
  replyToRemoved: 'en réponse à un commentaire qui n’est plus là',
  showMoreReplies: (count) =>
    plural.select(count) === 'many'
      ? `Afficher ${number(count)} d’autres réponses`
      : `Afficher ${number(count)} ${plural.select(count) === 'one' ? 'autre réponse' : 'autres réponses'}`,
  anonymous: 'Anonyme',
  commentLabel: (name, date) => (date ? `${name}, ${date}` : name),
  awaitingModeration: 'Votre commentaire est en attente de modération.',
  charactersLeft: (count) =>
    count === 1 ? 'Il reste 1 caractère.' : `Il reste ${counted(count, 'caractère', 'caractères')}.`,
  charactersOver: (count) =>
    `${counted(count, 'caractère', 'caractères')} de trop\u00a0: veuillez raccourcir votre commentaire.`,
  leaveReply: 'Laisser un commentaire',
  leaveReplyTo: (name) => `Répondre à ${name}`,
  cancelReply: 'Annuler la réponse',
  requiredNote: 'Les champs obligatoires sont indiqués avec *',
  emailNote: 'Votre adresse e-mail ne sera pas publiée.',
  fieldComment: 'Commentaire',
  fieldName: 'Nom',
  fieldEmail: 'E-mail',
  fieldWebsite: 'Site web',
  honeypot: 'Laissez ce champ vide',
  postComment: 'Envoyer le commentaire',
  posting: 'Envoi en cours…',
  errorBodyRequired: 'Veuillez écrire un commentaire.',
  errorNameRequired: 'Veuillez indiquer un nom. Un pseudonyme convient tout à fait.',
  errorEmailRequired: 'Veuillez indiquer votre adresse e-mail. Elle ne sera pas publiée.',
  errorEmailInvalid: 'Veuillez indiquer une adresse e-mail de la forme nom@example.org.',
  errorUrlInvalid: 'Veuillez indiquer une adresse web commençant par http:// ou https://.',
  errorSummary: (count) =>
    count === 1
      ? 'Veuillez corriger le champ ci-dessous.'
      : `Veuillez corriger les ${counted(count, 'champ', 'champs')} ci-dessous.`,
  sendFailed: 'Votre commentaire n’a pas pu être envoyé. Votre texte est toujours là.',
  offline:
    'Vous semblez être hors ligne. Votre texte est toujours là\u202f; réessayez une fois la connexion revenue.',
  unreachable: 'Impossible de joindre le serveur des commentaires.',
  timeout: 'Le serveur des commentaires n’a pas répondu à temps. Votre texte est toujours là.',
  errorInvalidResponse: 'Le serveur des commentaires a envoyé une réponse que cette page ne sait pas lire.',
  errorServer: (status) => `Le serveur des commentaires a rencontré un problème (${status}).`,
  errorBlocked: (origin) =>
    `La politique de sécurité du contenu (Content Security Policy) de cette page n’autorise pas les connexions vers ${origin}. La personne qui gère le site doit l’ajouter à connect-src.`,
  rateLimited: (seconds) =>
    seconds === null
      ? 'Trop de commentaires en peu de temps. Veuillez patienter un instant, puis réessayer.'
      : `Trop de commentaires en peu de temps. Veuillez réessayer dans ${counted(Math.ceil(seconds), 'seconde', 'secondes')}.`,
  posted: 'Votre commentaire a été publié.',
  configError: 'L’espace commentaires n’est pas configuré correctement\u00a0:',
  configNoEndpoint: 'l’attribut endpoint est manquant.',
  configBadEndpoint: (endpoint) => `l’endpoint «\u00a0${endpoint}\u00a0» n’est pas une URL valide.`,
  configUnknownBackend: (name) => `backend «\u00a0${name}\u00a0» inconnu.`,
  waitingForConnection: 'En attente d’une connexion — votre commentaire sera envoyé automatiquement.',
  sending: 'Envoi en cours…',
  couldNotSend: (reason) => `Envoi impossible\u00a0: ${reason}`,
  retrySend: 'Réessayer',
  edit: 'Modifier',
  draftSaved: (time) => `Brouillon enregistré sur cet appareil à ${time}.`,
  draftSavedShort: 'Brouillon enregistré',
  draftMemoryOnly:
    'Votre brouillon n’est conservé que dans cette fenêtre\u00a0: ce navigateur ne permet pas à la page de l’enregistrer.',
  discardDraft: 'Supprimer le brouillon',
  draftDiscarded: 'Brouillon supprimé.',
  undo: 'Annuler',
  rememberMe: 'Enregistrer mon nom, mon e-mail et mon site dans le navigateur pour mon prochain commentaire.',
  draftChangedElsewhere: 'Vous avez aussi modifié ce brouillon dans un autre onglet.',
  useOtherVersion: 'Utiliser l’autre version',
  shownAsOf: (time, offline) =>
    `Affiché tel qu’au ${time}\u00a0: ${offline ? 'vous êtes hors ligne' : 'le serveur de commentaires est injoignable'}.`,
  draftKept: (name) => `Votre réponse non envoyée à ${name} est conservée.`,
  goToDraft: 'Y aller',
  notifyMe: 'M’avertir par e-mail quand quelqu’un répond',
  notifyNeedsEmail: 'Saisissez votre adresse e-mail pour utiliser cette option.',
  notifyConfirm:
    'Veuillez confirmer par e-mail : ouvrez le lien que nous venons de vous envoyer pour être averti des réponses.',
  byOwner: 'Propriétaire du site',
  edited: 'modifié',
  deleteComment: 'Supprimer',
  deleteAsk: 'Supprimer ce commentaire ?',
  keep: 'Garder',
  editHeading: 'Modifier votre commentaire',
  saveEdit: 'Enregistrer les modifications',
  cancelEdit: 'Annuler',
  changeSaved: 'Votre modification a été enregistrée.',
  deleted: 'Votre commentaire a été supprimé.',
};
