/**
 * The export CLI's `--view`: a link of the site (`https://…/#map=…&layers=…`,
 * its query's view parameters included, as the site reads them) or just its
 * hash. Only the view is used, on the local copy of the build. A view the site
 * would not understand is an error, not silently the default map.
 */
import { parseCamera, startAddress, STATE_PARAMS } from '../src/state/url-state.ts';

export type ViewArg = { ok: true; hash: string; url?: string } | { ok: false; error: string };

export function readViewArg(view: string): ViewArg {
  let params: URLSearchParams;
  let url: string | undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(view)) {
    if (!/^https?:\/\//i.test(view)) return { ok: false, error: `--view ${view}: not a link of the site (http:// or https://) nor a view such as "#map=3/30/100&layers=projects"` };
    try {
      url = new URL(view).href;
    } catch {
      return { ok: false, error: `--view ${view}: not a valid URL` };
    }
    params = startAddress(url).params;
  } else {
    params = new URLSearchParams(view.replace(/^#/, ''));
  }
  const keys = [...params.keys()];
  if (!keys.length) return url ? { ok: true, hash: '', url } : { ok: false, error: `--view ${view}: no view in it (expected e.g. "#map=3/30/100&layers=projects")` };
  const unknown = keys.filter((k) => !(STATE_PARAMS as readonly string[]).includes(k));
  if (unknown.length) return { ok: false, error: `--view: the site does not know ${unknown.map((k) => `"${k}"`).join(', ')} (it knows ${STATE_PARAMS.join(', ')})` };
  const map = params.get('map');
  if (map !== null && !parseCamera(map)) return { ok: false, error: `--view: map=${map} is not a camera (expected zoom/latitude/longitude[/bearing[/pitch]], e.g. map=3/30/100)` };
  return { ok: true, hash: `#${params.toString()}`, ...(url ? { url } : {}) };
}
