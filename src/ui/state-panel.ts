/**
 * What the side panel's views of the app have in common: they show the app's
 * state and data in the page's language (`lang`, `state`, `data`, set by
 * `<hsr-side-panel>`), and name their parts with ids unique to each instance,
 * for label and aria references inside their shadow roots. The filters, the
 * layer panel and the list extend it and declare only what is theirs.
 */
import { LitElement, type PropertyDeclarations } from 'lit';
import type { Dataset } from '../data/dataset.ts';
import { defaultState, type AppState, type Lang } from '../state/app-state.ts';

let nextId = 0;

/** An id prefix no other element on the page has (`p0`, `p1`…). */
export function uniqueId(): string {
  return `p${nextId++}`;
}

export class StatePanel extends LitElement {
  static override properties: PropertyDeclarations = {
    lang: { type: String },
    state: { attribute: false },
    data: { attribute: false },
  };

  declare lang: Lang;
  declare state: AppState;
  declare data: Dataset | null;

  /** Unique per instance, for label/aria references inside the shadow root. */
  protected readonly uid = uniqueId();

  constructor() {
    super();
    this.lang = 'en';
    this.state = defaultState();
    this.data = null;
  }
}
