import type { FastifyReply } from 'fastify';
import { contentDisposition } from '../../platform/files/index.js';
import { moneyFlowsCsv } from './csv.js';
import type { MoneyFlow } from './model.js';

/** Flows as a download (pages and API): the file the import reads (csv.ts), as an attachment with a plain file name. */
export function sendFlowsCsv(reply: FastifyReply, name: string, flows: readonly MoneyFlow[]): FastifyReply {
  return reply.code(200).type('text/csv; charset=utf-8').header('content-disposition', contentDisposition('attachment', name)).send(moneyFlowsCsv(flows));
}
