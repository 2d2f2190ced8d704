// @ts-check
// The moderation app's files (the Vite build in dist/admin/) at /admin/, under a CSP that
// allows nothing but this server: no inline script or style, no third party, Trusted Types on.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import { ApiError } from '../errors.js';

/** Where `npm run build` puts the app. */
export const ADMIN_APP_DIR = fileURLToPath(new URL('../../dist/admin/', import.meta.url));

/** The app's Content-Security-Policy. */
export const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/** @type {import('fastify').FastifyPluginAsync<{ root: string }>} */
export const adminStatic = async (app, { root }) => {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('Content-Security-Policy', ADMIN_CSP);
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    return payload;
  });
  if (!existsSync(join(root, 'index.html'))) {
    app.get('/admin/*', async () => {
      throw new ApiError(503, 'admin_app_not_built', 'The moderation app is not built: run "npm run build".');
    });
    return;
  }
  app.get('/admin', async (_request, reply) => reply.redirect('/admin/', 301));
  await app.register(fastifyStatic, {
    root,
    prefix: '/admin/',
    decorateReply: false,
    index: ['index.html'],
    // Hashed file names never change; the page itself must be fetched fresh after an upgrade.
    setHeaders: (response, path) =>
      response.header(
        'Cache-Control',
        path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
      ),
  });
};
