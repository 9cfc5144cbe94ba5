/**
 * Styles shared by the panels' shadow roots. Colours and spacing are CSS
 * custom properties declared once, on the page (`styles/app.css`, `:root`),
 * and inherited into every shadow root; what a shadow root needs besides is
 * here.
 */
import { css, unsafeCSS, type CSSResult } from 'lit';
import { fontCss } from '../i18n/i18n.ts';
import visuallyHiddenCss from '../styles/visually-hidden.css?inline';

/** `selector` (an element carrying `lang`, or `:host`) in the font of its language, for every language (`i18n.fontCss`). */
export function langFont(selector: string): CSSResult {
  return unsafeCSS(fontCss(selector));
}

/**
 * How every panel's shadow root starts: a block in the page's ink and type,
 * gone when `hidden`, border-box throughout, with the page's `.visually-hidden`.
 * A panel adds its own rules after.
 */
export const panelBase = [
  unsafeCSS(visuallyHiddenCss),
  css`
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
`,
];

/** A section's heading inside a panel: small capitals in the muted ink (wider spacing in Chinese). A panel sets its margins. */
export const sectionHeading = css`
  h3 {
    font-size: 12.5px;
    font-weight: 600;
    letter-spacing: 0.04em;
    text-transform: uppercase;
    color: var(--hsr-muted);
  }
  h3:lang(zh) {
    letter-spacing: 0.1em;
  }
`;

/** Checkboxes and radio buttons in the accent colour, at a size a finger can hit beside their labels. */
export const choiceInputs = css`
  input[type='checkbox'],
  input[type='radio'] {
    width: 16px;
    height: 16px;
    margin: 0;
    flex: none;
    accent-color: var(--hsr-accent);
    cursor: pointer;
  }
`;

/** A colour dot (`.dot`, colour from `--c`): a category's colour beside its name. */
export const colourDot = css`
  .dot {
    flex: none;
    width: 11px;
    height: 11px;
    border-radius: 50%;
    background: var(--c);
    box-shadow: 0 0 0 1px rgba(0, 0, 0, 0.35);
  }
`;

/**
 * The presenter's dark panels (the caption's controls, the presenter view):
 * a focus ring in the highlight colour, and buttons outlined in white inside
 * `.buttons-on-dark`. Each panel sets its buttons' type size and padding.
 */
export const onDark = css`
  :focus-visible {
    outline: 3px solid var(--hsr-highlight);
    outline-offset: 2px;
  }
  .buttons-on-dark button {
    border-radius: 6px;
    border: 1px solid rgba(255, 255, 255, 0.45);
    background: transparent;
    color: var(--hsr-surface);
    cursor: pointer;
  }
  .buttons-on-dark button:hover {
    background: rgba(255, 255, 255, 0.12);
  }
`;
