import { describe, expect, it } from 'vitest';
import { asCamera, findCameras, flightSteps, tourSteps } from '../../bench/lib/cameras.ts';
import { shippedStory } from '../../scripts/story-files.ts';

const healthSilkRoad = shippedStory('.', 'health-silk-road')!;

describe('bench cameras', () => {
  it('reads MapLibre-shaped and app-shaped cameras', () => {
    expect(asCamera({ center: [10, 20], zoom: 3 }, 'a')).toEqual({ name: 'a', center: [10, 20], zoom: 3 });
    expect(asCamera({ lon: 10, lat: 20, zoom: 3, bearing: 5, pitch: 0 }, 'b')).toEqual({ name: 'b', center: [10, 20], zoom: 3, bearing: 5, pitch: 0 });
    expect(asCamera({ center: [10, 95], zoom: 3 }, 'c')).toBeUndefined();
    expect(asCamera({ center: [10, 20] }, 'd')).toBeUndefined();
  });

  it('finds every chapter camera of the default story, in order', () => {
    const cams = findCameras({ healthSilkRoad });
    expect(cams.length).toBe(healthSilkRoad.chapters.length);
    expect(cams[0]).toMatchObject({ name: healthSilkRoad.chapters[0]!.id, center: healthSilkRoad.chapters[0]!.camera.center });
  });

  it('steps a flight in a fixed number of frames, ending on the target', () => {
    const a = { name: 'a', center: [10, 0] as [number, number], zoom: 2 };
    const b = { name: 'b', center: [50, 30] as [number, number], zoom: 4, bearing: 20 };
    const s = flightSteps(a, b, 10);
    expect(s).toHaveLength(10);
    expect(s[9]).toMatchObject({ center: [50, 30], zoom: 4, bearing: 20, pitch: 0 });
    // Pulled out mid-way: below the straight zoom interpolation (3 at the middle).
    expect(s[4]!.zoom).toBeLessThan(3);
    expect(() => flightSteps(a, b, 0)).toThrow(RangeError);
  });

  it('crosses the antimeridian the short way', () => {
    const s = flightSteps({ name: 'a', center: [170, 0], zoom: 2 }, { name: 'b', center: [-170, 0], zoom: 2 }, 4);
    expect(s.map((c) => Math.round(c.center[0]))).toEqual([175, 180, -175, -170]);
  });

  it('tours every camera after the first', () => {
    const cams = findCameras({ healthSilkRoad });
    const steps = tourSteps(cams, 3);
    expect(steps).toHaveLength((cams.length - 1) * 3);
    expect(steps.at(-1)!.center).toEqual(cams.at(-1)!.center);
  });
});
