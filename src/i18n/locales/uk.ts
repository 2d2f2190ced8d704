import type { Messages } from '../messages.js';

const plural = new Intl.PluralRules('uk');
const number = (count: number) => count.toLocaleString('uk');
type Forms = Record<'one' | 'few' | 'many' | 'other', string>;
/** A count and its noun in the form Ukrainian needs: 1 секунду, 2 секунди, 5 секунд, 1,5 секунди. */
const counted = (count: number, forms: Forms) =>
  `${number(count)} ${forms[plural.select(count) as keyof Forms] ?? forms.other}`;
const ANSWERS: Forms = { one: 'відповідь', few: 'відповіді', many: 'відповідей', other: 'відповіді' };
/** "Одна відповідь", "14 відповідей". */
const responses = (count: number) => (count === 1 ? 'Одна відповідь' : counted(count, ANSWERS));
/** "о 10:05", but "об 11:05" (одинадцятій begins with a vowel). */
const at = (time: string) => (/^11\D/.test(time) ? `об ${time}` : `о ${time}`);

/** Українська. */
export const messages: Messages = {
  heading: (count, title) => `${responses(count)} на «${title}»`,
  headingNoTitle: responses,
  empty: 'Коментарів ще немає. Поділіться своїми думками першими.',
  loading: 'Завантаження коментарів…',
  loadError: 'Не вдалося завантажити коментарі.',
  retry: 'Спробувати ще раз',
  loadMore: 'Завантажити більше коментарів',
  loadingMore: 'Завантаження наступних коментарів…',
  skipped: (count) =>
    `Не вдалося показати ${counted(count, { one: 'коментар', few: 'коментарі', many: 'коментарів', other: 'коментаря' })}.`,
  says: 'пише:',
  reply: 'Відповісти',
  replyTo: (name) => `Відповісти ${name}`,
  inReplyTo: (name) => `у відповідь ${name}`,
  replyToRemoved: 'у відповідь на коментар, якого тут уже немає',
  showMoreReplies: (count) => `Показати ще ${counted(count, ANSWERS)}`,
  anonymous: 'Анонім',
  commentLabel: (name, date) => (date ? `${name}, ${date}` : name),
  awaitingModeration: 'Ваш коментар очікує на модерацію.',
  charactersLeft: (count) =>
    `Залишилося ${counted(count, { one: 'символ', few: 'символи', many: 'символів', other: 'символу' })}.`,
  charactersOver: (count) =>
    `На ${counted(count, { one: 'символ', few: 'символи', many: 'символів', other: 'символу' })} більше за ліміт: скоротіть коментар.`,
  leaveReply: 'Залишити відповідь',
  leaveReplyTo: (name) => `Залишити відповідь для ${name}`,
  cancelReply: 'Скасувати відповідь',
  requiredNote: 'Обов’язкові поля позначені *',
  emailNote: 'Вашу адресу електронної пошти не буде оприлюднено.',
  fieldComment: 'Коментар',
  fieldName: 'Ім’я',
  fieldEmail: 'Електронна пошта',
  fieldWebsite: 'Вебсайт',
  honeypot: 'Залиште це поле порожнім',
  postComment: 'Опублікувати коментар',
  posting: 'Надсилання…',
  errorBodyRequired: 'Будь ласка, напишіть коментар.',
  errorNameRequired: 'Будь ласка, вкажіть ім’я. Псевдонім теж підійде.',
  errorEmailRequired: 'Будь ласка, вкажіть свою адресу електронної пошти. Її не буде оприлюднено.',
  errorEmailInvalid: 'Будь ласка, вкажіть адресу електронної пошти у форматі name@example.org.',
  errorUrlInvalid: 'Будь ласка, вкажіть вебадресу, що починається з http:// або https://.',
  errorSummary: (count) =>
    count === 1
      ? 'Будь ласка, виправте поле нижче.'
      : `Будь ласка, виправте ${counted(count, { one: 'поле', few: 'поля', many: 'полів', other: 'поля' })} нижче.`,
  sendFailed: 'Не вдалося надіслати ваш коментар. Ваш текст нікуди не зник.',
  offline: 'Схоже, ви не в мережі. Ваш текст нікуди не зник; спробуйте ще раз, коли з’явиться з’єднання.',
  unreachable: 'Не вдалося зв’язатися із сервером коментарів.',
  timeout: 'Сервер коментарів не відповів вчасно. Ваш текст нікуди не зник.',
  errorInvalidResponse: 'Сервер коментарів надіслав відповідь, яку ця сторінка не може прочитати.',
  errorServer: (status) => `На сервері коментарів сталася помилка (${status}).`,
  errorBlocked: (origin) =>
    `Політика безпеки вмісту (Content Security Policy) цієї сторінки не дозволяє підключатися до ${origin}. Адміністрація сайту має додати цю адресу до connect-src.`,
  rateLimited: (seconds) =>
    seconds === null
      ? 'Забагато коментарів за короткий час. Будь ласка, зачекайте трохи й спробуйте ще раз.'
      : `Забагато коментарів за короткий час. Будь ласка, спробуйте ще раз через ${counted(
          Math.ceil(seconds),
          {
            one: 'секунду',
            few: 'секунди',
            many: 'секунд',
            other: 'секунди',
          },
        )}.`,
  posted: 'Ваш коментар опубліковано.',
  configError: 'Розділ коментарів налаштовано неправильно:',
  configNoEndpoint: 'бракує атрибута endpoint.',
  configBadEndpoint: (endpoint) => `endpoint «${endpoint}» не є дійсною URL-адресою.`,
  configUnknownBackend: (name) => `невідомий backend «${name}».`,
  waitingForConnection: 'Очікуємо на з’єднання — коментар буде надіслано автоматично.',
  sending: 'Надсилання…',
  couldNotSend: (reason) => `Не вдалося надіслати: ${reason}`,
  retrySend: 'Повторити',
  edit: 'Редагувати',
  draftSaved: (time) => `Чернетку збережено на цьому пристрої ${at(time)}.`,
  draftSavedShort: 'Чернетку збережено',
  draftMemoryOnly: 'Ваша чернетка зберігається лише в цьому вікні: браузер не дозволяє сторінці її зберегти.',
  discardDraft: 'Видалити чернетку',
  draftDiscarded: 'Чернетку видалено.',
  undo: 'Повернути',
  rememberMe: 'Зберегти моє ім’я, електронну пошту та вебсайт у цьому браузері для наступних коментарів.',
  draftChangedElsewhere: 'Ви також змінили цю чернетку в іншій вкладці.',
  useOtherVersion: 'Використати ту версію',
  shownAsOf: (time, offline) =>
    `Показано станом на ${time}: ${offline ? 'ви офлайн' : 'не вдалося з’єднатися із сервером коментарів'}.`,
  draftKept: (name) => `Вашу ненадіслану відповідь для ${name} збережено.`,
  goToDraft: 'Перейти до неї',
  notifyMe: 'Повідомляти мене електронною поштою, коли хтось відповість',
  notifyNeedsEmail: 'Щоб скористатися цим, введіть свою електронну адресу.',
  notifyConfirm:
    'Підтвердьте електронною поштою: відкрийте посилання, яке ми щойно надіслали, щоб отримувати повідомлення про відповіді.',
  byOwner: 'Власник сайту',
  edited: 'змінено',
  deleteComment: 'Видалити',
  deleteAsk: 'Видалити цей коментар?',
  keep: 'Залишити',
  editHeading: 'Редагувати свій коментар',
  saveEdit: 'Зберегти зміни',
  cancelEdit: 'Скасувати',
  changeSaved: 'Вашу зміну збережено.',
  deleted: 'Ваш коментар видалено.',
};
