import { describe, expect, it } from 'vitest';
import { nearestInDirection, nearestTo } from '../../src/map/keyboard-nav.ts';

describe('nearestInDirection', () => {
  const from = { x: 100, y: 100 };

  it('moves to the nearest feature in the arrow’s direction, and to nothing behind', () => {
    const cs = [
      { x: 150, y: 100 },
      { x: 300, y: 100 },
      { x: 50, y: 100 },
      { x: 100, y: 40 },
      { x: 100, y: 180 },
    ];
    expect(nearestInDirection(from, cs, 'right')).toBe(0);
    expect(nearestInDirection(from, cs, 'left')).toBe(2);
    expect(nearestInDirection(from, cs, 'up')).toBe(3);
    expect(nearestInDirection(from, cs, 'down')).toBe(4);
  });

  it('prefers what is straight ahead over a nearer one far to the side', () => {
    const cs = [
      { x: 130, y: 150 },
      { x: 190, y: 105 },
    ];
    expect(nearestInDirection(from, cs, 'right')).toBe(1);
  });

  it('ignores what lies outside the 60° cone and the feature already focused', () => {
    expect(nearestInDirection(from, [{ x: 110, y: 200 }], 'right')).toBe(-1);
    expect(nearestInDirection(from, [{ x: 100, y: 100 }], 'right')).toBe(-1);
    expect(nearestInDirection(from, [], 'up')).toBe(-1);
  });

  it('finds the feature nearest the middle for the first press', () => {
    expect(
      nearestTo({ x: 0, y: 0 }, [
        { x: 5, y: 5 },
        { x: 1, y: 2 },
        { x: -9, y: 0 },
      ]),
    ).toBe(1);
    expect(nearestTo({ x: 0, y: 0 }, [])).toBe(-1);
  });
});
