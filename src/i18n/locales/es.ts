import type { Messages } from '../messages.js';

const plural = new Intl.PluralRules('es');
const number = (count: number) => count.toLocaleString('es');
/** The noun for a count: "1 comentario", "14 comentarios", "1.000.000 de comentarios". */
const counted = (count: number, singular: string, pluralForm: string) => {
  const category = plural.select(count);
  if (category === 'one') return `${number(count)} ${singular}`;
  if (category === 'many') return `${number(count)} de ${pluralForm}`;
  return `${number(count)} ${pluralForm}`;
};
/** "Una respuesta", "14 respuestas". */
const responses = (count: number) =>
  count === 1 ? 'Una respuesta' : counted(count, 'respuesta', 'respuestas');
/** "a la 1:05", "a las 13:05". */
const at = (time: string) => (/^0?1\D/.test(time) ? `a la ${time}` : `a las ${time}`);

/** Español. */
export const messages: Messages = {
  heading: (count, title) => `${responses(count)} a «${title}»`,
  headingNoTitle: responses,
  empty: 'Aún no hay comentarios. Anímate a compartir lo que piensas.',
  loading: 'Cargando comentarios…',
  loadError: 'No se pudieron cargar los comentarios.',
  retry: 'Intentar de nuevo',
  loadMore: 'Cargar más comentarios',
  loadingMore: 'Cargando más comentarios…',
  skipped: (count) =>
    plural.select(count) === 'one'
      ? `${counted(count, 'comentario', 'comentarios')} no se pudo mostrar.`
      : `${counted(count, 'comentario', 'comentarios')} no se pudieron mostrar.`,
  says: 'dice:',
  reply: 'Responder',
  replyTo: (name) => `Responder a ${name}`,
  inReplyTo: (name) => `en respuesta a ${name}`,
  replyToRemoved: 'en respuesta a un comentario que ya no está',
  showMoreReplies: (count) => `Mostrar ${counted(count, 'respuesta', 'respuestas')} más`,
  anonymous: 'Anónimo',
  commentLabel: (name, date) => (date ? `${name}, ${date}` : name),
  awaitingModeration: 'Tu comentario está pendiente de moderación.',
  charactersLeft: (count) =>
    count === 1 ? 'Queda 1 carácter.' : `Quedan ${counted(count, 'carácter', 'caracteres')}.`,
  charactersOver: (count) =>
    `${counted(count, 'carácter', 'caracteres')} por encima del límite: acorta tu comentario, por favor.`,
  leaveReply: 'Deja una respuesta',
  leaveReplyTo: (name) => `Deja una respuesta a ${name}`,
  cancelReply: 'Cancelar la respuesta',
  requiredNote: 'Los campos obligatorios están marcados con *',
  emailNote: 'Tu dirección de correo electrónico no será publicada.',
  fieldComment: 'Comentario',
  fieldName: 'Nombre',
  fieldEmail: 'Correo electrónico',
  fieldWebsite: 'Sitio web',
  honeypot: 'Deja este campo vacío',
  postComment: 'Publicar el comentario',
  posting: 'Publicando…',
  errorBodyRequired: 'Por favor, escribe un comentario.',
  errorNameRequired: 'Por favor, escribe un nombre. Puedes usar un seudónimo, si lo prefieres.',
  errorEmailRequired: 'Por favor, escribe tu correo electrónico. No se publicará.',
  errorEmailInvalid: 'Por favor, escribe un correo electrónico como nombre@example.org.',
  errorUrlInvalid: 'Por favor, escribe una dirección web que empiece por http:// o https://.',
  errorSummary: (count) =>
    count === 1
      ? 'Por favor, corrige el campo de abajo.'
      : `Por favor, corrige los ${counted(count, 'campo', 'campos')} de abajo.`,
  sendFailed: 'No se pudo enviar tu comentario. Tu texto sigue aquí.',
  offline: 'Parece que no tienes conexión. Tu texto sigue aquí; vuelve a intentarlo cuando te conectes.',
  unreachable: 'No se pudo conectar con el servidor de comentarios.',
  timeout: 'El servidor de comentarios no respondió a tiempo. Tu texto sigue aquí.',
  errorInvalidResponse: 'El servidor de comentarios envió una respuesta que esta página no puede leer.',
  errorServer: (status) => `El servidor de comentarios tuvo un problema (${status}).`,
  errorBlocked: (origin) =>
    `La política de seguridad de contenido (Content Security Policy) de esta página no permite conexiones a ${origin}. Quien administre el sitio debe añadirlo a connect-src.`,
  rateLimited: (seconds) =>
    seconds === null
      ? 'Demasiados comentarios en poco tiempo. Espera un momento y vuelve a intentarlo.'
      : `Demasiados comentarios en poco tiempo. Vuelve a intentarlo dentro de ${counted(Math.ceil(seconds), 'segundo', 'segundos')}.`,
  posted: 'Tu comentario se ha publicado.',
  configError: 'La sección de comentarios no está bien configurada:',
  configNoEndpoint: 'falta el atributo endpoint.',
  configBadEndpoint: (endpoint) => `el endpoint «${endpoint}» no es una URL válida.`,
  configUnknownBackend: (name) => `backend «${name}» desconocido.`,
  waitingForConnection: 'Esperando conexión. Tu comentario se enviará automáticamente.',
  sending: 'Enviando…',
  couldNotSend: (reason) => `No se pudo enviar: ${reason}`,
  retrySend: 'Reintentar',
  edit: 'Editar',
  draftSaved: (time) => `Borrador guardado en este dispositivo ${at(time)}.`,
  draftSavedShort: 'Borrador guardado',
  draftMemoryOnly:
    'Tu borrador solo se conserva en esta ventana: este navegador no permite que la página lo guarde.',
  discardDraft: 'Descartar el borrador',
  draftDiscarded: 'Borrador descartado.',
  undo: 'Deshacer',
  rememberMe: 'Guarda mi nombre, correo electrónico y web en este navegador para la próxima vez que comente.',
  draftChangedElsewhere: 'También modificaste este borrador en otra pestaña.',
  useOtherVersion: 'Usar esa versión',
  shownAsOf: (time, offline) =>
    `Mostrado tal como estaba el ${time}: ${offline ? 'no tienes conexión' : 'no se pudo conectar con el servidor de comentarios'}.`,
  draftKept: (name) => `Tu respuesta sin enviar a ${name} está guardada.`,
  goToDraft: 'Ir a ella',
  notifyMe: 'Avisarme por correo cuando alguien responda',
  notifyNeedsEmail: 'Escribe tu correo electrónico para usar esta opción.',
  notifyConfirm:
    'Confírmalo por correo: abre el enlace que te acabamos de enviar para recibir avisos de respuestas.',
  byOwner: 'Propietario del sitio',
  edited: 'editado',
  deleteComment: 'Eliminar',
  deleteAsk: '¿Eliminar este comentario?',
  keep: 'Conservar',
  editHeading: 'Edita tu comentario',
  saveEdit: 'Guardar cambios',
  cancelEdit: 'Cancelar',
  changeSaved: 'Tu cambio se ha guardado.',
  deleted: 'Tu comentario se ha eliminado.',
};
