/**
 * The legend of what the map shows, by section: the export's legend and the
 * map's key in present and embed modes. Pure (the dataset and the state).
 */
import type { Bilingual } from '../data/contract.ts';
import type { Dataset } from '../data/dataset.ts';
import type { AppState } from '../state/app-state.ts';
import { visibleFeatures } from './build-layers.ts';
import { mechanismColors } from './palette.ts';
import { type LayerId, LAYERS, legendInUse, type LegendItem } from './registry.ts';

export interface LegendSection {
  /** A thematic layer, or the base map's boundary symbols (`boundaryLegend`). */
  layer: LayerId | 'boundaries';
  title: Bilingual;
  items: LegendItem[];
}

/**
 * The legend of what the map shows: the visible layers in the registry's
 * order, each with the registry's items that stand for a feature visible under
 * the filters (`legendInUse`: a belt-only filter drops the Maritime route); a
 * layer with nothing visible is left out. Mechanisms are listed by name in
 * their map colours: the registry's single item describes the panel's list.
 */
export function legendSections(state: Pick<AppState, 'layers' | 'filters' | 'mechanisms'>, data: Dataset): LegendSection[] {
  const out: LegendSection[] = [];
  for (const l of LAYERS) {
    if (!state.layers.includes(l.id)) continue;
    const visible = visibleFeatures(data, l.id, state);
    if (visible.length === 0) continue;
    let items: LegendItem[];
    if (l.choosable) {
      const colour = mechanismColors(data.layers.mechanisms.map((f) => f.properties.id));
      items = visible.map((f) => {
        const c = colour(f.properties.id);
        const like = l.legend[0]?.swatch;
        return { key: f.properties.id, label: { en: f.properties.name_en, zh: f.properties.name_zh }, color: c, swatch: { ...(like?.kind === 'fill' ? like : { kind: 'fill' as const }), outline: c } };
      });
    } else items = legendInUse(l, visible);
    out.push({ layer: l.id, title: l.title, items });
  }
  return out;
}
