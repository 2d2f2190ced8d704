// The manifest documents the public API from the JSDoc in src/.
export default {
  globs: ['src/**/*.ts'],
  exclude: ['src/**/*.test.ts'],
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
