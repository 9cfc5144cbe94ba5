/**
 * `<hsr-pick-menu>`: the small menu a badge opens (several features at one
 * place): one item per feature — its symbol, name and layer — and, when they
 * draw apart at a closer zoom, an item that zooms there. Opened by a click, a
 * tap or Enter on the keyboard-focused badge; keyboard-operable as a WAI-ARIA
 * menu (↑ ↓ Home End move, Enter or Space chooses, Esc or Tab closes and hands
 * focus back to the map).
 *
 * Properties in: `lang`, `items`, `zoomable`, `anchor` (where the badge is, in
 * the map's pixels), `ctx` (colours of the glyphs). Callbacks: `onChoose(id)`,
 * `onZoom()`, `onClose(viaKeyboard)`. Owned by `<hsr-map>`.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { PointDatum } from '../data/dataset.ts';
import type { Lang } from '../state/app-state.ts';
import { layerSpec, type StyleContext } from '../layers/registry.ts';
import { featureGlyph } from '../ui/swatch-svg.ts';
import { field, pick, t } from '../i18n/i18n.ts';
import { langFont } from '../ui/shared-styles.ts';

declare global {
  interface HTMLElementTagNameMap {
    'hsr-pick-menu': HsrPickMenu;
  }
}

export class HsrPickMenu extends LitElement {
  static override properties = {
    lang: { type: String },
    items: { attribute: false },
    zoomable: { type: Boolean },
    anchor: { attribute: false },
    ctx: { attribute: false },
  };

  declare lang: Lang;
  /** The features, one each (a feature with several positions in the badge is listed once). */
  declare items: readonly PointDatum[];
  declare zoomable: boolean;
  declare anchor: { x: number; y: number; r: number };
  declare ctx: StyleContext | undefined;
  onChoose: (id: string) => void = () => undefined;
  onZoom: () => void = () => undefined;
  onClose: (viaKeyboard: boolean) => void = () => undefined;

  constructor() {
    super();
    this.lang = 'en';
    this.items = [];
    this.zoomable = false;
    this.anchor = { x: 0, y: 0, r: 10 };
    this.ctx = undefined;
  }

  static override styles = [
    css`
    :host {
      position: absolute;
      left: 0;
      top: 0;
      z-index: 4;
      display: block;
      min-width: 220px;
      max-width: min(340px, calc(100% - 16px));
      max-height: min(320px, calc(100% - 16px));
      overflow: auto;
      background: var(--hsr-surface);
      color: var(--hsr-ink);
      border: 1px solid var(--hsr-line);
      border-radius: 8px;
      box-shadow: 0 6px 24px rgb(0 0 0 / 0.22);
      font-size: 14px;
      line-height: 1.35;
    }
    .head {
      margin: 0;
      padding: 8px 12px 4px;
      font-size: 12.5px;
      font-weight: 600;
      color: var(--hsr-muted);
    }
    [role='menu'] {
      list-style: none;
      margin: 0;
      padding: 4px 0 6px;
    }
    button {
      display: flex;
      align-items: center;
      gap: 8px;
      width: 100%;
      /* Touch: items at least 44 px high. */
      min-height: 44px;
      padding: 6px 12px;
      border: 0;
      background: none;
      font: inherit;
      color: inherit;
      text-align: start;
      cursor: pointer;
    }
    button:hover,
    button:focus-visible {
      background: #eaf2fb;
      outline: none;
    }
    button:focus-visible {
      box-shadow: inset 0 0 0 3px var(--hsr-accent);
    }
    img {
      flex: none;
    }
    .name {
      display: block;
    }
    .layer {
      display: block;
      font-size: 12.5px;
      color: var(--hsr-muted);
    }
    .zoom {
      border-top: 1px solid #e1e6ec;
      color: #0a4f96;
      font-weight: 600;
    }
  `,
    langFont(':host'),
  ];

  private buttons(): HTMLButtonElement[] {
    return [...this.renderRoot.querySelectorAll<HTMLButtonElement>('button')];
  }

  /** Moves focus into the menu (its first item). */
  focusFirst(): void {
    void this.updateComplete.then(() => this.buttons()[0]?.focus());
  }

  protected override updated(): void {
    // Beside the badge, inside the map: right of it when there is room, else left; clamped vertically.
    const host = this.offsetParent as HTMLElement | null;
    const W = host?.clientWidth ?? window.innerWidth;
    const H = host?.clientHeight ?? window.innerHeight;
    const w = this.offsetWidth;
    const h = this.offsetHeight;
    const a = this.anchor;
    let x = a.x + a.r + 6;
    if (x + w > W - 8) x = Math.max(8, a.x - a.r - 6 - w);
    const y = Math.max(8, Math.min(H - h - 8, a.y - 20));
    this.style.transform = `translate(${Math.round(x)}px, ${Math.round(y)}px)`;
  }

  private onKey(e: KeyboardEvent) {
    const bs = this.buttons();
    const i = bs.indexOf(this.renderRoot.querySelector(':focus') as HTMLButtonElement);
    const go = (j: number) => {
      e.preventDefault();
      bs[(j + bs.length) % bs.length]?.focus();
    };
    switch (e.key) {
      case 'ArrowDown':
        return go(i + 1);
      case 'ArrowUp':
        return go(i - 1);
      case 'Home':
        return go(0);
      case 'End':
        return go(bs.length - 1);
      case 'Escape':
      case 'Tab':
        e.preventDefault();
        e.stopPropagation();
        this.onClose(true);
        return;
    }
  }

  override render() {
    const lang = this.lang;
    const label = t(lang, 'map.menu.label', { count: this.items.length });
    return html`<p class="head" id="head" aria-hidden="true">${label}</p>
      <ul role="menu" aria-label=${label} @keydown=${this.onKey}>
        ${this.items.map((d) => {
          const p = d.feature.properties;
          return html`<li role="none">
            <button role="menuitem" tabindex="-1" data-id=${p.id} @click=${() => this.onChoose(p.id)}>
              <img src=${featureGlyph(p, this.ctx)} alt="" width="16" height="16" />
              <span><span class="name">${field(lang, p, 'name')}</span><span class="layer">${pick(lang, layerSpec(p.layer).title)}</span></span>
            </button>
          </li>`;
        })}
        ${this.zoomable ? html`<li role="none"><button role="menuitem" tabindex="-1" class="zoom" @click=${() => this.onZoom()}>${t(lang, 'map.menu.zoom')}</button></li>` : nothing}
      </ul>`;
  }
}

customElements.define('hsr-pick-menu', HsrPickMenu);
