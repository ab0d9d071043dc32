/**
 * Draws a signature's strokes (SVG path data) in ink on white, filling the context's canvas: the
 * same on the pad while it is signed and in the picture the report shows and prints.
 */
export function inkSignature(context: CanvasRenderingContext2D, path: string): void {
  const { width, height } = context.canvas;
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.lineWidth = 3;
  context.lineCap = 'round';
  context.lineJoin = 'round';
  context.strokeStyle = '#111';
  if (path) context.stroke(new Path2D(path));
}
