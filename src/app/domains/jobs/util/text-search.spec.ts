import { foldText, matchesTerms, searchTerms } from './text-search';

describe('text search', () => {
  it('ignores case and accents on both sides', () => {
    expect(matchesTerms(foldText('Inspection by Inès Kovač'), searchTerms('INES kovac'))).toBeTrue();
    expect(matchesTerms(foldText('Ines Kovac'), searchTerms('Inès'))).toBeTrue();
  });

  it('needs every word, in any order and any field of the text', () => {
    const text = foldText('Quarterly pump inspection\nHarbour Pump Station');
    expect(matchesTerms(text, searchTerms('  harbour   quarterly '))).toBeTrue();
    expect(matchesTerms(text, searchTerms('harbour valve'))).toBeFalse();
    expect(searchTerms('   ')).toEqual([]);
  });
});
