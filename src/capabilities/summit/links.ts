import type { Db } from '../../platform/db/connect.js';
import type { Locale } from '../../platform/i18n/index.js';
import { translator } from '../../platform/i18n/index.js';
import type { Tenant } from '../../platform/tenancy.js';
import { actorPath, ecosystemPath, findActor } from '../ecosystem/index.js';
import { interpretationAnchor, interpretationsOfArea, interpretationsPath } from '../interpretations/index.js';
import { picturePath } from '../picture/index.js';
import { findPlace, placePath } from '../places/index.js';
import { catalogueFor, statisticsPath } from '../statistics/index.js';
import type { GroupLink, Summit } from './store.js';

/**
 * A working group's information link as it is shown: where it leads and a title looked up now
 * (the figure's name, the place's or actor's current name, the start of a reading), so a renamed
 * place shows its new name. A reference that no longer resolves (a place removed, a reading
 * deleted) still shows, as "no longer available".
 */
export interface ResolvedLink extends GroupLink {
  href: string;
  title: string;
  available: boolean;
}

const excerpt = (text: string, max = 80) => (text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`);

export async function resolveLinks(db: Db, tenant: Tenant, summit: Summit, links: readonly GroupLink[], locale: Locale): Promise<ResolvedLink[]> {
  if (links.length === 0) return [];
  const t = translator(locale);
  const slug = tenant.slug;
  const code = summit.areaCode;
  const kinds = new Set(links.map((l) => l.kind));
  const catalogue = kinds.has('figure') ? await catalogueFor(db, tenant.id) : [];
  const readings = kinds.has('interpretation') ? await interpretationsOfArea(db, tenant.id, code) : [];
  const out: ResolvedLink[] = [];
  for (const link of links) {
    const gone = (href: string) => ({ ...link, href, title: t('summit.link.gone'), available: false });
    switch (link.kind) {
      case 'figure': {
        const indicator = catalogue.find((i) => i.id === link.reference);
        const href = `${statisticsPath(slug, code)}#cijfer-${link.reference}`;
        out.push(indicator ? { ...link, href, title: locale === 'en' ? indicator.labelEn : indicator.labelNl, available: true } : gone(href));
        break;
      }
      case 'interpretation': {
        const reading = readings.find((r) => r.id === link.reference && r.body !== '');
        const href = `${interpretationsPath(slug, code)}#${interpretationAnchor(link.reference)}`;
        out.push(reading ? { ...link, href, title: excerpt(reading.body), available: true } : gone(href));
        break;
      }
      case 'picture':
        out.push({ ...link, href: `${picturePath(slug, code)}${link.reference ? `#wijkbeeld-${link.reference}` : ''}`, title: link.reference ? t('summit.link.pictureSection', { section: link.reference }) : t('summit.link.picture'), available: true });
        break;
      case 'place': {
        const place = await findPlace(db, tenant.id, link.reference);
        out.push(place ? { ...link, href: placePath(slug, place.id), title: place.name, available: true } : gone(placePath(slug, link.reference)));
        break;
      }
      case 'ecosystem': {
        if (!link.reference) {
          out.push({ ...link, href: ecosystemPath(slug, code), title: t('summit.link.ecosystem'), available: true });
          break;
        }
        const actor = await findActor(db, tenant.id, link.reference);
        out.push(actor ? { ...link, href: actorPath(slug, actor.areaCode, actor.id), title: actor.name, available: true } : gone(ecosystemPath(slug, code)));
        break;
      }
    }
  }
  return out;
}
