import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Context, Platform } from '../../platform/context.js';
import { NotFoundError, type FieldIssue } from '../../platform/errors.js';
import { sizeLimit, uploadedFile } from '../../platform/files/index.js';
import { formBody, handleForm } from '../../platform/http/forms.js';
import { translator, type Translate } from '../../platform/i18n/index.js';
import { allowed, authorize, execute } from '../../platform/service.js';
import { formErrors, heading1, paragraph } from '../../platform/ui/components.js';
import { areaCrumbs, areaOfRequest, tenantArea, type TenantArea } from '../areas/index.js';
import { sendFlowsCsv } from './download.js';
import { eurosInput, MAX_YEAR, MIN_YEAR, parseShare, redirect } from './model.js';
import { flowLabels, flowForm, importPage, overviewPage } from './pages/money-flows.js';
import { moneyFlowActions, moneyFlowResource } from './policy.js';
import { areaMoney } from './read.js';
import { changeMoneyFlow, deleteMoneyFlow, exportName, importMoneyFlows, importPath, moneyFlowsPath, recordMoneyFlow } from './service.js';
import { findFlow, flowOf, flowSummary, flowsToExport } from './store.js';

const tr = (ctx: Context) => translator(ctx.locale);
const yearParam = z.preprocess((v) => (v === '' ? undefined : v), z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR).optional()).catch(undefined);
const query = z.object({ jaar: yearParam, deel: z.string().max(20).optional().catch(undefined) }).loose();
type Params = { code: string; id?: string };
/** The HTTP server's multipart limit per file (platform/http/server.ts); paste larger files in parts or use the API. */
const UPLOAD_LIMIT_BYTES = 512 * 1024;

/** An import problem in the reader's words: "Regel 4, kolom 5 (amount_eur): …". */
export function problemText(t: Translate, issue: FieldIssue): string {
  return t(issue.key, issue.params);
}

/** The form's values as the use cases take them (the amount as typed, in euros). */
const flowInput = (values: Record<string, string>) => ({ ...values, amountEuros: values.amount ?? '', amount: undefined, figureSource: values.figureSource ?? '' });

