#!/usr/bin/env node
// @ts-check
// The load benchmark's ceiling: a Fastify route that answers a constant JSON object, nothing
// else, on 127.0.0.1 and a free port. It prints its URL, like the server does.
import Fastify from 'fastify';

const app = Fastify({ logger: false });
const answer = { ok: true, note: 'a constant answer: what Fastify alone can do here' };
app.get('/', async () => answer);
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(
  `ceiling listening on http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}\n`,
);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
