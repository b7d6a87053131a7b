import { randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { SafeHtml } from '../html.js';
import { Lru } from '../lru.js';
import { FORM_KEY_MARKER, newFormKey, withFormKeyMarkers } from './form-keys.js';

/**
 * Rendered page bodies, kept for anonymous visitors: the rule, in one place.
 *
 * A public page that is expensive to render (the statistics of an area: a hundred figures, their
 * trend charts and readings) is the same for every anonymous visitor as long as what it was
 * rendered from is the same — except for the visitor's CSRF token and the one-time keys of its
 * forms (form-keys.ts). So the body is rendered once with markers in their place, kept under the
 * page's key with a fingerprint of everything it was rendered from, and each request fills in its
 * own token and fresh form keys. The
 * caller reads the fingerprint's parts for every request (never trusts memory for them); a body
 * kept under another fingerprint is rendered again and replaced.
 *
 * Signed-in people are never served from the cache: what they see may depend on who they are
 * (their own readings, moderation notices). The cache is per process, bounded by the total length
 * of the bodies (`PAGE_CACHE_CHARACTERS`, least recently used out first), and holds only what any
 * anonymous visitor may see. Requests that miss together share one rendering.
 */
export const PAGE_CACHE_CHARACTERS = 48 * 1024 * 1024;

/** Stands in for the CSRF token in a kept body: random per process, letters and digits only (escaping leaves it as it is). */
const TOKEN_MARKER = `csrf${randomBytes(16).toString('hex')}`;

interface Kept {
  fingerprint: string;
  text: string;
}

/** How often a body was served from the cache and how often one was rendered for it (tests, diagnostics). */
export const pageCacheCounts = { hits: 0, renders: 0 };

const kept = new Lru<Kept>(PAGE_CACHE_CHARACTERS, (entry) => entry.text.length);
const rendering = new Map<string, Promise<Kept>>();

function fill(text: string, csrf: string): SafeHtml {
  const parts = text.split(TOKEN_MARKER).join(csrf).split(FORM_KEY_MARKER);
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) out += newFormKey() + parts[i]!;
  return new SafeHtml(out);
}

/**
 * The body of a page: for an anonymous visitor from the cache when it was rendered under the same
 * key and fingerprint, otherwise rendered by `render` (given the token to put in forms) and, for an
 * anonymous visitor, kept. `key` names the page: include the tenant, the locale and everything of
 * the address that changes the body. `fingerprint` names what it was rendered from.
 */
export async function cachedPageBody(request: FastifyRequest, key: string, fingerprint: string, render: (csrf: string) => Promise<SafeHtml>): Promise<SafeHtml> {
  if (request.ctx.actor.kind !== 'anonymous') return render(request.csrf);
  const hit = kept.get(key);
  if (hit && hit.fingerprint === fingerprint) {
    pageCacheCounts.hits++;
    return fill(hit.text, request.csrf);
  }
  const slot = `${key}\n${fingerprint}`;
  let pending = rendering.get(slot);
  if (!pending) {
    pageCacheCounts.renders++;
    pending = withFormKeyMarkers(() => render(TOKEN_MARKER)).then((body) => ({ fingerprint, text: body.value }));
    rendering.set(slot, pending);
    pending.then((entry) => kept.set(key, entry), () => undefined).finally(() => rendering.delete(slot));
  }
  return fill((await pending).text, request.csrf);
}

/** Forgets every kept body (tests). */
export function clearPageCache(): void {
  kept.clear();
}
