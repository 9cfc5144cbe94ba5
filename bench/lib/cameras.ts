/**
 * The fly-through: a fixed list of cameras over Asia, Europe and Africa, flown
 * with `map.flyTo` on both pages; and, when a story exists, its chapter cameras
 * (found by shape in whatever the story module exports).
 */

export interface BenchCamera {
  name: string;
  center: [number, number];
  zoom: number;
  bearing?: number;
  pitch?: number;
}

/** Eight cameras, alternating far and near, so tiles, labels and layers all change. */
export const FLY_THROUGH: readonly BenchCamera[] = [
  { name: 'Beijing', center: [116.4, 39.9], zoom: 4.5 },
  { name: 'Central Asia', center: [66, 42], zoom: 3.5 },
  { name: 'Istanbul', center: [29, 41], zoom: 5 },
  { name: 'Western Europe', center: [8, 48], zoom: 4 },
  { name: 'East Africa', center: [38, 2], zoom: 4, bearing: 20 },
  { name: 'Indian Ocean', center: [75, 5], zoom: 3, pitch: 30 },
  { name: 'Southeast Asia', center: [105, 10], zoom: 4.5 },
  { name: 'Whole route', center: [80, 20], zoom: 2 },
];

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * A camera from an object shaped like one: `{center: [lon, lat], zoom}` (MapLibre)
 * or `{lon, lat, zoom}` (the app's `Camera`), with optional bearing and pitch.
 */
export function asCamera(v: unknown, name: string): BenchCamera | undefined {
  if (!v || typeof v !== 'object') return undefined;
  const o = v as Record<string, unknown>;
  let center: [number, number] | undefined;
  if (Array.isArray(o.center) && o.center.length === 2 && isNum(o.center[0]) && isNum(o.center[1])) center = [o.center[0], o.center[1]];
  else if (isNum(o.lon) && isNum(o.lat)) center = [o.lon, o.lat];
  if (!center || !isNum(o.zoom)) return undefined;
  if (Math.abs(center[0]) > 360 || Math.abs(center[1]) > 90 || o.zoom < 0 || o.zoom > 24) return undefined;
  return {
    name,
    center,
    zoom: o.zoom,
    ...(isNum(o.bearing) ? { bearing: o.bearing } : {}),
    ...(isNum(o.pitch) ? { pitch: o.pitch } : {}),
  };
}

/**
 * Every camera found in a module's exports, depth-first in export order: an
 * object that is itself a camera, or one holding it under `camera`, `location`
 * or `view` (e.g. story chapters). Named after the nearest `id` or `title`.
 */
export function findCameras(root: unknown, maxDepth = 6): BenchCamera[] {
  const out: BenchCamera[] = [];
  const seen = new Set<unknown>();
  const walk = (v: unknown, label: string, depth: number) => {
    if (!v || typeof v !== 'object' || seen.has(v) || depth > maxDepth) return;
    seen.add(v);
    const own = asCamera(v, label);
    if (own) {
      out.push(own);
      return;
    }
    const o = v as Record<string, unknown>;
    const title = typeof o.title === 'object' && o.title ? (o.title as Record<string, unknown>).en : o.title;
    const name = typeof o.id === 'string' ? o.id : typeof title === 'string' ? title : label;
    for (const key of ['camera', 'location', 'view']) {
      const c = asCamera(o[key], name);
      if (c) {
        out.push(c);
        return;
      }
    }
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((x, i) => [`${name}[${i}]`, x]) : Object.entries(o);
    for (const [k, x] of entries) walk(x, k, depth + 1);
  };
  walk(root, 'story', 0);
  return out;
}

const lerp = (a: number, b: number, t: number) => a + (b - a) * t;

/**
 * The cameras of a scripted flight from `a` to `b` in `steps` frames (the last is
 * `b`): centre and angles interpolated linearly (longitude the short way round),
 * zoom pulled out mid-way in proportion to the distance, like a fly-to. A fixed
 * number of frames per flight, however slow each frame is, so frame-time
 * statistics have the same sample size on every page and machine.
 */
export function flightSteps(a: BenchCamera, b: BenchCamera, steps: number): BenchCamera[] {
  if (!(steps >= 1)) throw new RangeError(`steps must be at least 1, got ${steps}`);
  let dLon = b.center[0] - a.center[0];
  if (dLon > 180) dLon -= 360;
  if (dLon < -180) dLon += 360;
  const dLat = b.center[1] - a.center[1];
  const dip = Math.min(1.5, Math.hypot(dLon, dLat) / 40);
  return Array.from({ length: steps }, (_, i) => {
    const t = (i + 1) / steps;
    let lon = a.center[0] + dLon * t;
    if (lon > 180) lon -= 360;
    if (lon < -180) lon += 360;
    return {
      name: `${a.name}→${b.name} ${i + 1}/${steps}`,
      center: [lon, lerp(a.center[1], b.center[1], t)] as [number, number],
      zoom: Math.max(0, lerp(a.zoom, b.zoom, t) - dip * Math.sin(Math.PI * t)),
      bearing: lerp(a.bearing ?? 0, b.bearing ?? 0, t),
      pitch: lerp(a.pitch ?? 0, b.pitch ?? 0, t),
    };
  });
}

/** Every frame of a tour through `cameras` (starting at the first), `steps` frames per flight. */
export function tourSteps(cameras: readonly BenchCamera[], steps: number): BenchCamera[] {
  const out: BenchCamera[] = [];
  for (let i = 1; i < cameras.length; i++) out.push(...flightSteps(cameras[i - 1]!, cameras[i]!, steps));
  return out;
}
