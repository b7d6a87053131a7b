import type { Context } from '../../platform/context.js';
import { csvFile, csvNumber, type CsvCell } from '../../platform/csv.js';
import { NotFoundError, ValidationError } from '../../platform/errors.js';
import { authorize, execute } from '../../platform/service.js';
import { importStatistics } from '../statistics/index.js';
import { CATALOGUE_THEME, periodYear } from './model.js';
import { surveyActions, surveyResource } from './policy.js';
import { indicatorValuesOf } from './results.js';
import { recordPublication, tenantOf } from './service.js';
import { findPeriod } from './store.js';

/**
 * Feeding the statistics catalogue: a closed period's scores become the municipality's own
 * indicators `bm_<question code>` (unit percent: the share of positive answers) for the
 * neighbourhoods at or above the minimum, in the year of the period's last day. They are written
 * through the statistics capability's own import (a long-format file and its metadata made here,
 * source "buurtmonitor"), so they are checked, audited and compared like any local figure, and
 * publishing a year again replaces that year's survey figures.
 */
export const SURVEY_SOURCE = 'buurtmonitor';

/**
 * The two files as the statistics import reads them: ";" and LF, no byte order mark, values with a
 * decimal point. Every text starts with a fixed word or a code, so the writer's formula guard never
 * changes one (the import does not take it off).
 */
const file = (rows: CsvCell[][]) => new TextEncoder().encode(csvFile(rows, { bom: false, lineEnd: '\n', decimal: '.' }));

export interface Publication {
  year: number;
  areas: number;
  indicators: number;
  importId: string;
}

export async function publishPeriod(ctx: Context, periodId: string): Promise<Publication> {
  const tenant = tenantOf(ctx);
  authorize(ctx, surveyActions.manage, surveyResource(tenant.id));
  const db = ctx.platform.db;
  const period = await findPeriod(db, tenant.id, periodId);
  if (!period) throw new NotFoundError();
  if (period.status !== 'closed') throw ValidationError.field('_form', 'survey.publish.notClosed');
  const values = await indicatorValuesOf(db, tenant, period);
  if (values.length === 0) throw ValidationError.field('_form', 'survey.publish.nothing');
  const year = periodYear(period.endsOn);

  const questions = [...new Map(values.map((v) => [v.indicatorId, v.question])).entries()];
  const metadata: CsvCell[][] = [['variable', 'label', 'definition', 'unit', 'source', 'label_en', 'definition_en', 'theme', 'polarity']];
  for (const [id, q] of questions) {
    metadata.push([
      id, `Buurtmonitor: ${q.textNl}`,
      `Aandeel bewoners met een mening dat ${q.scale === 'quality' ? '(zeer) goed' : '(helemaal) eens'} antwoordde op: "${q.textNl}" (buurtmonitor, ${period.name}).`,
      'percent', `Buurtmonitor ${tenant.name}`,
      `Resident survey: ${q.textEn}`,
      `Share of residents with an opinion who answered ${q.scale === 'quality' ? '(very) good' : '(strongly) agree'} to: "${q.textEn}" (resident survey, ${period.name}).`,
      CATALOGUE_THEME[q.theme], q.polarity,
    ]);
  }
  const data: CsvCell[][] = [['year', 'area_code', 'variable', 'value'], ...values.map((v) => [year, v.areaCode, v.indicatorId, csvNumber(v.value.toFixed(1))])];
  const report = await importStatistics(ctx, { name: `buurtmonitor-${year}.csv`, bytes: file(data) }, {
    format: 'long', source: SURVEY_SOURCE, year,
    metadata: { name: `buurtmonitor-${year}-metadata.csv`, bytes: file(metadata) },
  });
  const areas = new Set(values.map((v) => v.areaCode)).size;
  await execute(ctx, recordPublication, { id: period.id, year, importId: report.id, areas });
  return { year, areas, indicators: questions.length, importId: report.id };
}
