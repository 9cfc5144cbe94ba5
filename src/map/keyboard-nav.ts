/**
 * Moving between the map's features with the arrow keys: from the focused
 * mark, the nearest one in the arrow's direction. Pure (screen positions in,
 * an index out), so it is tested in Node.
 *
 * "In the arrow's direction" is a cone of ±60° around it; within the cone a
 * candidate's distance counts its sideways offset twice, so a feature straight
 * ahead wins over a nearer one far to the side (what a reader expects of
 * "right": the next thing to the right, not the next thing at all).
 */

export type Direction = 'left' | 'right' | 'up' | 'down';

export interface ScreenPoint {
  x: number;
  y: number;
}

/** The arrow keys and the direction each moves in (screen y grows downwards). */
export const ARROWS: Record<string, Direction> = { ArrowLeft: 'left', ArrowRight: 'right', ArrowUp: 'up', ArrowDown: 'down' };

const AXIS: Record<Direction, [number, number]> = { left: [-1, 0], right: [1, 0], up: [0, -1], down: [0, 1] };

/** tan 60°: how far sideways a candidate may be for each pixel ahead. */
const CONE = Math.tan((60 * Math.PI) / 180);
/** Sideways offset weighs this much more than distance ahead. */
const SIDEWAYS = 2;

/**
 * The index of the candidate nearest `from` in `direction`, or -1 when none is
 * (the map may then pan). Candidates at `from` itself are skipped.
 */
export function nearestInDirection(from: ScreenPoint, candidates: readonly ScreenPoint[], direction: Direction): number {
  const [ax, ay] = AXIS[direction];
  let best = -1;
  let bestScore = Infinity;
  candidates.forEach((c, i) => {
    const dx = c.x - from.x;
    const dy = c.y - from.y;
    const ahead = dx * ax + dy * ay;
    const side = Math.abs(dx * ay - dy * ax);
    if (ahead <= 0.5 || side > ahead * CONE) return;
    const score = ahead + SIDEWAYS * side;
    if (score < bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

/** The candidate nearest a point (the first arrow press starts from the middle of the map). */
export function nearestTo(from: ScreenPoint, candidates: readonly ScreenPoint[]): number {
  let best = -1;
  let bestD = Infinity;
  candidates.forEach((c, i) => {
    const d = Math.hypot(c.x - from.x, c.y - from.y);
    if (d < bestD) {
      bestD = d;
      best = i;
    }
  });
  return best;
}
