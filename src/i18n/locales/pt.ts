import type { Messages } from '../messages.js';

const plural = new Intl.PluralRules('pt');
const number = (count: number) => count.toLocaleString('pt');
/** The noun for a count: "1 comentário", "14 comentários", "1.000.000 de comentários". */
const counted = (count: number, singular: string, pluralForm: string) => {
  const category = plural.select(count);
  if (category === 'one') return `${number(count)} ${singular}`;
  if (category === 'many') return `${number(count)} de ${pluralForm}`;
  return `${number(count)} ${pluralForm}`;
};
/** "Uma resposta", "14 respostas". */
const responses = (count: number) => (count === 1 ? 'Uma resposta' : counted(count, 'resposta', 'respostas'));

/** Português. */
export const messages: Messages = {
  heading: (count, title) => `${responses(count)} a “${title}”`,
  headingNoTitle: responses,
  empty: 'Ainda não há comentários. Que tal começar a conversa?',
  loading: 'Carregando comentários…',
  loadError: 'Não foi possível carregar os comentários.',
  retry: 'Tentar novamente',
  loadMore: 'Carregar mais comentários',
  loadingMore: 'Carregando mais comentários…',
  skipped: (count) =>
    plural.select(count) === 'one'
      ? `${counted(count, 'comentário', 'comentários')} não pôde ser mostrado.`
      : `${counted(count, 'comentário', 'comentários')} não puderam ser mostrados.`,
  says: 'diz:',
  reply: 'Responder',
  replyTo: (name) => `Responder a ${name}`,
  inReplyTo: (name) => `em resposta a ${name}`,
  replyToRemoved: 'em resposta a um comentário que já não está aqui',
  showMoreReplies: (count) => `Mostrar mais ${counted(count, 'resposta', 'respostas')}`,
  anonymous: 'Anônimo',
  commentLabel: (name, date) => (date ? `${name}, ${date}` : name),
  awaitingModeration: 'O seu comentário aguarda moderação.',
  charactersLeft: (count) =>
    count === 1 ? 'Resta 1 caractere.' : `Restam ${counted(count, 'caractere', 'caracteres')}.`,
  charactersOver: (count) =>
    `${counted(count, 'caractere', 'caracteres')} acima do limite: por favor, encurte o seu comentário.`,
  leaveReply: 'Deixe um comentário',
  leaveReplyTo: (name) => `Deixe uma resposta a ${name}`,
  cancelReply: 'Cancelar resposta',
  requiredNote: 'Campos obrigatórios são marcados com *',
  emailNote: 'O seu endereço de e-mail não será publicado.',
  fieldComment: 'Comentário',
  fieldName: 'Nome',
  fieldEmail: 'E-mail',
  fieldWebsite: 'Site',
  honeypot: 'Deixe este campo em branco',
  postComment: 'Publicar comentário',
  posting: 'Publicando…',
  errorBodyRequired: 'Por favor, escreva um comentário.',
  errorNameRequired: 'Por favor, escreva um nome. Pode ser um pseudônimo, sem problema.',
  errorEmailRequired: 'Por favor, escreva o seu endereço de e-mail. Não será publicado.',
  errorEmailInvalid: 'Por favor, escreva um endereço de e-mail como nome@example.org.',
  errorUrlInvalid: 'Por favor, escreva um endereço web que comece por http:// ou https://.',
  errorSummary: (count) =>
    count === 1
      ? 'Por favor, corrija o campo abaixo.'
      : `Por favor, corrija os ${counted(count, 'campo', 'campos')} abaixo.`,
  sendFailed: 'Não foi possível enviar o seu comentário. O seu texto continua aqui.',
  offline: 'Parece que está sem conexão. O seu texto continua aqui; tente novamente quando a conexão voltar.',
  unreachable: 'Não foi possível conectar-se ao servidor de comentários.',
  timeout: 'O servidor de comentários não respondeu a tempo. O seu texto continua aqui.',
  errorInvalidResponse: 'O servidor de comentários enviou uma resposta que esta página não consegue ler.',
  errorServer: (status) => `O servidor de comentários teve um problema (${status}).`,
  errorBlocked: (origin) =>
    `A política de segurança de conteúdo (Content Security Policy) desta página não permite conexões com ${origin}. Quem administra o site precisa adicioná-lo a connect-src.`,
  rateLimited: (seconds) =>
    seconds === null
      ? 'Muitos comentários em pouco tempo. Aguarde um momento e tente novamente.'
      : `Muitos comentários em pouco tempo. Tente novamente daqui a ${counted(Math.ceil(seconds), 'segundo', 'segundos')}.`,
  posted: 'O seu comentário foi publicado.',
  configError: 'A área de comentários não está configurada corretamente:',
  configNoEndpoint: 'falta o atributo endpoint.',
  configBadEndpoint: (endpoint) => `o endpoint “${endpoint}” não é um endereço URL válido.`,
  configUnknownBackend: (name) => `backend “${name}” desconhecido.`,
  waitingForConnection: 'À espera de conexão — o seu comentário será enviado automaticamente.',
  sending: 'Enviando…',
  couldNotSend: (reason) => `Não foi possível enviar: ${reason}`,
  retrySend: 'Tentar novamente',
  edit: 'Editar',
  draftSaved: (time) => `Rascunho guardado neste dispositivo às ${time}.`,
  draftSavedShort: 'Rascunho guardado',
  draftMemoryOnly:
    'O seu rascunho fica guardado apenas nesta janela: este navegador não permite que a página o guarde.',
  discardDraft: 'Descartar rascunho',
  draftDiscarded: 'Rascunho descartado.',
  undo: 'Desfazer',
  rememberMe: 'Guardar o meu nome, e-mail e site neste navegador para a próxima vez que eu comentar.',
  draftChangedElsewhere: 'Este rascunho também foi alterado em outra aba.',
  useOtherVersion: 'Usar a outra versão',
  shownAsOf: (time, offline) =>
    `Mostrado como estava em ${time}: ${offline ? 'você está offline' : 'não foi possível conectar ao servidor de comentários'}.`,
  draftKept: (name) => `Sua resposta não enviada para ${name} está guardada.`,
  goToDraft: 'Ir até ela',
  notifyMe: 'Avisar-me por e-mail quando alguém responder',
  notifyNeedsEmail: 'Indique o seu endereço de e-mail para usar esta opção.',
  notifyConfirm: 'Confirme por e-mail: abra a ligação que acabámos de enviar para ser avisado das respostas.',
  byOwner: 'Dono do site',
  edited: 'editado',
  deleteComment: 'Eliminar',
  deleteAsk: 'Eliminar este comentário?',
  keep: 'Manter',
  editHeading: 'Editar o seu comentário',
  saveEdit: 'Guardar alterações',
  cancelEdit: 'Cancelar',
  changeSaved: 'A sua alteração foi guardada.',
  deleted: 'O seu comentário foi eliminado.',
};
