/**
 * The presenter's keyboard: a Lit ReactiveController that listens to `keydown`
 * on the window while its host is connected (and stops when it leaves), maps
 * keys with `keyAction` and hands the action to the host. It listens in the
 * capture phase and calls `preventDefault`, so the page's own handlers (Esc
 * closing the detail panel, Space scrolling, F5 reloading) do not also act.
 * Keys typed into a text field are left alone, and so are Enter and Space on
 * a focused button or link (they press it).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { keyAction, type PresenterAction } from './keymap.ts';

export interface KeysOptions {
  /** Whether the screen is blanked (then any key un-blanks). */
  blanked(): boolean;
  onAction(action: PresenterAction, event: KeyboardEvent): void;
}

/** Whether the key goes to something the user is typing into. */
export function isTextEntry(target: EventTarget | null | undefined): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['button', 'checkbox', 'radio', 'range', 'reset', 'submit', 'image', 'color', 'file'].includes(target.type);
  }
  return false;
}

/** Controls that Enter or Space activate. */
const CONTROL =
  'button, a[href], summary, [role="button"], [role="link"], [role="tab"], [role="checkbox"], [role="switch"], [role="menuitem"], [role="option"], input[type="checkbox"], input[type="radio"], input[type="button"], input[type="submit"], input[type="reset"]';

/** Whether the key goes to a control that handles Enter and Space itself. */
export function isControl(target: EventTarget | null | undefined): boolean {
  return target instanceof Element && target.closest(CONTROL) !== null;
}

export class KeysController implements ReactiveController {
  constructor(
    host: ReactiveControllerHost,
    private readonly options: KeysOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.onKeyDown, { capture: true });
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.onKeyDown, { capture: true });
  }

  private onKeyDown = (e: KeyboardEvent) => {
    if (e.defaultPrevented || e.isComposing) return;
    // Inside shadow roots the event is retargeted: the real target is the first in the path.
    const target = e.composedPath()[0] ?? e.target;
    if (isTextEntry(target)) return;
    // A modal dialog over the presentation (Export) owns its keys: arrows, Esc, Enter.
    if (e.composedPath().some((n) => n instanceof HTMLDialogElement && n.open)) return;
    const action = keyAction({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, repeat: e.repeat, onControl: isControl(target) }, this.options.blanked());
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    this.options.onAction(action, e);
  };
}
