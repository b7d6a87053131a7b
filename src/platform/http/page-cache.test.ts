import { gunzipSync } from 'node:zlib';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { html, type SafeHtml } from '../html.js';
import { anonymous, type Actor } from '../policy.js';
import type { Context } from '../context.js';
import { FORM_KEY_FIELD, isFormKey, newFormKey } from './form-keys.js';
import { clearPageCache, pageCacheCounts, sendCachedPage } from './page-cache.js';

/**
 * sendCachedPage on a bare Fastify app: the request's actor and CSRF token come from headers, the
 * shell is a plain wrapper, and the page has forms or not as a test asks.
 */
function testApp(options: { forms: boolean; renders: string[]; shareable?: boolean }): FastifyInstance {
  const app = Fastify();
  app.decorateRequest('ctx', null as unknown as Context);
  app.decorateRequest('csrf', '');
  app.addHook('onRequest', async (request) => {
    const person = request.headers['x-person'];
    request.ctx = { actor: person ? ({ kind: 'person', personId: String(person) } as Actor) : anonymous } as Context;
    request.csrf = String(request.headers['x-token'] ?? 'no-token');
  });
  app.get('/page', (request, reply) => sendCachedPage(reply, {
    key: 'page', fingerprint: String((request.query as { v?: string }).v ?? 'v1'), title: 'Page',
    async render(csrf: string): Promise<SafeHtml> {
      options.renders.push(csrf);
      const form = () => html`<form method="post"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="${FORM_KEY_FIELD}" value="${newFormKey()}"></form>`;
      return html`<p>Figures ${'x'.repeat(2000)}</p>${options.forms ? [form(), form()] : ''}`;
    },
  }, (body) => `<html><body>${body.value}</body></html>`, options.shareable ?? true));
  return app;
}

const tokens = (text: string) => [...text.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]);
const keys = (text: string) => [...text.matchAll(new RegExp(`name="${FORM_KEY_FIELD}" value="([^"]+)"`, 'g'))].map((m) => m[1]!);

describe('sendCachedPage', () => {
  let app: FastifyInstance | undefined;
  beforeEach(() => clearPageCache());
  afterEach(async () => app?.close());

  it('renders a page with forms once for anonymous visitors and gives each their own token and fresh form keys', async () => {
    const renders: string[] = [];
    app = testApp({ forms: true, renders });
    const a = await app.inject({ url: '/page', headers: { 'x-token': 'token-a', 'accept-encoding': 'gzip' } });
    const b = await app.inject({ url: '/page', headers: { 'x-token': 'token-b' } });
    expect(renders).toHaveLength(1);
    expect(renders[0]).not.toBe('token-a'); // rendered with the marker, not a visitor's token
    expect(a.headers['content-encoding']).toBeUndefined(); // holes filled per request: not kept compressed
    expect([a.headers['cache-control'], a.headers['content-type']]).toEqual(['no-store', 'text/html; charset=utf-8']);
    expect(tokens(a.body)).toEqual(['token-a', 'token-a']);
    expect(tokens(b.body)).toEqual(['token-b', 'token-b']);
    const all = [...keys(a.body), ...keys(b.body)];
    expect(all).toHaveLength(4);
    expect(new Set(all).size).toBe(4);
    expect(all.every(isFormKey)).toBe(true);
    expect(a.body.replace(/value="[^"]+"/g, '')).toBe(b.body.replace(/value="[^"]+"/g, ''));
  });

  it('sends a page without forms as the same bytes, compressed to clients that accept gzip', async () => {
    const renders: string[] = [];
    app = testApp({ forms: false, renders });
    const plain = await app.inject({ url: '/page' });
    const zipped = await app.inject({ url: '/page', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(renders).toHaveLength(1);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers.vary).toBe('accept-encoding');
    expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 5);
    expect(gunzipSync(zipped.rawPayload).toString('utf8')).toBe(plain.body);
    expect(plain.body).toMatch(/^<html><body><p>Figures x+<\/p><\/body><\/html>$/);
  });

  it('renders again when the fingerprint changed', async () => {
    const renders: string[] = [];
    app = testApp({ forms: false, renders });
    for (const v of ['v1', 'v2', 'v2', 'v1']) await app.inject({ url: `/page?v=${v}` });
    expect(renders).toHaveLength(3);
  });

  it('renders for every request of a signed-in person, and when the page is not shareable, and keeps nothing', async () => {
    const renders: string[] = [];
    app = testApp({ forms: true, renders });
    const hits = pageCacheCounts.hits;
    const mine = await app.inject({ url: '/page', headers: { 'x-person': 'p1', 'x-token': 'token-p', 'accept-encoding': 'gzip' } });
    await app.inject({ url: '/page', headers: { 'x-person': 'p1', 'x-token': 'token-p' } });
    expect(renders).toEqual(['token-p', 'token-p']);
    expect(mine.headers['content-encoding']).toBeUndefined();
    expect(tokens(mine.body)).toEqual(['token-p', 'token-p']);
    await app.inject({ url: '/page', headers: { 'x-token': 'token-a' } });
    expect(renders).toHaveLength(3); // the person's rendering was not kept for anonymous visitors
    expect(pageCacheCounts.hits).toBe(hits);
    await app.close();

    const flashRenders: string[] = [];
    app = testApp({ forms: false, renders: flashRenders, shareable: false });
    await app.inject({ url: '/page', headers: { 'x-token': 't' } });
    await app.inject({ url: '/page', headers: { 'x-token': 't' } });
    expect(flashRenders).toEqual(['t', 't']);
  });

  it('shares one rendering between requests that miss together', async () => {
    const renders: string[] = [];
    app = testApp({ forms: false, renders });
    await Promise.all([app.inject({ url: '/page?v=same' }), app.inject({ url: '/page?v=same' }), app.inject({ url: '/page?v=same' })]);
    expect(renders).toHaveLength(1);
  });
});
