/**
 * The worldview a visitor chose last, remembered like the language (a bare link
 * opens in it; a link with `wv=` wins).
 */
import { DEFAULT_WORLDVIEW, parseWorldview, type Worldview } from '../data/worldviews.ts';

const STORAGE_KEY = 'hsr-worldview';

/** The remembered worldview, else the build's default. */
export function preferredWorldview(storage: Pick<Storage, 'getItem'> | undefined): Worldview {
  try {
    return parseWorldview(storage?.getItem(STORAGE_KEY)) ?? DEFAULT_WORLDVIEW;
  } catch {
    // Storage can throw (privacy modes, sandboxed iframes).
    return DEFAULT_WORLDVIEW;
  }
}

export function rememberWorldview(storage: Pick<Storage, 'setItem'> | undefined, worldview: Worldview): void {
  try {
    storage?.setItem(STORAGE_KEY, worldview);
  } catch {
    // Not remembering is acceptable.
  }
}
