/**
 * A feature named as a link to it, in the detail panel's related features and
 * the reader's list of the document's features: its symbol, its name, and
 * under it the layer it is on (and a note, when the list has one). The panel
 * styles the button (`.feature-link`) in its own colours; its layout is here.
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import type { BaseProps } from '../data/contract.ts';
import { field, pick } from '../i18n/i18n.ts';
import { layerSpec, type StyleContext } from '../layers/registry.ts';
import type { Lang } from '../state/app-state.ts';
import { featureGlyph } from './swatch-svg.ts';

/** What goes inside the link's button. */
export function featureLinkContent(p: BaseProps, lang: Lang, ctx: StyleContext | undefined, note: TemplateResult | typeof nothing = nothing): TemplateResult {
  const layer = pick(lang, layerSpec(p.layer)?.title ?? { en: p.layer, zh: p.layer });
  return html`<img src=${featureGlyph(p, ctx)} alt="" width="12" height="12" /><span>${field(lang, p, 'name')}<span class="what">${layer}${note}</span></span>`;
}

export const featureLinkStyles = css`
  .feature-link {
    display: flex;
    align-items: flex-start;
    gap: 8px;
    width: 100%;
    padding: 6px 8px;
    border: 1px solid transparent;
    border-radius: 6px;
    background: none;
    font: inherit;
    text-align: start;
    cursor: pointer;
  }
  .feature-link img {
    flex: none;
    width: 12px;
    height: 12px;
    margin-top: 4px;
  }
  .feature-link .what {
    display: block;
    font-size: 12px;
    color: var(--hsr-muted);
  }
`;
