import { z } from 'zod';
import type { Platform } from '../../platform/context.js';
import { NotFoundError } from '../../platform/errors.js';
import type { ApiRegistry } from '../../platform/http/api.js';
import { authorize } from '../../platform/service.js';
import { BOUNDARY_ATTRIBUTION, CBS_ATTRIBUTION } from './api.js';
import { MAP_CLASSES, mapData, type MapLevel } from './map-data.js';
import { statisticsActions, statisticsResource } from './policy.js';

/**
 * The indicator map as open data: a GeoJSON FeatureCollection (RFC 7946, WGS84) of the
 * municipality's neighbourhoods or districts with each one's value, the reason when it is unknown
 * and its class (quantiles), and the sources and attribution as foreign members.
 */
const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const params = z.object({ municipality: z.string().max(60) });
const query = z.object({
  indicator: z.preprocess(emptyToUndefined, z.string().trim().max(40, { message: 'validation.tooLong' }).optional())
    .describe('Indicator id of the catalogue (default a_inw, residents).'),
  year: z.preprocess(emptyToUndefined, z.coerce.number({ error: 'validation.type' }).int({ message: 'validation.type' })
    .min(1990, { message: 'validation.type' }).max(2100, { message: 'validation.type' }).optional())
    .describe('Statistics year (default: the latest with figures).'),
  level: z.preprocess(emptyToUndefined, z.enum(['neighbourhood', 'district'], { message: 'validation.invalid' }).optional())
    .describe('neighbourhood (default) or district.'),
});

export function registerMapApi(api: ApiRegistry, platform: Platform): void {
  const { db } = platform;
  api.route({
    method: 'GET', path: '/:municipality/map.geojson', tag: 'Statistics',
    summary: "One indicator over the municipality's neighbourhoods or districts as a GeoJSON FeatureCollection: per feature the code, name, value (null when unknown), the unknown reason and the class (0-based, quantiles in at most five classes; null when unknown), with the class limits, year, boundary year, sources and attribution as foreign members.",
    params, query, binary: ['application/geo+json'],
    async handler({ query: q }, ctx, _request, reply) {
      const tenant = ctx.tenant;
      if (!tenant) throw new NotFoundError();
      authorize(ctx, statisticsActions.view, statisticsResource(tenant.id));
      const level: MapLevel = q.level === 'district' ? 'wijk' : 'buurt';
      const data = await mapData(db, tenant, { indicator: q.indicator, year: q.year, level });
      if (!data || (q.indicator !== undefined && data.indicator.id !== q.indicator)) throw new NotFoundError();
      const collection = {
        type: 'FeatureCollection',
        indicator: { id: data.indicator.id, label: ctx.locale === 'en' ? data.indicator.labelEn : data.indicator.labelNl, unit: data.indicator.unit, polarity: data.indicator.polarity },
        year: data.year, boundaryYear: data.boundaryYear, level: q.level ?? 'neighbourhood',
        classing: { method: 'quantiles', classes: MAP_CLASSES, breaks: data.breaks },
        attribution: [CBS_ATTRIBUTION, BOUNDARY_ATTRIBUTION],
        features: data.areas.map(({ area, value }, i) => ({
          type: 'Feature', id: area.code,
          geometry: area.geometry,
          properties: { code: area.code, name: area.name, value: value.value, unknown: value.unknown, class: data.classes[i] ?? null },
        })),
      };
      return reply.type('application/geo+json; charset=utf-8')
        .header('content-disposition', `inline; filename="${tenant.slug}-${data.indicator.id}-${data.year ?? 'geen'}.geojson"`)
        .send(JSON.stringify(collection));
    },
  });
}
