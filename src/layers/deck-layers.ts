/**
 * The edge where descriptors become deck.gl layers. Only the layer classes the
 * map uses are imported (scoped packages, tree-shaken), and the dash extension
 * is created once.
 */
import type { Layer } from '@deck.gl/core';
import { ArcLayer, GeoJsonLayer, IconLayer, PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import { PathStyleExtension } from '@deck.gl/extensions';
import type { DeckLayerType, LayerDescriptor } from './build-layers.ts';

const CLASSES = { ArcLayer, GeoJsonLayer, IconLayer, PathLayer, ScatterplotLayer } satisfies Record<DeckLayerType, unknown>;

const dash = new PathStyleExtension({ dash: true });

/**
 * @param beforeId - MapLibre layer to draw under (the first label layer), so
 *   thematic layers sit beneath the base map's labels in interleaved mode.
 */
export function toDeckLayers(descriptors: readonly LayerDescriptor[], beforeId?: string): Layer[] {
  return descriptors.map((d) => {
    const Cls = CLASSES[d.type] as unknown as new (props: Record<string, unknown>) => Layer;
    return new Cls({ ...d.props, ...(beforeId ? { beforeId } : {}), ...(d.dashed ? { extensions: [dash] } : {}) });
  });
}
