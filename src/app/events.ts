/**
 * How panels ask the app for changes: they dispatch `hsr-change` with a patch
 * of the state; the app (the single owner of state) applies it, updates the URL
 * and passes the new state down. Panels never change state themselves.
 */
import type { AppState, Filters } from '../state/app-state.ts';

export interface StatePatch extends Partial<Omit<AppState, 'filters'>> {
  /** Merged into the current filters. */
  filters?: Partial<Filters>;
  /** With `selected`: also move the camera to the feature; with `filters.country`: fit the map to the country. */
  focus?: boolean;
  /**
   * Replace the current history entry instead of adding one: the later steps
   * of one gesture (dragging a slider, Play) are one entry, not one per step.
   * Camera-only patches always replace.
   */
  replace?: boolean;
}

export const CHANGE_EVENT = 'hsr-change';

export type ChangeEvent = CustomEvent<StatePatch>;

/** Creates the event a panel dispatches to request a state change. */
export function changeEvent(patch: StatePatch): ChangeEvent {
  return new CustomEvent(CHANGE_EVENT, { detail: patch, bubbles: true, composed: true });
}

declare global {
  interface HTMLElementEventMap {
    'hsr-change': ChangeEvent;
  }
}
