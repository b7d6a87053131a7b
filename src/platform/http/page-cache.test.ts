import type { FastifyRequest } from 'fastify';
import { beforeEach, describe, expect, it } from 'vitest';
import { html, type SafeHtml } from '../html.js';
import { anonymous, type Actor } from '../policy.js';
import { FORM_KEY_FIELD, isFormKey, newFormKey } from './form-keys.js';
import { cachedPageBody, clearPageCache, pageCacheCounts } from './page-cache.js';

const request = (csrf: string, actor: Actor = anonymous) => ({ csrf, ctx: { actor } }) as unknown as FastifyRequest;
const person: Actor = { kind: 'person', personId: 'p1' } as Actor;

/** A body with two forms, as a page renders it: the token it is given and a new key per form. */
function counted() {
  const calls: string[] = [];
  const render = async (csrf: string): Promise<SafeHtml> => {
    calls.push(csrf);
    const form = () => html`<form method="post"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="${FORM_KEY_FIELD}" value="${newFormKey()}"></form>`;
    return html`<p>Figures</p>${form()}${form()}`;
  };
  return { calls, render };
}

const tokens = (body: SafeHtml) => [...body.value.matchAll(/name="_csrf" value="([^"]+)"/g)].map((m) => m[1]);
const keys = (body: SafeHtml) => [...body.value.matchAll(new RegExp(`name="${FORM_KEY_FIELD}" value="([^"]+)"`, 'g'))].map((m) => m[1]!);

describe('cachedPageBody', () => {
  beforeEach(() => clearPageCache());

  it('renders once for anonymous visitors and gives each their own token and fresh form keys', async () => {
    const { calls, render } = counted();
    const a = await cachedPageBody(request('token-a'), 'page', 'v1', render);
    const b = await cachedPageBody(request('token-b'), 'page', 'v1', render);
    expect(calls).toHaveLength(1);
    expect(calls[0]).not.toBe('token-a'); // rendered with the marker, not a visitor's token
    expect(tokens(a)).toEqual(['token-a', 'token-a']);
    expect(tokens(b)).toEqual(['token-b', 'token-b']);
    const all = [...keys(a), ...keys(b)];
    expect(all).toHaveLength(4);
    expect(new Set(all).size).toBe(4);
    expect(all.every(isFormKey)).toBe(true);
    expect(a.value.replace(/value="[^"]+"/g, '')).toBe(b.value.replace(/value="[^"]+"/g, ''));
  });

  it('renders again when the fingerprint changed, and keeps pages apart by key', async () => {
    const { calls, render } = counted();
    await cachedPageBody(request('t'), 'page', 'v1', render);
    await cachedPageBody(request('t'), 'page', 'v2', render);
    await cachedPageBody(request('t'), 'page', 'v2', render);
    await cachedPageBody(request('t'), 'other page', 'v2', render);
    expect(calls).toHaveLength(3);
  });

  it('renders for every request of a signed-in person, with their token and real keys, and keeps nothing', async () => {
    const { calls, render } = counted();
    const hits = pageCacheCounts.hits;
    const mine = await cachedPageBody(request('token-p', person), 'page', 'v1', render);
    await cachedPageBody(request('token-p', person), 'page', 'v1', render);
    expect(calls).toEqual(['token-p', 'token-p']);
    expect(tokens(mine)).toEqual(['token-p', 'token-p']);
    await cachedPageBody(request('token-a'), 'page', 'v1', render);
    expect(calls).toHaveLength(3); // the person's rendering was not kept for anonymous visitors
    expect(pageCacheCounts.hits).toBe(hits);
  });

  it('shares one rendering between requests that miss together, and does not keep a failure', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    let renders = 0;
    const slow = async () => { renders++; await gate; return html`<p>slow</p>`; };
    const both = Promise.all([cachedPageBody(request('a'), 'slow', 'v1', slow), cachedPageBody(request('b'), 'slow', 'v1', slow)]);
    release();
    expect((await both).map((b) => b.value)).toEqual(['<p>slow</p>', '<p>slow</p>']);
    expect(renders).toBe(1);

    let fail = true;
    const flaky = async () => { if (fail) throw new Error('boom'); return html`<p>fine</p>`; };
    await expect(cachedPageBody(request('a'), 'flaky', 'v1', flaky)).rejects.toThrow('boom');
    fail = false;
    expect((await cachedPageBody(request('a'), 'flaky', 'v1', flaky)).value).toBe('<p>fine</p>');
  });
});
