/**
 * Styles shared by the panels' shadow roots. Colours and spacing are CSS
 * custom properties declared once, on the page (`styles/app.css`, `:root`),
 * and inherited into every shadow root; what a shadow root needs besides is
 * here.
 */
import { css, unsafeCSS, type CSSResult } from 'lit';
import { fontCss } from '../i18n/i18n.ts';

/** `selector` (an element carrying `lang`, or `:host`) in the font of its language, for every language (`i18n.fontCss`). */
export function langFont(selector: string): CSSResult {
  return unsafeCSS(fontCss(selector));
}

/**
 * How every panel's shadow root starts: a block in the page's ink and type,
 * gone when `hidden`, border-box throughout. A panel adds its own rules after.
 */
export const panelBase = css`
  :host {
    display: block;
    box-sizing: border-box;
    color: var(--hsr-ink);
    font-size: 14px;
    line-height: 1.45;
  }
  :host([hidden]) {
    display: none;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
`;
