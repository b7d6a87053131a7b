import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SafeHtml } from '../html.js';
import { Lru } from '../lru.js';
import { FORM_KEY_MARKER, newFormKey, withFormKeyMarkers } from './form-keys.js';

/**
 * Rendered pages, kept for anonymous visitors: the rule, in one place.
 *
 * A public page that is expensive to render (the statistics of an area: a hundred figures, their
 * trend charts and readings) is the same for every anonymous visitor as long as what it was
 * rendered from is the same — except for the visitor's CSRF token and the one-time keys of its
 * forms (form-keys.ts). So the page is rendered once with markers in their place, kept under the
 * page's key with a fingerprint of everything it was rendered from, and each request fills in its
 * own token and fresh form keys; a page without forms is sent as it is, compressed when the client
 * accepts gzip. The caller reads the fingerprint's parts for every request (never trusts memory for
 * them; the municipality's row, read by the tenancy hook and shown in the shell, is added here); a
 * page kept under another fingerprint is rendered again and replaced.
 *
 * Signed-in people are never served from the cache: what they see may depend on who they are
 * (their own readings, moderation notices, the account menu). The cache is per process, bounded by
 * the total length of the pages (`PAGE_CACHE_CHARACTERS`, least recently used out first), and holds
 * only what any anonymous visitor may see. Requests that miss together share one rendering.
 */
export const PAGE_CACHE_CHARACTERS = 48 * 1024 * 1024;

/** Stands in for the CSRF token in a kept body: random per process, letters and digits only (escaping leaves it as it is). */
const TOKEN_MARKER = `csrf${randomBytes(16).toString('hex')}`;

interface Kept {
  fingerprint: string;
  text: string;
  /** Without a token or form key: the same bytes for every anonymous visitor. */
  whole: boolean;
  /** The text compressed, made at the first request that accepts it (pages without forms only). */
  gzip: Buffer | null;
}

/** How often a body was served from the cache and how often one was rendered for it (tests, diagnostics). */
export const pageCacheCounts = { hits: 0, renders: 0 };

const kept = new Lru<Kept>(PAGE_CACHE_CHARACTERS, (entry) => entry.text.length * 1.1);
const rendering = new Map<string, Promise<Kept>>();

function fill(text: string, csrf: string): SafeHtml {
  const parts = text.split(TOKEN_MARKER).join(csrf).split(FORM_KEY_MARKER);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) out += newFormKey() + parts[i]!;
  return new SafeHtml(out);
}

/** What a kept page is sent with (the shell around it is the caller's: see `sendCachedPage`). */
export interface CachedPageInput {
  key: string;
  fingerprint: string;
  title: string;
  breadcrumbs?: Array<{ href: string; label: string }>;
  render(csrf: string): Promise<SafeHtml>;
}

/**
 * Sends a whole page kept for anonymous visitors: `wrap` puts a body in the page's shell (the same for
 * every anonymous visitor of this address). A page without forms is the same bytes for all of them,
 * so it is also kept compressed and sent as gzip to clients that accept it (the statistics page of
 * an area: 560 KB, 8 % of that compressed). `shareable` is false when the shell would differ (a
 * flash message waiting): then, as for signed-in people, the page is rendered for this request.
 */
export async function sendCachedPage(reply: FastifyReply, input: CachedPageInput, wrap: (body: SafeHtml) => string, shareable: boolean): Promise<FastifyReply> {
  const request = reply.request;
  reply.header('cache-control', 'no-store').type('text/html; charset=utf-8');
  if (!shareable || request.ctx.actor.kind !== 'anonymous') return reply.send(wrap(await input.render(request.csrf)));
  // The shell shows the municipality (name, colours, logo): its row, read for this request, is part of what the page was made from.
  const fingerprint = JSON.stringify([input.fingerprint, request.ctx.tenant]);
  const entry = await keptFor(input.key, fingerprint, async () => wrap(await input.render(TOKEN_MARKER)));
  reply.header('vary', 'accept-encoding');
  if (entry.whole && /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''))) {
    entry.gzip ??= gzipSync(entry.text);
    return reply.header('content-encoding', 'gzip').send(entry.gzip);
  }
  return reply.send(entry.whole ? entry.text : fill(entry.text, request.csrf).value);
}

/** The entry kept under key for this fingerprint, or a new one made by `make` (with new form keys as markers), shared by requests that miss together. */
async function keptFor(key: string, fingerprint: string, make: () => Promise<string>): Promise<Kept> {
  const hit = kept.get(key);
  if (hit && hit.fingerprint === fingerprint) {
    pageCacheCounts.hits++;
    return hit;
  }
  const slot = `${key}\n${fingerprint}`;
  let pending = rendering.get(slot);
  if (!pending) {
    pageCacheCounts.renders++;
    pending = withFormKeyMarkers(make).then((text): Kept => ({ fingerprint, text, whole: !text.includes(TOKEN_MARKER) && !text.includes(FORM_KEY_MARKER), gzip: null }));
    rendering.set(slot, pending);
    pending.then((entry) => kept.set(key, entry), () => undefined).finally(() => rendering.delete(slot));
  }
  return pending;
}

/** Forgets every kept body (tests). */
export function clearPageCache(): void {
  kept.clear();
}
