import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { translator } from '../../platform/i18n/index.js';
import { authorize } from '../../platform/service.js';
import { getVersion } from '../../platform/versions/index.js';
import { splitContent, yearOf } from './model.js';
import { liveContent, localizedContent, partContext } from './parts.js';
import { pictureActions } from './policy.js';
import { pictureArea, pictureOf, picturePath, refOf } from './service.js';

/**
 * Open data: an area's published neighbourhood picture as JSON — the latest version or one by
 * number — with every part's frozen data and the free sections, headings in the language asked for.
 */
const params = z.object({ municipality: z.string().max(60), code: z.string().trim().toUpperCase().max(12, { message: 'validation.tooLong' }) });

export function registerPictureApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;
  api.route({
    method: 'GET', path: '/:municipality/areas/:code/picture', tag: 'Neighbourhood picture',
    summary: "An area's published neighbourhood picture (wijkbeeld): the assembled parts as they were when the version was published (figures, readings, places, ecosystem, history, money flows), and the sections the neighbourhood wrote.",
    params,
    query: z.object({ version: z.coerce.number().int().min(1).max(999_999_999).optional().describe('A version number; default the latest.') }),
    response: z.object({
      areaCode: z.string(), areaTitle: z.string(), title: z.string(), version: z.number().int(), latestVersion: z.number().int(),
      publishedAt: z.string(), summary: z.string(), year: z.number().int().nullable().describe('The year of the figures the version speaks for.'), page: z.string(),
      parts: z.array(z.object({ name: z.string(), heading: z.string(), text: z.string(), data: z.unknown().describe("The part's frozen data; its shape is the part's own.") })),
      sections: z.array(z.object({ key: z.string(), heading: z.string(), body: z.string().describe('Plain text; paragraphs separated by a blank line.') })),
    }),
    async handler({ params: p, query }, ctx) {
      const t = translator(ctx.locale);
      const area = await pictureArea(db, ctx.tenant!, p.code, t);
      if (!area) throw new NotFoundError();
      authorize(ctx, pictureActions.view, { type: 'picture', municipalityId: ctx.tenant!.id, areaPath: area.path });
      const document = await pictureOf(db, ctx.tenant!.id, area.code);
      const latest = document?.publishedVersion ?? null;
      const version = document && latest ? await getVersion(db, refOf(document), query.version ?? latest) : null;
      if (!version || !latest) throw new NotFoundError();
      const localized = splitContent(localizedContent(await liveContent(db, ctx.tenant!, area.code, version.content), partContext(ctx.locale, ctx.tenant!.slug, area.code)));
      return {
        areaCode: area.code, areaTitle: area.title, title: version.title, version: version.number, latestVersion: latest, publishedAt: version.publishedAt,
        summary: version.summary, year: yearOf(version.content), page: `${picturePath(ctx.tenant!.slug, area.code)}/versies/${version.number}`,
        parts: localized.parts.map((s) => ({ name: s.data.part, heading: s.heading, text: s.body, data: s.data.data })),
        sections: localized.free,
      };
    },
  });
}
