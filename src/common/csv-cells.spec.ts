import { neutralisedCell, restoredCell } from './csv-cells.js';

describe('CSV cells', () => {
  it('neutralises text a spreadsheet would run as a formula, and gives it back unchanged on import', () => {
    for (const formula of ['=HYPERLINK("http://evil.example","click")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1']) {
      expect(neutralisedCell(formula)).toBe(`'${formula}`);
      expect(restoredCell(neutralisedCell(formula))).toBe(formula);
    }
  });

  it('leaves ordinary text alone, an apostrophe of its own included', () => {
    for (const text of ['Basant Lawn Kurta', "Men's Shalwar", '2499.00', '', "'quoted'"]) {
      expect(neutralisedCell(text)).toBe(text);
      expect(restoredCell(text)).toBe(text);
    }
  });
});
