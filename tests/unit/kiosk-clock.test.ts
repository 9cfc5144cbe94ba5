/**
 * The kiosk's countdown, on fake timers: a step every interval once the map is
 * drawn; none while the screen is blank; a full interval after the picture
 * comes back, after a new chapter and after every touch of the map.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { KioskClock } from '../../src/story/kiosk-clock.ts';

let steps: number;
let clock: KioskClock;

beforeEach(() => {
  vi.useFakeTimers();
  steps = 0;
  clock = new KioskClock(() => {
    steps++;
    // The presenter applies the next chapter, which restarts the clock.
    clock.restart();
  });
});

afterEach(() => {
  clock.stop();
  vi.useRealTimers();
});

describe('KioskClock', () => {
  it('steps every interval, and only once the map is drawn', () => {
    clock.configure(5, false);
    vi.advanceTimersByTime(20_000);
    expect(steps).toBe(0);
    clock.configure(5, true);
    vi.advanceTimersByTime(4_999);
    expect(steps).toBe(0);
    vi.advanceTimersByTime(1);
    expect(steps).toBe(1);
    vi.advanceTimersByTime(10_000);
    expect(steps).toBe(3);
  });

  it('does nothing without a kiosk, and stops when it is switched off', () => {
    clock.configure(null, true);
    vi.advanceTimersByTime(60_000);
    expect(steps).toBe(0);
    clock.configure(5, true);
    vi.advanceTimersByTime(3_000);
    clock.configure(null, true);
    vi.advanceTimersByTime(60_000);
    expect(steps).toBe(0);
  });

  it('does not restart when told the same settings again (every render does)', () => {
    clock.configure(5, true);
    vi.advanceTimersByTime(4_000);
    clock.configure(5, true);
    vi.advanceTimersByTime(1_000);
    expect(steps).toBe(1);
  });

  it('waits while the screen is blank, then gives the chapter a full interval', () => {
    clock.configure(5, true);
    vi.advanceTimersByTime(4_000);
    clock.setBlank(true);
    vi.advanceTimersByTime(60_000);
    expect(steps).toBe(0);
    clock.setBlank(false);
    vi.advanceTimersByTime(4_999);
    expect(steps).toBe(0);
    vi.advanceTimersByTime(1);
    expect(steps).toBe(1);
  });

  it('goes on one interval after the last touch of the map', () => {
    clock.configure(5, true);
    // Touches every 3 s for 12 s: no step while they go on.
    for (let t = 3_000; t <= 12_000; t += 3_000) {
      vi.advanceTimersByTime(3_000);
      clock.restart();
    }
    expect(steps).toBe(0);
    vi.advanceTimersByTime(4_999);
    expect(steps).toBe(0);
    vi.advanceTimersByTime(1);
    expect(steps).toBe(1);
  });

  it('stops for good when the presentation ends', () => {
    clock.configure(5, true);
    clock.stop();
    vi.advanceTimersByTime(60_000);
    expect(steps).toBe(0);
  });
});
