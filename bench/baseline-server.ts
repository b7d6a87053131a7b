/**
 * The baseline: a plain Fastify server with one route returning a fixed string. Measured in the
 * same run and in the same way as the real routes, so that figures from a shared, noisy machine
 * can be read as ratios ("this page does 9% of what bare Fastify does here, today").
 *
 * Prints "running at http://127.0.0.1:PORT/" once listening (PORT=0: any free port).
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.get('/', async (_request, reply) => reply.type('text/plain; charset=utf-8').send('Buurtarena baseline: a fixed string.\n'));

const address = await app.listen({ port: Number(process.env.PORT ?? 0), host: process.env.HOST ?? '127.0.0.1' });
process.stdout.write(`Baseline is running at ${address}/\n`);
const close = async () => { await app.close(); process.exit(0); };
process.once('SIGINT', close);
process.once('SIGTERM', close);
