import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { sendDocument } from '../../platform/documents/index.js';
import { NotFoundError } from '../../platform/errors.js';
import { translator } from '../../platform/i18n/index.js';
import { allowed, authorize } from '../../platform/service.js';
import { getDocument, getVersion, versionsOf } from '../../platform/versions/index.js';
import { tenantArea } from '../areas/index.js';
import { agendaAndResource } from './access.js';
import { agendaDocumentPath, agendaPath } from './paths.js';
import { agendaActions } from './policy.js';
import { agendaDocument, agendaFolder, type PaperInput } from './publication-documents.js';
import { publicVersionOf, versionVisible } from './publication-model.js';
import { agendaToday } from './service.js';

const versionQuery = z.object({ versie: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined) }).loose();

/**
 * /{slug}/wijkagendas/{id}/document[.pdf][?versie=n]: the whole agenda of a version (the public
 * one by default; readers may choose any up to it, editors any frozen one), and
 * /{slug}/wijkagendas/{id}/folder[.pdf]: the A4 folder of the public version.
 */
export function registerPublicationPages(app: FastifyInstance, platform: Platform): void {
  const { db } = platform;

  const paperOf = async (request: FastifyRequest, chosen: number | undefined): Promise<PaperInput & { editor: boolean }> => {
    const { ctx } = request;
    const { agenda, resource } = await agendaAndResource(db, ctx, (request.params as { id: string }).id);
    authorize(ctx, agendaActions.view, resource);
    const editor = allowed(ctx, agendaActions.edit, resource);
    const today = agendaToday();
    const ref = { municipalityId: agenda.municipalityId, documentId: agenda.documentId };
    const number = chosen ?? publicVersionOf(agenda, today) ?? (editor ? (await getDocument(db, ref))?.publishedVersion ?? null : null);
    if (!number || !versionVisible(agenda, today, number, editor)) throw new NotFoundError();
    const version = await getVersion(db, ref, number);
    if (!version) throw new NotFoundError();
    const [area, organiser] = await Promise.all([
      tenantArea(db, ctx.tenant!, agenda.areaCode, translator(ctx.locale)),
      db.selectFrom('organisations').select('email').where('id', '=', agenda.organiserId).where('municipality_id', '=', agenda.municipalityId).executeTakeFirst(),
    ]);
    return {
      agenda, version, editor, areaTitle: area?.title ?? agenda.areaCode, organiserEmail: organiser?.email ?? null,
      pageUrl: `${platform.config.publicUrl}${agendaPath(ctx.tenant!.slug, agenda.id)}`,
    };
  };

  for (const format of ['html', 'pdf'] as const) {
    const extension = format === 'pdf' ? '.pdf' : '';
    app.get(`/:municipality/wijkagendas/:id/document${extension}`, async (request, reply) => {
      const { ctx } = request;
      const paper = await paperOf(request, versionQuery.parse(request.query ?? {}).versie);
      const today = agendaToday();
      const versions = (await versionsOf(db, { municipalityId: paper.agenda.municipalityId, documentId: paper.agenda.documentId }))
        .filter((v) => versionVisible(paper.agenda, today, v.number, paper.editor));
      const document = agendaDocument(ctx, { ...paper, versions, action: agendaDocumentPath(ctx.tenant!.slug, paper.agenda.id) });
      const t = translator(ctx.locale);
      return sendDocument(reply, { format, document, filename: t('agenda.paper.file', { title: paper.agenda.title, number: paper.version.number }) });
    });
    app.get(`/:municipality/wijkagendas/:id/folder${extension}`, async (request, reply) => {
      const { ctx } = request;
      const paper = await paperOf(request, undefined);
      const t = translator(ctx.locale);
      return sendDocument(reply, { format, document: agendaFolder(ctx, paper), filename: t('agenda.folder.file', { title: paper.agenda.title }) });
    });
  }
}
