import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Context, Platform } from '../context.js';
import { html, unsafeRaw, type SafeHtml } from '../html.js';
import type { ApiRegistry } from '../http/api.js';
import { formatNumber, translator, type Translate } from '../i18n/index.js';
import { authorize } from '../service.js';
import type { Tenant } from '../tenancy.js';
import { heading1, link, paragraph, selectField, textField } from '../ui/components.js';
import { search, searchTypes, type SearchResult } from './service.js';

export const SEARCH_VIEW = 'search.view';
export const PAGE_SIZE = 20;
const MAX_PAGE = 500;
const MAX_QUERY_INPUT = 1000;

const tr = (ctx: Context) => translator(ctx.locale);

function tenantOf(ctx: Context): Tenant {
  const tenant = ctx.tenant!;
  authorize(ctx, SEARCH_VIEW, { type: 'search', municipalityId: tenant.id });
  return tenant;
}

export function typeLabel(t: Translate, type: string): string {
  const known = searchTypes().find((s) => s.type === type);
  return t(known?.labelKey ?? 'search.type.other');
}

/** A result's link: stored paths are below the municipality's root. */
function hrefOf(tenant: Tenant, url: string): string {
  return url === '/' || url === '' ? `/${tenant.slug}` : `/${tenant.slug}${url.startsWith('/') ? url : `/${url}`}`;
}

/** The first value of a query parameter that was given as text (a repeated parameter counts once). */
function queryText(value: unknown): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

function snippet(item: { snippet: string }): SafeHtml {
  // The snippet is escaped text with our own <mark> only (see normalise.ts); styled as an NL Design System mark.
  return unsafeRaw(item.snippet.replaceAll('<mark>', '<mark class="utrecht-mark">'));
}

function countText(t: Translate, result: SearchResult, type: string | undefined): string {
  const all = Object.values(result.counts).reduce((a, b) => a + b, 0);
  if (type && all > 0) return t('search.count.inType', { count: result.total, total: all, query: result.query.trim(), type: typeLabel(t, type) });
  const key = result.total === 0 ? 'search.count.none' : result.total === 1 ? 'search.count.one' : 'search.count.other';
  return t(key, { count: result.total, query: result.query.trim() });
}

interface PageState {
  query: string;
  type: string | undefined;
  page: number;
}

function searchUrl(base: string, state: PageState): string {
  const params = new URLSearchParams({ q: state.query });
  if (state.type) params.set('soort', state.type);
  if (state.page > 1) params.set('pagina', String(state.page));
  return `${base}/zoeken?${params.toString()}`;
}

function pagination(t: Translate, base: string, state: PageState, total: number): SafeHtml {
  const pages = Math.min(MAX_PAGE, Math.ceil(total / PAGE_SIZE));
  if (pages <= 1) return html``;
  // No link where there is no page (rather than a disabled one that a screen reader still announces).
  const relative = (page: number, rel: 'prev' | 'next', label: string) => (page < 1 || page > pages
    ? ''
    : html`<a class="utrecht-pagination__relative-link utrecht-pagination__relative-link--${rel}" rel="${rel}" href="${searchUrl(base, { ...state, page })}">${label}</a>`);
  return html`<nav class="utrecht-pagination" aria-label="${t('search.pagination')}">
    ${relative(state.page - 1, 'prev', t('search.previous'))}
    <span class="utrecht-pagination__page-link utrecht-pagination__page-link--current" aria-current="page">${t('search.page', { page: state.page, pages })}</span>
    ${relative(state.page + 1, 'next', t('search.next'))}
  </nav>`;
}

