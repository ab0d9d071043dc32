/** A point of a signature, in the pad's own pixels. */
export interface StrokePoint {
  readonly x: number;
  readonly y: number;
}

const rounded = (value: number): string => String(Math.round(value * 10) / 10);

/**
 * The strokes drawn on a signature pad as SVG path data: each stroke a move then lines, to a tenth
 * of a pixel. A single tap is a dot (a line of no length is drawn with round caps).
 */
export function strokesToPath(strokes: readonly (readonly StrokePoint[])[]): string {
  return strokes
    .filter((stroke) => stroke.length > 0)
    .map((stroke) => {
      const [first, ...rest] = stroke;
      const points = rest.length > 0 ? rest : [first];
      return `M${rounded(first.x)} ${rounded(first.y)}${points.map((p) => `L${rounded(p.x)} ${rounded(p.y)}`).join('')}`;
    })
    .join('');
}
