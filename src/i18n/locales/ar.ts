import type { Messages } from '../messages.js';

const plural = new Intl.PluralRules('ar');
const number = (count: number) => count.toLocaleString('ar');
type Forms = Record<'zero' | 'one' | 'two' | 'few' | 'many' | 'other', string>;
/** The words for a count in the form Arabic needs (the number itself is placed as `#`). */
const counted = (count: number, forms: Forms) =>
  (forms[plural.select(count) as keyof Forms] ?? forms.other).replace('#', number(count));
/** "رد واحد"، "ردان"، "٣ ردود"، "١١ ردًا"، "١٠٠ رد". */
const responses = (count: number) =>
  counted(count, {
    zero: 'لا ردود',
    one: 'رد واحد',
    two: 'ردان',
    few: '# ردود',
    many: '# ردًا',
    other: '# رد',
  });

/** العربية. */
export const messages: Messages = {
  heading: (count, title) => `${responses(count)} على «${title}»`,
  headingNoTitle: responses,
  empty: 'لا توجد تعليقات بعد. يسعدنا أن يكون تعليقك أول التعليقات.',
  loading: 'جارٍ تحميل التعليقات…',
  loadError: 'تعذّر تحميل التعليقات.',
  retry: 'إعادة المحاولة',
  loadMore: 'تحميل المزيد من التعليقات',
  loadingMore: 'جارٍ تحميل المزيد من التعليقات…',
  skipped: (count) =>
    `تعذّر عرض ${counted(count, { zero: '# تعليق', one: 'تعليق واحد', two: 'تعليقين', few: '# تعليقات', many: '# تعليقًا', other: '# تعليق' })}.`,
  says: 'يقول:',
  reply: 'رد',
  replyTo: (name) => `الرد على ${name}`,
  inReplyTo: (name) => `ردًا على ${name}`,
  replyToRemoved: 'ردًا على تعليق لم يعد موجودًا',
  showMoreReplies: (count) =>
    `عرض ${counted(count, { zero: '# رد إضافي', one: 'رد إضافي واحد', two: 'ردين إضافيين', few: '# ردود إضافية', many: '# ردًا إضافيًا', other: '# رد إضافي' })}`,
  anonymous: 'مجهول',
  commentLabel: (name, date) => (date ? `${name}، ${date}` : name),
  awaitingModeration: 'تعليقك بانتظار المراجعة.',
  charactersLeft: (count) =>
    `${counted(count, { zero: 'لم يبقَ أي حرف', one: 'بقي حرف واحد', two: 'بقي حرفان', few: 'بقيت # أحرف', many: 'بقي # حرفًا', other: 'بقي # حرف' })}.`,
  charactersOver: (count) =>
    `${counted(count, { zero: '# حرف', one: 'حرف واحد', two: 'حرفان', few: '# أحرف', many: '# حرفًا', other: '# حرف' })} فوق الحد: يُرجى تقصير تعليقك.`,
  leaveReply: 'اترك تعليقًا',
  leaveReplyTo: (name) => `اترك ردًا على ${name}`,
  cancelReply: 'إلغاء الرد',
  requiredNote: 'الحقول الإلزامية مشار إليها بـ *',
  emailNote: 'لن يتم نشر عنوان بريدك الإلكتروني.',
  fieldComment: 'التعليق',
  fieldName: 'الاسم',
  fieldEmail: 'البريد الإلكتروني',
  fieldWebsite: 'الموقع الإلكتروني',
  honeypot: 'يُرجى ترك هذا الحقل فارغًا',
  postComment: 'إرسال التعليق',
  posting: 'جارٍ الإرسال…',
  errorBodyRequired: 'يُرجى كتابة تعليق.',
  errorNameRequired: 'يُرجى إدخال اسم، ولا بأس بأن يكون اسمًا مستعارًا.',
  errorEmailRequired: 'يُرجى إدخال عنوان بريدك الإلكتروني. لن يتم نشره.',
  errorEmailInvalid: 'يُرجى إدخال عنوان بريد إلكتروني مثل name@example.org.',
  errorUrlInvalid: 'يُرجى إدخال عنوان ويب يبدأ بـ http:// أو https://.',
  errorSummary: (count) =>
    `يُرجى تصحيح ${counted(count, { zero: '# حقل', one: 'الحقل', two: 'الحقلين', few: '# حقول', many: '# حقلًا', other: '# حقل' })} أدناه.`,
  sendFailed: 'تعذّر إرسال تعليقك. نصّك ما زال هنا.',
  offline: 'يبدو أن الاتصال بالإنترنت مقطوع. نصّك ما زال هنا؛ يمكن إعادة المحاولة عند عودة الاتصال.',
  unreachable: 'تعذّر الوصول إلى خادم التعليقات.',
  timeout: 'لم يستجب خادم التعليقات في الوقت المناسب. نصّك ما زال هنا.',
  errorInvalidResponse: 'أرسل خادم التعليقات استجابة لا تستطيع هذه الصفحة قراءتها.',
  errorServer: (status) => `حدثت مشكلة في خادم التعليقات (${status}).`,
  errorBlocked: (origin) =>
    `سياسة أمان المحتوى (Content Security Policy) في هذه الصفحة لا تسمح بالاتصال بـ ${origin}. يجب على مسؤول الموقع إضافة هذا العنوان إلى connect-src.`,
  rateLimited: (seconds) =>
    seconds === null
      ? 'تعليقات كثيرة في وقت قصير. يُرجى الانتظار قليلًا ثم إعادة المحاولة.'
      : `تعليقات كثيرة في وقت قصير. يُرجى إعادة المحاولة بعد ${counted(Math.ceil(seconds), {
          zero: '# ثانية',
          one: 'ثانية واحدة',
          two: 'ثانيتين',
          few: '# ثوانٍ',
          many: '# ثانية',
          other: '# ثانية',
        })}.`,
  posted: 'تم نشر تعليقك.',
  configError: 'قسم التعليقات غير مُعدّ بشكل صحيح:',
  configNoEndpoint: 'السمة endpoint مفقودة.',
  configBadEndpoint: (endpoint) => `قيمة endpoint «${endpoint}» ليست عنوان URL صالحًا.`,
  configUnknownBackend: (name) => `الواجهة الخلفية «${name}» غير معروفة.`,
  waitingForConnection: 'بانتظار الاتصال — سيتم إرسال التعليق تلقائيًا.',
  sending: 'جارٍ الإرسال…',
  couldNotSend: (reason) => `تعذّر الإرسال: ${reason}`,
  retrySend: 'إعادة المحاولة',
  edit: 'تعديل',
  draftSaved: (time) => `تم حفظ المسودة على هذا الجهاز في الساعة ${time}.`,
  draftSavedShort: 'تم حفظ المسودة',
  draftMemoryOnly: 'مسودتك محفوظة في هذه النافذة فقط: هذا المتصفح لا يسمح للصفحة بتخزينها.',
  discardDraft: 'حذف المسودة',
  draftDiscarded: 'تم حذف المسودة.',
  undo: 'تراجع',
  rememberMe: 'احفظ اسمي وبريدي الإلكتروني وموقعي في هذا المتصفح لاستخدامها في المرة القادمة التي أعلّق فيها.',
  draftChangedElsewhere: 'تم تعديل هذه المسودة أيضًا في علامة تبويب أخرى.',
  useOtherVersion: 'استخدام تلك النسخة',
  shownAsOf: (time, offline) =>
    `معروض كما كان في ${time}: ${offline ? 'أنت غير متصل' : 'تعذّر الوصول إلى خادم التعليقات'}.`,
  draftKept: (name) => `ردّك غير المرسل إلى ${name} محفوظ.`,
  goToDraft: 'الانتقال إليه',
  notifyMe: 'أرسل لي بريدًا إلكترونيًا عندما يرد أحد',
  notifyNeedsEmail: 'أدخل بريدك الإلكتروني لاستخدام هذا الخيار.',
  notifyConfirm:
    'يُرجى التأكيد عبر البريد الإلكتروني: افتح الرابط الذي أرسلناه إليك للتو لتصلك إشعارات الردود.',
  byOwner: 'صاحب الموقع',
  edited: 'مُعدَّل',
  deleteComment: 'حذف',
  deleteAsk: 'هل تريد حذف هذا التعليق؟',
  keep: 'إبقاء',
  editHeading: 'تعديل تعليقك',
  saveEdit: 'حفظ التغييرات',
  cancelEdit: 'إلغاء',
  changeSaved: 'حُفظ تعديلك.',
  deleted: 'حُذف تعليقك.',
};
