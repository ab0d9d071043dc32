/** One reported number: the median over `runs`, with its target when the issue sets one. */
export interface Figure {
  group: string;
  name: string;
  value: number;
  unit: string;
  runs: number[];
  /** A ratio measured side by side in the same run: this figure divided by `ratioTo`'s value. */
  ratio?: { to: string; value: number };
  target?: { op: '<' | '>' | '>='; value: number; unit: string; met: boolean };
  note?: string;
}

export function meets(value: number, op: '<' | '>' | '>=', target: number): boolean {
  if (!Number.isFinite(value)) return false;
  return op === '<' ? value < target : op === '>' ? value > target : value >= target;
}
