import { z } from 'zod';
import { html } from '../html.js';
import type { Translate } from '../i18n/index.js';
import { heading1, link, paragraph } from '../ui/components.js';
import type { ApiRegistry } from './api.js';
import type { PageInput } from './server.js';

/** Readable API documentation, generated from the same zod schemas as the OpenAPI document. */
export function docsPage(t: Translate, api: ApiRegistry): PageInput {
  const tags = [...new Set(api.routes.map((r) => r.tag))].sort();
  const schemaText = (s: z.ZodType | undefined) => (s ? JSON.stringify(z.toJSONSchema(s, { io: 'input', unrepresentable: 'any' }), null, 1) : '');
  return {
    title: t('api.title'),
    body: html`${heading1(t('api.title'))}
      ${paragraph(t('api.intro'))}
      ${paragraph(link('/api/v1/openapi.json', t('api.openapi')))}
      ${tags.map((tag) => html`<h2 class="utrecht-heading-2">${tag}</h2>
        ${api.routes.filter((r) => r.tag === tag).map((r) => html`<section class="ba-card" aria-labelledby="op-${r.method}-${r.path.replace(/[^a-z0-9]/gi, '-')}">
          <h3 class="utrecht-heading-3" id="op-${r.method}-${r.path.replace(/[^a-z0-9]/gi, '-')}"><code>${r.method} /api/v1${r.path}</code></h3>
          ${paragraph(r.summary)}
          ${r.query ? html`<h4 class="utrecht-heading-4">${t('api.query')}</h4><pre class="ba-json">${schemaText(r.query)}</pre>` : ''}
          ${r.body ? html`<h4 class="utrecht-heading-4">${t('api.body')}</h4><pre class="ba-json">${schemaText(r.body)}</pre>` : ''}
        </section>`)}`)}`,
  };
}
