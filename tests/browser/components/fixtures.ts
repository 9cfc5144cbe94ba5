/**
 * The component test page's mounts: each puts one element in the blank page
 * with hand-made data (`tests/helpers/features.ts`), no map and no build,
 * and records the events it sends (`window.__events`). Loaded by
 * `index.html` from Vite's dev server; called by `components.test.ts`.
 */
import '../../../src/map/pick-menu.ts';
import '../../../src/ui/hsr-list.ts';
import '../../../src/ui/hsr-search.ts';
import { feat, sampleDataset } from '../../helpers/features.ts';
import { defaultState, type Lang } from '../../../src/state/app-state.ts';

declare global {
  interface Window {
    __mount: typeof mounts;
    /** What the mounted element sent: its name and its detail (or what a callback was called with). */
    __events: [string, unknown][];
  }
}

window.__events = [];
const record = (name: string) => (e: Event) => window.__events.push([name, (e as CustomEvent).detail]);

function place(el: HTMLElement): void {
  document.body.replaceChildren(el);
  document.documentElement.lang = el.getAttribute('lang') ?? 'en';
}

const mounts = {
  /** A badge's menu of three features, one with a zoom item; callbacks recorded. */
  async pickMenu(lang: Lang) {
    const el = document.createElement('hsr-pick-menu');
    el.lang = lang;
    el.zoomable = true;
    el.anchor = { x: 200, y: 120, r: 12 };
    el.items = (['projects', 'events', 'hospitals'] as const).map((layer, i) => ({
      position: [100, 20] as [number, number],
      feature: feat(layer, `f-${i + 1}`, { type: 'Point', coordinates: [100, 20] }, { name_en: `Feature ${i + 1}`, name_zh: `要素${i + 1}` }),
    }));
    el.onChoose = (id) => window.__events.push(['choose', id]);
    el.onZoom = () => window.__events.push(['zoom', null]);
    el.onClose = (keyboard) => window.__events.push(['close', keyboard]);
    const box = document.createElement('div');
    box.style.cssText = 'position: relative; width: 800px; height: 500px';
    box.append(el);
    place(box);
    await el.updateComplete;
    el.focusFirst();
    await el.updateComplete;
  },

  /** The list of features on the map, with the sample data's layers on. */
  async list(lang: Lang) {
    const el = document.createElement('hsr-list');
    el.lang = lang;
    el.data = sampleDataset();
    el.state = { ...defaultState(), lang, layers: ['projects', 'directions', 'cataract-missions'] };
    el.addEventListener('hsr-change', record('hsr-change'));
    el.style.cssText = 'width: 360px';
    place(el);
    await el.updateComplete;
  },

  /** The search box over the sample data. */
  async search(lang: Lang) {
    const el = document.createElement('hsr-search');
    el.lang = lang;
    el.data = sampleDataset();
    el.addEventListener('hsr-change', record('hsr-change'));
    el.style.cssText = 'width: 360px';
    place(el);
    await el.updateComplete;
  },
};

window.__mount = mounts;
