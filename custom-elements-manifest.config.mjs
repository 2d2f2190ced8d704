// The manifest documents the public API from the JSDoc in src/: the elements, their events, the
// backend and storage interfaces and the types they use. Internals (styles, the catalog's text,
// the offline machinery) stay out, so a style or wording change does not make it stale.
export default {
  globs: [
    'src/index.ts',
    'src/define.ts',
    'src/recovery-comments.ts',
    'src/components/composer.ts',
    'src/components/comment-view.ts',
    'src/count/count-element.ts',
    'src/count/define.ts',
    'src/events.ts',
    'src/context.ts',
    'src/backend/backend.ts',
    'src/backend/rest.ts',
    'src/offline/storage.ts',
    'src/model/types.ts',
    'src/i18n/messages.ts',
  ],
  outdir: '.',
  litelement: true,
  plugins: [
    {
      // Modules come in the file system's order, which differs between machines (a fresh clone
      // lists them otherwise): sort them, so the freshness check compares content, not order.
      name: 'rc-sort-modules',
      packageLinkPhase({ customElementsManifest }) {
        customElementsManifest.modules.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      },
    },
  ],
};
