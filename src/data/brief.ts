/**
 * Brief records: a layer's first file with only what the map draws and filters
 * by. The fields below — the summaries, the verbatim quotes, the figures, the
 * units, the external sources, the identification notes — are what the detail
 * panel, the search and an export read, not the first frame; together they are
 * most of a point layer's bytes. The data build writes each layer's first file
 * (its overview for outlines) once more without them (`brief` in the manifest);
 * the page draws from those, then loads the whole records with the rest of the
 * data. A dataset says which layers are still brief (`Dataset.brief`).
 */
import type { BaseProps } from './contract.ts';

/** The properties a brief record leaves out. */
export const BRIEF_OMITTED = [
  'summary_en',
  'summary_zh',
  'sources',
  'external_sources',
  'figures',
  'lead_units',
  'participating_units',
  'identification_note',
  'host_institution',
] as const satisfies readonly (keyof BaseProps)[];

/** A record's properties without the fields a brief record leaves out (the data build). */
export function briefProps<P extends object>(props: P): P {
  const out = { ...props } as Record<string, unknown>;
  for (const k of BRIEF_OMITTED) delete out[k];
  return out as P;
}

/** A brief record's properties completed with empty required fields, so every reader finds its types (the page). */
export function completeBrief(props: Record<string, unknown>): void {
  props.summary_en ??= '';
  props.summary_zh ??= '';
  props.sources ??= [];
}
