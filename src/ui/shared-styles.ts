/**
 * Styles shared by the panels' shadow roots. Colours and spacing are CSS
 * custom properties declared once, on the page (`styles/app.css`, `:root`),
 * and inherited into every shadow root; what a shadow root needs besides is
 * here.
 */
import { unsafeCSS, type CSSResult } from 'lit';
import { fontCss } from '../i18n/i18n.ts';

/** `selector` (an element carrying `lang`, or `:host`) in the font of its language, for every language (`i18n.fontCss`). */
export function langFont(selector: string): CSSResult {
  return unsafeCSS(fontCss(selector));
}
