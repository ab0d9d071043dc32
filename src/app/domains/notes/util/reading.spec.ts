import { parseReading, readingText } from './reading';

describe('parseReading', () => {
  it('reads a decimal point and a decimal comma as the same number', () => {
    expect(parseReading('71.5')).toBe(71.5);
    expect(parseReading('71,5')).toBe(71.5);
    expect(parseReading(' -3 ')).toBe(-3);
    expect(parseReading(',5')).toBe(0.5);
  });

  it('tells an empty field from one that is not a number', () => {
    expect(parseReading('')).toBeNull();
    expect(parseReading('   ')).toBeNull();
    expect(parseReading('71,5,2')).toBeUndefined();
    expect(parseReading('1.234,5')).toBeUndefined();
    expect(parseReading('about 7')).toBeUndefined();
  });

  it('shows a stored reading as it parses back', () => {
    expect(parseReading(readingText(6.9))).toBe(6.9);
    expect(readingText(null)).toBe('');
  });
});
