/**
 * The juror's watermark: where it goes and how it is drawn. Positions are pure (a random source is
 * passed in) so they can be tested; drawing composites the text into the same canvas as the
 * picture, so no single DOM element carries it.
 */

/** Where the mark sits, as fractions of the picture (0..1), so it survives resizing. */
export interface MarkPosition {
  readonly x: number;
  readonly y: number;
}

/** How often the mark moves, in milliseconds. */
export const MOVE_EVERY_MS = 6000;

/**
 * A new position, away from the edges (so the text stays inside the picture) and at least a
 * quarter of the picture away from the previous one, so each move is visible.
 */
export function nextPosition(previous: MarkPosition | null, random: () => number): MarkPosition {
  for (let attempt = 0; attempt < 8; attempt++) {
    const candidate = { x: 0.05 + random() * 0.55, y: 0.1 + random() * 0.8 };
    if (previous === null || Math.hypot(candidate.x - previous.x, candidate.y - previous.y) >= 0.25) {
      return candidate;
    }
  }
  return { x: previous === null || previous.x > 0.3 ? 0.05 : 0.55, y: previous === null || previous.y > 0.5 ? 0.15 : 0.85 };
}

/** Font size for a picture of `height` pixels: readable, never dominating. */
export function fontSize(height: number): number {
  return Math.max(12, Math.round(height / 28));
}

/**
 * Where the text starts so that all of it stays inside the picture: the wanted x, moved left
 * when the text would run past the right edge (and never before the left margin).
 */
export function fitX(wanted: number, textWidth: number, width: number): number {
  const margin = Math.round(width * 0.02);
  return Math.max(margin, Math.min(wanted, width - textWidth - margin));
}

/** Draws `text` at `position` onto the canvas, light with a dark outline so it shows on any picture. */
export function drawMark(context: CanvasRenderingContext2D, text: string, position: MarkPosition): void {
  const { width, height } = context.canvas;
  let size = fontSize(height);
  context.save();
  context.font = `600 ${size}px system-ui, sans-serif`;
  const measured = context.measureText(text).width;
  if (measured > width * 0.9) {
    // A long name on a small picture: shrink until the whole mark fits.
    size = Math.max(8, Math.floor((size * width * 0.9) / measured));
    context.font = `600 ${size}px system-ui, sans-serif`;
  }
  context.textBaseline = 'middle';
  context.lineWidth = Math.max(2, size / 8);
  context.strokeStyle = 'rgba(0, 0, 0, 0.55)';
  context.fillStyle = 'rgba(255, 255, 255, 0.6)';
  const x = fitX(position.x * width, context.measureText(text).width, width);
  const y = position.y * height;
  context.strokeText(text, x, y);
  context.fillText(text, x, y);
  context.restore();
}
