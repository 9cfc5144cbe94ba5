/**
 * The site draws with WebGL only; deck.gl 9.4 and luma.gl 9.4 ship their
 * WebGPU code in the same modules, and no bundler can prove it dead. Two
 * pieces of it are left out of the build:
 *
 * - **The attribute packing** (`lib/attribute/attribute-buffer-groups.js`,
 *   created by the attribute manager only when `device.type === 'webgpu'`). Its
 *   module imports luma.gl's GPGPU package (about 20 KB gzip). A module whose
 *   class cannot be made takes its place: should a WebGL page ever reach it, it
 *   says why instead of drawing wrong.
 * - **The WGSL shader sources**: every template literal marked `/* wgsl *\/`
 *   becomes `''` (about 110 KB of shader text, 25 KB gzip, before the first
 *   frame). On WebGL, luma.gl assembles and compiles the GLSL pair (`vs`, `fs`)
 *   and reads `source` only when `device.type === 'webgpu'`.
 *
 * `tests/unit/deck-webgl-only.test.ts` reads the installed packages and fails
 * when an upgrade starts to use either on WebGL.
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
 * with it); null when there is none.
 */
export function blankWgsl(code: string, id = 'module.js'): { code: string; map: ReturnType<MagicString['generateMap']>; blanked: number } | null {
  if (!/\/\*\s*wgsl\s*\*\//.test(code)) return null;
  const comments: Comment[] = [];
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'module', onComment: comments });
  const marked = new Set(comments.filter((c) => c.type === 'Block' && c.value.trim() === 'wgsl').map((c) => code.slice(c.end).search(/\S/) + c.end));
  const s = new MagicString(code);
  let blanked = 0;
  let after = -1;
  for (const n of nodes(ast)) {
    if (n.type !== 'TemplateLiteral' || !marked.has(n.start) || n.start < after) continue;
    s.overwrite(n.start, n.end, "''");
    after = n.end;
    blanked++;
  }
  if (blanked === 0) return null;
  return { code: s.toString(), map: s.generateMap({ source: id, hires: true }), blanked };
}

export function deckWebglOnlyPlugin(): Plugin {
  return {
    name: 'hsr-deck-webgl-only',
    enforce: 'pre',
    load(id) {
      return WEBGPU_ONLY_MODULE.test(id.split('?')[0]!) ? WEBGPU_ONLY_STUB : null;
    },
    transform(code, id) {
      const file = id.split('?')[0]!;
      if (!WGSL_PACKAGES.test(file)) return null;
      const out = blankWgsl(code, file);
      return out && { code: out.code, map: out.map };
    },
  };
}
