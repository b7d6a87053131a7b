/**
 * The baseline: a plain Fastify server with one route returning a fixed string. Measured in the
 * same run and in the same way as the real routes, so that figures from a shared, noisy machine
 * can be read as ratios ("this page does 9% of what bare Fastify does here, today").
 *
 * Prints "running at http://127.0.0.1:PORT/" once listening (PORT=0: any free port).
 */
import fs from 'node:fs';
import path from 'node:path';
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async (_request, reply) => reply.type('text/plain; charset=utf-8').send('Buurtarena baseline: a fixed string.\n'));

/**
 * `/bytes/NAME`: the response a route of the application gave, sent back byte for byte with its
 * content type and encoding (BASELINE_BYTES_DIR/NAME.body and NAME.json, written by
 * bench/routes.ts). Measured beside that route, it shows what sending those bytes costs by itself.
 */
const bytesDir = process.env.BASELINE_BYTES_DIR;
const kept = new Map<string, { body: Buffer; headers: Record<string, string> }>();
app.get('/bytes/:name', async (request, reply) => {
  const { name } = request.params as { name: string };
  if (!bytesDir || !/^[a-z0-9-]+$/.test(name)) return reply.code(404).send();
  let response = kept.get(name);
  if (!response) {
    const file = path.join(bytesDir, name);
    response = { body: fs.readFileSync(`${file}.body`), headers: JSON.parse(fs.readFileSync(`${file}.json`, 'utf8')) as Record<string, string> };
    kept.set(name, response);
  }
  return reply.headers(response.headers).send(response.body);
});

const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
process.stdout.write(`Baseline is running at ${address}/\n`);
const close = async () => { await app.close(); process.exit(0); };
process.once('SIGINT', close);
process.once('SIGTERM', close);
