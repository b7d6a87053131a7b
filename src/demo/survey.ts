import type { Context } from '../platform/context.js';
import { anonymous } from '../platform/policy.js';
import { execute } from '../platform/service.js';
import { closePeriod, generateLetterCodes, openPeriod, publishPeriod, submitResponse, AGE_GROUPS } from '../capabilities/survey/index.js';
import { seededRandom } from './random.js';

/**
 * The resident survey of Voorbeeldstad: the 2025 round (closed, its scores in the figures) with
 * responses from four neighbourhoods — three above the minimum of 10, Beekdal below it — and the
 * 2026 round still open, where the Lindenhof has just reached the minimum. Every response goes
 * through the real use cases with letter codes, so the guards, the minimum and the publication to
 * the statistics catalogue all run. The answers are deterministic: each neighbourhood has a mood
 * per question, older residents answer more often than young ones (as in real surveys).
 */
interface Round { name: string; startsOn: string; endsOn: string; close: boolean; responses: Record<string, number> }

const ROUNDS: Round[] = [
  { name: '2025', startsOn: '2025-03-01', endsOn: '2025-12-31', close: true, responses: { BU99990102: 46, BU99990101: 23, BU99990202: 14, BU99990302: 6 } },
  { name: '2026', startsOn: '2026-01-01', endsOn: '2026-12-31', close: false, responses: { BU99990102: 12, BU99990302: 4 } },
];

/** How positive a neighbourhood is on each of the eight default questions (1–5). */
const MOOD: Record<string, number[]> = {
  BU99990102: [4.1, 3.6, 3.9, 3.5, 3.4, 3.0, 3.5, 4.2], // Lindenhof: close-knit, a little worried about the evening
  BU99990101: [3.7, 2.6, 2.9, 3.1, 4.2, 2.8, 2.7, 3.6], // Binnenstad: good facilities, anonymous
  BU99990202: [4.3, 3.4, 3.7, 4.1, 3.3, 3.3, 3.1, 4.4], // Bloemenbuurt: quiet and content
  BU99990302: [3.2, 3.0, 3.2, 2.9, 2.8, 2.6, 2.9, 3.3], // Beekdal
};

/** Older residents take part more often. */
const AGE_WEIGHTS = [0.08, 0.27, 0.33, 0.32];

export async function seedSurvey(ctx: Context): Promise<void> {
  const visitor: Context = { ...ctx, actor: anonymous };
  for (const round of ROUNDS) {
    const period = await execute(ctx, openPeriod, { name: round.name, startsOn: round.startsOn, endsOn: round.endsOn });
    for (const [areaCode, count] of Object.entries(round.responses)) {
      const random = seededRandom([...`${round.name}${areaCode}`].reduce((h, ch) => Math.imul(h, 31) + ch.charCodeAt(0), 11));
      const postal = Array.from({ length: count }, (_, i) => `99${areaCode.slice(-2)} ${String.fromCharCode(65 + (i % 20))}${String.fromCharCode(66 + ((i * 7) % 20))}`);
      const { batchId } = await execute(ctx, generateLetterCodes, { periodId: period.id, areaCode, postalCodes: postal.join('\n') });
      const codes = await ctx.platform.db.selectFrom('survey_letter_codes').select(['code', 'postal_code']).where('batch_id', '=', batchId).orderBy('code').execute();
      const questions = await ctx.platform.db.selectFrom('survey_questions').select('id').where('municipality_id', '=', ctx.tenant!.id).where('active', '=', 1).orderBy('position').execute();
      const mood = MOOD[areaCode]!;
      for (const row of codes) {
        const answers: Record<string, string> = {};
        questions.forEach((q, n) => {
          const dontKnow = random.next() < (n === 5 ? 0.12 : 0.04);
          const value = Math.max(1, Math.min(5, Math.round((mood[n] ?? 3.3) + random.between(-1.6, 1.6))));
          answers[q.id] = String(dontKnow ? 0 : value);
        });
        let pick = random.next();
        let group = AGE_GROUPS.length - 1;
        for (const [i, w] of AGE_WEIGHTS.entries()) { if (pick < w) { group = i; break; } pick -= w; }
        const ageGroup = random.next() < 0.07 ? '' : AGE_GROUPS[group]!;
        await execute(visitor, submitResponse, { guard: { kind: 'letter', postalCode: row.postal_code, code: row.code }, ageGroup, answers });
      }
    }
    if (round.close) {
      await execute(ctx, closePeriod, { id: period.id });
      await publishPeriod(ctx, period.id);
    }
  }
}