export function searchPage(t: Translate, ctx: Context, input: { tenant: Tenant; state: PageState; result: SearchResult | null }): SafeHtml {
  const { tenant, state, result } = input;
  const base = `/${tenant.slug}`;
  const locale = ctx.locale;
  const counts = result?.counts ?? {};
  const kinds = [...new Set([...searchTypes().map((s) => s.type), ...Object.keys(counts)])];
  const options = kinds.map((type) => ({ type, label: typeLabel(t, type) }))
    .sort((x, y) => x.label.localeCompare(y.label, locale))
    .map(({ type, label }) => ({ value: type, label: result ? t('search.typeCount', { label, count: formatNumber(locale, counts[type] ?? 0) }) : label }));
  const form = html`<form class="utrecht-form ba-form" method="get" action="${base}/zoeken" role="search" aria-label="${t('search.form', { name: tenant.name })}">
    ${textField(t, { name: 'q', label: t('search.field.q'), hint: t('search.field.qHint'), type: 'search', value: state.query, errors: {}, required: true, maxLength: MAX_QUERY_INPUT })}
    ${selectField(t, { name: 'soort', label: t('search.field.type'), value: state.type ?? '', options, placeholder: t('search.allTypes'), errors: {} })}
    <div class="utrecht-button-group ba-actions"><button type="submit" class="utrecht-button utrecht-button--primary-action">${t('search.submit')}</button></div>
  </form>`;
  let results: SafeHtml = html``;
  if (result) {
    const first = (state.page - 1) * PAGE_SIZE + 1;
    results = html`<h2 class="utrecht-heading-2" id="resultaten">${t('search.results')}</h2>
      <p class="utrecht-paragraph" role="status">${result.onlyStopWords ? t('search.onlyStopWords', { query: state.query.trim() }) : countText(t, result, state.type)}</p>
      ${result.total === 0 && !result.onlyStopWords ? paragraph(t('search.noneHelp')) : ''}
      ${result.items.length ? html`<ol class="utrecht-ordered-list ba-search-results" start="${first}" aria-labelledby="resultaten">
        ${result.items.map((item) => html`<li class="utrecht-ordered-list__item">
          <h3 class="utrecht-heading-3">${link(hrefOf(tenant, item.url), item.title)}</h3>
          <p class="utrecht-paragraph"><span class="ba-tag">${typeLabel(t, item.type)}</span> ${snippet(item)}</p>
        </li>`)}
      </ol>` : ''}
      ${pagination(t, base, state, result.total)}`;
  }
  return html`${heading1(t('search.title'))}
    ${paragraph(t('search.intro', { name: tenant.name }))}
    ${form}
    ${results}`;
}

export function registerSearchPages(app: FastifyInstance, platform: Platform): void {
  app.get('/:municipality/zoeken', async (request, reply) => {
    const { ctx } = request;
    const t = tr(ctx);
    const tenant = tenantOf(ctx);
    const raw = request.query as Record<string, unknown>;
    const query = queryText(raw.q).slice(0, MAX_QUERY_INPUT);
    const asked = queryText(raw.soort);
    // An unknown kind in the address (an old link, a typo) searches every kind rather than failing.
    const type = searchTypes().some((s) => s.type === asked) ? asked : undefined;
    const pageNumber = Number.parseInt(queryText(raw.pagina), 10);
    const page = Number.isFinite(pageNumber) ? Math.min(MAX_PAGE, Math.max(1, pageNumber)) : 1;
    const state: PageState = { query, type, page };
    const result = query.trim()
      ? await search(platform.db, tenant, { query, type, limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE })
      : null;
    return reply.page({
      title: query.trim() ? t('search.titleWithQuery', { query: query.trim().slice(0, 80) }) : t('search.title'),
      body: searchPage(t, ctx, { tenant, state, result }),
    });
  });
}

const resultOut = z.object({
  type: z.string().describe('The kind of item: organisation, area, publicValue, …'),
  typeLabel: z.string().describe('The kind in the language of the request.'),
  id: z.string(),
  title: z.string(),
  url: z.string().describe('Path of the item\'s page on this site.'),
  snippet: z.string().describe('HTML: an excerpt of the item\'s text, escaped, with the matching words in <mark>…</mark> (no other markup).'),
});

export function registerSearchApi(api: ApiRegistry, platform: Platform): void {
  api.route({
    method: 'GET', path: '/:municipality/search', tag: 'Search',
    summary: 'Full-text search over the public items of a municipality (organisations, areas, public values, …), best matches first: items whose title holds every word, then by relevance. Words also match longer words that start with them. Operators and quotes are read as plain words.',
    params: z.object({ municipality: z.string().max(60) }),
    query: z.object({
      q: z.string({ error: 'validation.type' }).max(MAX_QUERY_INPUT, { message: 'validation.tooLong' }).default('').describe('What to search for (plain words; every word must match).'),
      type: z.string({ error: 'validation.type' }).max(40, { message: 'validation.tooLong' }).optional().describe('Only items of this kind.'),
      limit: z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' }).min(1).max(50).default(20),
      offset: z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' }).min(0).max(10_000).default(0),
    }),
    response: z.object({
      query: z.string(),
      total: z.number().int().describe('Number of results (of `type`, when given).'),
      counts: z.record(z.string(), z.number().int()).describe('Number of results per kind, regardless of `type`.'),
      limit: z.number().int(),
      offset: z.number().int(),
      items: z.array(resultOut),
    }),
    async handler({ query }, ctx) {
      const tenant = tenantOf(ctx);
      const t = tr(ctx);
      const result = await search(platform.db, tenant, { query: query.q, type: query.type, limit: query.limit, offset: query.offset });
      return {
        query: query.q, total: result.total, counts: result.counts, limit: query.limit, offset: query.offset,
        items: result.items.map((item) => ({ type: item.type, typeLabel: typeLabel(t, item.type), id: item.id, title: item.title, url: hrefOf(tenant, item.url), snippet: item.snippet })),
      };
    },
  });
}
