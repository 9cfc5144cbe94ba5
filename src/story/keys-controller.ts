/**
 * The presenter's keyboard: a Lit ReactiveController that listens to `keydown`
 * on the window while its host is connected (and stops when it leaves), maps
 * keys with `keyAction` and hands the action to the host. It listens in the
 * capture phase and calls `preventDefault`, so the page's own handlers (Esc
 * closing the detail panel, Space scrolling, F5 reloading) do not also act.
 * Keys typed into a text field are left alone.
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
    if (isTextEntry(e.composedPath()[0] ?? e.target)) return;
    // A modal dialog over the presentation (Export) owns its keys: arrows, Esc, Enter.
    if (e.composedPath().some((n) => n instanceof HTMLDialogElement && n.open)) return;
    const action = keyAction(e, this.options.blanked());
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    this.options.onAction(action, e);
  };
}
