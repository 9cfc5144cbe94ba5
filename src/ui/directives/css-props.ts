/**
 * `cssProps({ '--swatch': colour })`: sets CSS custom properties on an element
 * through the CSSOM, always.
 *
 * Why not Lit's `styleMap`: on its first render it writes the `style`
 * attribute as a string, which a strict CSP (`style-src 'self'`, no
 * 'unsafe-inline') blocks — lit/lit#4719. Writing `element.style.setProperty`
 * is CSSOM and allowed. Used in element position (`<span ${cssProps(...)}>`),
 * so templates carry no `style` attribute at all; the stylesheets read the
 * values with `var(--swatch)`.
 */
import { noChange, nothing } from 'lit';
import { Directive, PartType, directive, type ElementPart, type PartInfo } from 'lit/directive.js';

export type CssProps = Record<`--${string}`, string | null | undefined>;

class CssPropsDirective extends Directive {
  private previous = new Set<string>();

  constructor(info: PartInfo) {
    super(info);
    if (info.type !== PartType.ELEMENT) throw new Error('cssProps() must be used in element position: <span ${cssProps({...})}>');
  }

  render(_props: CssProps) {
    return nothing;
  }

  override update(part: ElementPart, [props]: [CssProps]) {
    const style = (part.element as HTMLElement).style;
    for (const name of this.previous)
      if (props[name as keyof CssProps] == null) {
        style.removeProperty(name);
        this.previous.delete(name);
      }
    for (const [name, value] of Object.entries(props)) {
      if (value == null) continue;
      if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
      this.previous.add(name);
    }
    return noChange;
  }
}

export const cssProps = directive(CssPropsDirective);
