import { defineConfig } from 'vite';

/**
 * The moderation app (src/admin/), served by the reference server at /admin/: its own page and
 * bundle, so nothing of it reaches the readers' bundle. No inline script or style: the server
 * serves it under a CSP of 'self' only.
 */
export default defineConfig({
  root: 'src/admin',
  base: '/admin/',
  build: {
    target: 'es2022',
    outDir: '../../dist/admin',
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
  },
});
