import { describe, expect, it } from 'vitest';
import { csvField, csvFile, csvNumber, guardFormula, readCsv, unguardFormula, type CsvSeparator } from './csv.js';

describe('the formula guard', () => {
  it('keeps a text a spreadsheet would run as a formula text, and unguardFormula gives every text back as it was', () => {
    expect(guardFormula('=HYPERLINK("http://example.com","klik")')).toBe('\'=HYPERLINK("http://example.com","klik")');
    expect(guardFormula('+31 6 12345678')).toBe('\'+31 6 12345678');
    expect(guardFormula('-')).toBe('\'-');
    expect(guardFormula('-5')).toBe('\'-5');
    expect(guardFormula('@SUM(A1)')).toBe('\'@SUM(A1)');
    expect(guardFormula('\t=1+1')).toBe('\'\t=1+1');
    expect(guardFormula('\r=1+1')).toBe('\'\r=1+1');
    expect(guardFormula('Buurthuis')).toBe('Buurthuis');
    expect(guardFormula('a=b')).toBe('a=b');
    expect(guardFormula("'s-Hertogenbosch")).toBe("'s-Hertogenbosch");
    // Apostrophes before such a character get one more, so that taking one off gives the text back.
    expect(guardFormula("'=x")).toBe("''=x");
    for (const text of ['=1+1', '-', '- min', '-5', '+', '@', "'", "'=x", "''-y", "'s-Hertogenbosch", 'gewoon', '', 'a=b', '\t', "'\t"]) {
      expect(unguardFormula(guardFormula(text))).toBe(text);
    }
  });
});

describe('csvField', () => {
  it('quotes a field holding the separator, a quote, a tab or a line break, after guarding it', () => {
    expect(csvField('Gewoon')).toBe('Gewoon');
    expect(csvField('Een; twee')).toBe('"Een; twee"');
    expect(csvField('Een, twee')).toBe('Een, twee');
    expect(csvField('=1+1;2')).toBe('"\'=1+1;2"');
    expect(csvField('Zei "hallo"')).toBe('"Zei ""hallo"""');
    expect(csvField('twee\r\nregels')).toBe('"twee\r\nregels"');
    expect(csvField('x\t=1+1')).toBe('"x\t=1+1"');
    expect(csvField('\t=1+1')).toBe('"\'\t=1+1"');
    expect(csvField('a,b', { separator: ',' })).toBe('"a,b"');
    expect(csvField('a;b', { separator: ',' })).toBe('a;b');
    expect(csvField('a\tb', { separator: '\t' })).toBe('"a\tb"');
  });

  it('quotes commas too with quoteCommas (the interpretations file)', () => {
    expect(csvField('Gewoon', { quoteCommas: true })).toBe('Gewoon');
    expect(csvField('Een, twee', { quoteCommas: true })).toBe('"Een, twee"');
    expect(csvField('Een; twee', { quoteCommas: true })).toBe('"Een; twee"');
    expect(csvField('Zij zei "ja"\nen ging', { quoteCommas: true })).toBe('"Zij zei ""ja""\nen ging"');
    expect(csvField('=HYPERLINK("x")', { quoteCommas: true })).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-1 + 1', { quoteCommas: true })).toBe("'-1 + 1");
    expect(csvField(-3, { quoteCommas: true })).toBe('-3');
    expect(csvField(null, { quoteCommas: true })).toBe('');
  });

  it('writes numbers as numbers: in the decimal separator, never guarded, so a negative number stays one', () => {
    expect(csvField(2024)).toBe('2024');
    expect(csvField(2.13)).toBe('2,13');
    expect(csvField(-0.5)).toBe('-0,5');
    expect(csvField(-12)).toBe('-12');
    expect(csvField(-0.5, { decimal: '.' })).toBe('-0.5');
    expect(csvField(1.5e-7)).toBe('1,5e-7');
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    // A decimal comma in a comma-separated file, or with quoteCommas, is quoted like any comma.
    expect(csvField(2.5, { separator: ',' })).toBe('"2,5"');
    expect(csvField(2.5, { separator: ',', decimal: '.' })).toBe('2.5');
    // What no spreadsheet reads as a number is text, and guarded.
    expect(csvField(-Infinity)).toBe("'-Infinity");
    expect(csvField(NaN)).toBe('NaN');
  });

  it('writes a number the program formatted as it is, and anything else in it as guarded text', () => {
    expect(csvField(csvNumber('-12,34'))).toBe('-12,34');
    expect(csvField(csvNumber('412500,00'))).toBe('412500,00');
    expect(csvField(csvNumber('12.0'))).toBe('12.0');
    expect(csvField(csvNumber('-1+1'))).toBe("'-1+1");
    expect(csvField(csvNumber('=1;2'))).toBe('"\'=1;2"');
    // The same text as text is guarded: a text column stays text in a spreadsheet.
    expect(csvField('-12,34')).toBe("'-12,34");
  });
});

describe('csvFile', () => {
  it('writes a file for Dutch spreadsheets by default: BOM, ";", decimal comma, CRLF after every line', () => {
    expect(csvFile([['year', 'name', 'value'], [2024, 'Buurthuis', 2.5], [2025, '=1+1', -1]]))
      .toBe("\uFEFFyear;name;value\r\n2024;Buurthuis;2,5\r\n2025;'=1+1;-1\r\n");
    expect(csvFile([['year', 'name']])).toBe('\uFEFFyear;name\r\n');
    expect(csvFile([])).toBe('\uFEFF');
  });

  it('writes a file for an importer without BOM, with LF and a decimal point', () => {
    expect(csvFile([['year', 'value'], [2024, 2.5], [2025, csvNumber('12.0')]], { bom: false, lineEnd: '\n', decimal: '.' }))
      .toBe('year;value\n2024;2.5\n2025;12.0\n');
    expect(csvFile([['a', 'b'], ['x,y', 1.5]], { separator: ',', bom: false, decimal: '.' })).toBe('a,b\r\n"x,y",1.5\r\n');
  });

  it('writes what readCsv reads back, the guard undone, with every separator', () => {
    const texts = ['Gewoon', 'Een; twee', 'Een, twee', 'Zei "hallo"', 'twee\r\nregels', 'a\tb', '=HYPERLINK("x")', '-', "'=x", '@', '', 'Café €'];
    for (const separator of [';', ',', '\t'] as CsvSeparator[]) {
      for (const quoteCommas of [false, true]) {
        const text = csvFile([texts], { separator, quoteCommas });
        const records = [...readCsv(text, separator)];
        expect(records).toHaveLength(1);
        expect(records[0]!.fields.map(unguardFormula)).toEqual(texts);
      }
    }
  });
});
