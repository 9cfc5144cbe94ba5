/**
 * deck.gl code the map never runs, left out of the build: the bytes before the
 * first frame are the site's tightest budget, and no bundler can prove this
 * code dead. The site draws with WebGL only, but deck.gl 9.4 and luma.gl 9.4
 * ship their WebGPU code in the same modules; and the map draws its labels with
 * MapLibre, but deck.gl's GeoJsonLayer imports the TextLayer for points drawn
 * as text. Three pieces go:
 *
 * - **The attribute packing** (`lib/attribute/attribute-buffer-groups.js`,
 *   created by the attribute manager only when `device.type === 'webgpu'`). Its
 *   module imports luma.gl's GPGPU package (about 20 KB gzip). A module whose
 *   class cannot be made takes its place: should a WebGL page ever reach it, it
 *   says why instead of drawing wrong.
 * - **The WGSL shader sources**: every template literal marked `/* wgsl *\/`
 *   becomes `''` (about 110 KB of shader text, 23 KB gzip, before the first
 *   frame). On WebGL, luma.gl assembles and compiles the GLSL pair (`vs`, `fs`)
 *   and reads `source` only when `device.type === 'webgpu'`.
 * - **The TextLayer** (and its icon, background and font-atlas layers: 8 KB
 *   gzip once their WGSL is gone). GeoJsonLayer makes one only for `pointType: 'text'`, which no
 *   layer of the map sets; it reads the class's `defaultProps` when loaded, so
 *   the stand-in has empty ones. Made anyway, it throws and says why.
 *
 * `tests/unit/deck-trim.test.ts` reads the installed packages and fails when an
 * upgrade starts to use any of them where the map would reach it.
 */
import type { Plugin } from 'vite';
import { parse, type Comment } from 'acorn';
import MagicString from 'magic-string';

/** The module replaced (a path inside `@deck.gl/core`). */
export const WEBGPU_ONLY_MODULE = /[\\/]@deck\.gl[\\/]core[\\/]dist[\\/]lib[\\/]attribute[\\/]attribute-buffer-groups\.js$/;

export const WEBGPU_ONLY_STUB = `export default class AttributeBufferGroups {
  constructor() {
    throw new Error('deck.gl attribute buffer groups (WebGPU) are not in this build: the site draws with WebGL');
  }
}
`;

/** The packages whose WGSL is blanked. */
export const WGSL_PACKAGES = /[\\/]node_modules[\\/]@(deck|luma)\.gl[\\/][^\\/]+[\\/]dist[\\/]/;

interface Node {
  type: string;
  start: number;
  end: number;
}

/** Every node of an ESTree tree, depth first. */
function* nodes(n: unknown): Generator<Node> {
  if (!n || typeof n !== 'object') return;
  if (Array.isArray(n)) {
    for (const c of n) yield* nodes(c);
    return;
  }
  const node = n as Node & Record<string, unknown>;
  if (typeof node.type === 'string') yield node;
  for (const [k, v] of Object.entries(node)) if (k !== 'type' && v && typeof v === 'object') yield* nodes(v);
}

/**
 * `code` with each template literal that follows a `/* wgsl *\/` comment
 * replaced by `''` (the outermost only: a template inside another's `${}` goes
 * with it), and where those literals were; null when there is none.
 */
export function blankWgsl(code: string, id = 'module.js'): { code: string; map: ReturnType<MagicString['generateMap']>; blanked: { start: number; end: number }[] } | null {
  if (!/\/\*\s*wgsl\s*\*\//.test(code)) return null;
  const comments: Comment[] = [];
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'module', onComment: comments });
  const marked = new Set(comments.filter((c) => c.type === 'Block' && c.value.trim() === 'wgsl').map((c) => code.slice(c.end).search(/\S/) + c.end));
  const s = new MagicString(code);
  const blanked: { start: number; end: number }[] = [];
  let after = -1;
  for (const n of nodes(ast)) {
    if (n.type !== 'TemplateLiteral' || !marked.has(n.start) || n.start < after) continue;
    s.overwrite(n.start, n.end, "''");
    after = n.end;
    blanked.push({ start: n.start, end: n.end });
  }
  if (blanked.length === 0) return null;
  return { code: s.toString(), map: s.generateMap({ source: id, hires: true }), blanked };
}

/** GeoJsonLayer's text sublayer (a path inside `@deck.gl/layers`). */
export const TEXT_LAYER_MODULE = /[\\/]@deck\.gl[\\/]layers[\\/]dist[\\/]text-layer[\\/]text-layer\.js$/;

export const TEXT_LAYER_STUB = `export default class TextLayer {
  static layerName = 'TextLayer';
  static defaultProps = {};
  constructor() {
    throw new Error('deck.gl TextLayer is not in this build: the map draws its labels with MapLibre');
  }
}
`;

export function deckTrimPlugin(): Plugin {
  return {
    name: 'hsr-deck-trim',
    enforce: 'pre',
    load(id) {
      const file = id.split('?')[0]!;
      if (WEBGPU_ONLY_MODULE.test(file)) return WEBGPU_ONLY_STUB;
      if (TEXT_LAYER_MODULE.test(file)) return TEXT_LAYER_STUB;
      return null;
    },
    transform(code, id) {
      const file = id.split('?')[0]!;
      if (!WGSL_PACKAGES.test(file)) return null;
      const out = blankWgsl(code, file);
      return out && { code: out.code, map: out.map };
    },
  };
}
