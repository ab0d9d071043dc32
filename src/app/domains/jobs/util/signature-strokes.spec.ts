import { strokesToPath } from './signature-strokes';

describe('strokesToPath', () => {
  it('draws each stroke as a move and lines, to a tenth of a pixel', () => {
    const path = strokesToPath([
      [
        { x: 1.04, y: 2 },
        { x: 3.26, y: 4.5 },
      ],
      [
        { x: 10, y: 10 },
        { x: 12, y: 11 },
        { x: 14, y: 10 },
      ],
    ]);
    expect(path).toBe('M1 2L3.3 4.5M10 10L12 11L14 10');
  });

  it('keeps a tap as a dot and leaves empty strokes out', () => {
    expect(strokesToPath([[], [{ x: 5, y: 6 }]])).toBe('M5 6L5 6');
    expect(strokesToPath([])).toBe('');
  });
});
