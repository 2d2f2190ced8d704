// @ts-check
// The reference server as the demo runs it (the demo page, the built bundle, the seeded
// comments), on a free loopback port: what the end-to-end tests load in Chromium.
import { startServer } from '../../server/app.js';

/**
 * @param {'pre' | 'off'} moderation
 * @param {string} adminToken
 */
export function demoServer(moderation, adminToken) {
  return startServer({
    port: 0,
    host: '127.0.0.1',
    moderation,
    adminToken,
    staticDirs: ['demo', 'dist'],
    seedFile: 'demo/seed.json',
    logger: false,
  });
}