export function registerMoneyFlowPages(app: FastifyInstance, platform: Platform): void {
  const { db } = platform;

  const areaOf = (request: FastifyRequest) => areaOfRequest(db, request);
  const crumbs = (ctx: Context, area: TenantArea) => areaCrumbs(ctx, area, { href: moneyFlowsPath(ctx.tenant!.slug, area.code), label: tr(ctx)('moneyFlows.page.crumb') });

  app.get('/:municipality/gebieden/:code/geldstromen', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = ctx.tenant!;
    const area = await areaOf(request);
    const resource = moneyFlowResource(tenant.id, area.path);
    authorize(ctx, moneyFlowActions.view, resource);
    const asked = query.parse(request.query ?? {});
    const money = await areaMoney(db, tenant.id, area.code, asked.jaar, tenant.divisionYear);
    const shareText = asked.deel ?? '';
    const basisPoints = shareText.trim() === '' ? null : parseShare(shareText);
    const shareError = shareText.trim() !== '' && basisPoints === null ? t('moneyFlows.whatIf.invalid') : null;
    if (shareError) reply.code(422);
    return reply.page({
      title: t('moneyFlows.page.title', { area: area.title }),
      breadcrumbs: crumbs(ctx, area),
      body: overviewPage(ctx, {
        area, money, shareText, shareError, csrf: request.csrf,
        redirection: basisPoints === null ? null : redirect(money.bySource, basisPoints),
        canEdit: allowed(ctx, moneyFlowActions.edit, resource), canImport: allowed(ctx, moneyFlowActions.import, moneyFlowResource(tenant.id)),
      }),
    });
  });

  // ---- open data: the file the import reads, so that importing it again changes nothing --------------

  app.get('/:municipality/gebieden/:code/geldstromen.csv', async (request, reply) => {
    const tenant = request.ctx.tenant!;
    const area = await areaOf(request);
    authorize(request.ctx, moneyFlowActions.view, moneyFlowResource(tenant.id, area.path));
    const year = query.parse(request.query ?? {}).jaar;
    return sendFlowsCsv(reply, exportName(tenant.slug, area.code, year), await flowsToExport(db, tenant.id, { areaCode: area.code, year }));
  });

  app.get('/:municipality/geldstromen.csv', async (request, reply) => {
    const tenant = request.ctx.tenant!;
    authorize(request.ctx, moneyFlowActions.view, moneyFlowResource(tenant.id));
    const year = query.parse(request.query ?? {}).jaar;
    return sendFlowsCsv(reply, exportName(tenant.slug, undefined, year), await flowsToExport(db, tenant.id, { year }));
  });

  const formView = async (request: FastifyRequest, reply: FastifyReply, input: { id?: string; values: Record<string, string>; issues: FieldIssue[] }) => {
    const { ctx } = request;
    const t = tr(ctx);
    const area = await areaOf(request);
    authorize(ctx, moneyFlowActions.edit, moneyFlowResource(ctx.tenant!.id, area.path));
    const title = t(input.id ? 'moneyFlows.form.editTitle' : 'moneyFlows.form.title', { area: area.title });
    const base = moneyFlowsPath(ctx.tenant!.slug, area.code);
    return reply.page({
      title, breadcrumbs: crumbs(ctx, area),
      body: [heading1(title), paragraph(t('moneyFlows.form.intro')), flowForm(ctx, {
        area, values: input.values, csrf: request.csrf, errors: formErrors(t, input.issues, flowLabels(t)),
        action: input.id ? `${base}/${input.id}/bewerken` : `${base}/nieuw`, submit: t(input.id ? 'moneyFlows.form.save' : 'moneyFlows.form.submit'),
        deleteAction: input.id ? `${base}/${input.id}/verwijderen` : null,
      })],
    });
  };

  app.get('/:municipality/gebieden/:code/geldstromen/nieuw', async (request, reply) => {
    const year = query.parse(request.query ?? {}).jaar ?? request.ctx.tenant!.divisionYear;
    return formView(request, reply, { values: { year: String(year) }, issues: [] });
  });

  app.post('/:municipality/gebieden/:code/geldstromen/nieuw', async (request, reply) => {
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(request.ctx, recordMoneyFlow, { ...flowInput(values), areaCode: (request.params as Params).code }),
      success: (result) => reply.flashRedirect(result.path, 'moneyFlows.flash.recorded'),
      invalid: (issues) => formView(request, reply, { values, issues }),
    });
  });

  const flowOfArea = async (request: FastifyRequest) => {
    const area = await areaOf(request);
    const row = await findFlow(db, request.ctx.tenant!.id, (request.params as Required<Params>).id);
    if (!row || row.area_code !== area.code) throw new NotFoundError();
    return flowOf(row);
  };

  app.get('/:municipality/gebieden/:code/geldstromen/:id/bewerken', async (request, reply) => {
    const flow = await flowOfArea(request);
    return formView(request, reply, {
      id: flow.id, issues: [],
      values: {
        year: String(flow.year), source: flow.source, purpose: flow.purpose, amount: eurosInput(flow.amountCents, request.ctx.locale === 'nl' ? ',' : '.'),
        certainty: flow.certainty, method: flow.method, figureSource: flow.figureSource ?? '',
      },
    });
  });

  app.post('/:municipality/gebieden/:code/geldstromen/:id/bewerken', async (request, reply) => {
    const flow = await flowOfArea(request);
    const values = formBody(request);
    return handleForm(reply, {
      run: () => execute(request.ctx, changeMoneyFlow, { ...flowInput(values), id: flow.id }),
      success: (result) => reply.flashRedirect(result.path, 'moneyFlows.flash.changed'),
      invalid: (issues) => formView(request, reply, { id: flow.id, values, issues }),
    });
  });

  app.post('/:municipality/gebieden/:code/geldstromen/:id/verwijderen', async (request, reply) => {
    const flow = await flowOfArea(request);
    return handleForm(reply, {
      run: () => execute(request.ctx, deleteMoneyFlow, { id: flow.id }),
      success: (result) => reply.flashRedirect(result.path, 'moneyFlows.flash.deleted'),
      invalid: () => { throw new NotFoundError(); },
    });
  });

  // ---- importing a file ---------------------------------------------------------------------------

  const importView = async (request: FastifyRequest, reply: FastifyReply, csv: string, issues: FieldIssue[]) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = ctx.tenant!;
    authorize(ctx, moneyFlowActions.import, moneyFlowResource(tenant.id));
    const rows = await flowSummary(db, tenant.id);
    const titles = new Map<string, string>();
    for (const code of new Set(rows.map((r) => r.areaCode))) titles.set(code, (await tenantArea(db, tenant, code, t))?.title ?? code);
    return reply.page({
      title: t('moneyFlows.import.title'),
      body: importPage(ctx, { csrf: request.csrf, csv, problems: issues.map((i) => problemText(t, i)), summary: rows.map((r) => ({ ...r, areaTitle: titles.get(r.areaCode) ?? r.areaCode })) }),
    });
  };

  app.get('/:municipality/beheer/geldstromen', (request, reply) => importView(request, reply, '', []));

  app.post('/:municipality/beheer/geldstromen', {
    // A file above the server's upload limit is refused before the handler runs: say so on the page.
    errorHandler: async (error: Error & { statusCode?: number; code?: string }, request, reply) => {
      if ((error.statusCode === 413 || error.code === 'FST_REQ_FILE_TOO_LARGE') && request.ctx?.tenant) {
        reply.code(422);
        return importView(request, reply, '', [{ field: 'csv', key: 'files.tooLarge', params: sizeLimit(UPLOAD_LIMIT_BYTES) }]);
      }
      throw error;
    },
  }, async (request, reply) => {
    const values = formBody(request);
    const file = await uploadedFile(request, 'file');
    let csv = values.csv ?? '';
    if (file && file.bytes.length > 0) {
      try {
        csv = new TextDecoder('utf-8', { fatal: true }).decode(file.bytes);
      } catch {
        reply.code(422);
        return importView(request, reply, '', [{ field: 'csv', key: 'moneyFlows.import.error.encoding' }]);
      }
    }
    return handleForm(reply, {
      run: () => execute(request.ctx, importMoneyFlows, { csv }),
      success: () => reply.flashRedirect(importPath(request.ctx.tenant!.slug), 'moneyFlows.flash.imported'),
      invalid: (issues) => importView(request, reply, file ? '' : csv, issues),
    });
  });
}
