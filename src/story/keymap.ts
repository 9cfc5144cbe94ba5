/**
 * Presenter keys → actions, pure (tested table by table in `tests/unit/keymap.test.ts`).
 *
 * Presentation clickers send PageDown / PageUp for next / previous, B (or `.`)
 * to blank the screen, F5 to start the show and Esc to stop: all are mapped,
 * along with the usual arrows, Space, Enter, Home, End and number keys.
 * Enter and Space on a focused button or link press that control instead, and
 * the auto-repeat of a held key is swallowed (one chapter per press).
 */
export type PresenterAction =
  | { type: 'next' }
  | { type: 'previous' }
  | { type: 'first' }
  | { type: 'last' }
  /** Zero-based chapter. */
  | { type: 'goto'; index: number }
  | { type: 'fullscreen' }
  | { type: 'blank' }
  | { type: 'unblank' }
  | { type: 'exit' }
  | { type: 'language' }
  /** The auto-repeat of a held key: taken (so F5 cannot reload, Space cannot scroll) but does nothing. */
  | { type: 'held' };

export interface KeyInput {
  /** `KeyboardEvent.key` */
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** `KeyboardEvent.repeat`: the key is held down. */
  repeat?: boolean;
  /** The key goes to a focused button, link or similar control, which handles Enter and Space itself. */
  onControl?: boolean;
}

const SIMPLE: Record<string, PresenterAction> = {
  ArrowRight: { type: 'next' },
  ArrowDown: { type: 'next' },
  PageDown: { type: 'next' },
  ' ': { type: 'next' },
  Spacebar: { type: 'next' },
  Enter: { type: 'next' },
  ArrowLeft: { type: 'previous' },
  ArrowUp: { type: 'previous' },
  PageUp: { type: 'previous' },
  Home: { type: 'first' },
  End: { type: 'last' },
  f: { type: 'fullscreen' },
  F: { type: 'fullscreen' },
  F5: { type: 'fullscreen' },
  b: { type: 'blank' },
  B: { type: 'blank' },
  '.': { type: 'blank' },
  Escape: { type: 'exit' },
  Esc: { type: 'exit' },
  l: { type: 'language' },
  L: { type: 'language' },
};

/** Keys that only modify others; pressing them alone does nothing, even on a blank screen. */
const MODIFIERS = new Set(['Shift', 'Control', 'Alt', 'Meta', 'AltGraph', 'CapsLock', 'Fn']);

/**
 * The action for a key press, or null when the presenter should leave the key alone.
 * @param input - the key and modifiers of a `keydown`
 * @param blanked - whether the screen is blanked: then any key (Esc too) un-blanks
 * @returns the action, or null
 * @example keyAction({ key: 'PageDown' }, false) // { type: 'next' }
 */
export function keyAction(input: KeyInput, blanked: boolean): PresenterAction | null {
  // Browser and system shortcuts (Ctrl+R, Cmd+L, Alt+Left…) stay theirs.
  if (input.ctrlKey || input.metaKey || input.altKey) return null;
  if (MODIFIERS.has(input.key)) return null;
  const action = blanked ? ({ type: 'unblank' } as const) : mapped(input);
  if (!action) return null;
  return input.repeat ? { type: 'held' } : action;
}

const ACTIVATE = new Set(['Enter', ' ', 'Spacebar']);

function mapped(input: KeyInput): PresenterAction | null {
  // A focused button (Exit, Full screen, a chapter dot) is pressed, not skipped past.
  if (input.onControl && ACTIVATE.has(input.key)) return null;
  const simple = SIMPLE[input.key];
  if (simple) return simple;
  if (/^[0-9]$/.test(input.key)) {
    const n = Number(input.key);
    return { type: 'goto', index: n === 0 ? 9 : n - 1 };
  }
  return null;
}

/** The chapter an action leads to, or null when it does not move; clamped (next at the end stays). */
export function targetChapter(action: PresenterAction, current: number, count: number, loop = false): number | null {
  const last = count - 1;
  switch (action.type) {
    case 'next':
      return current < last ? current + 1 : loop ? 0 : last;
    case 'previous':
      return Math.max(0, current - 1);
    case 'first':
      return 0;
    case 'last':
      return last;
    case 'goto':
      return action.index <= last ? action.index : null;
    default:
      return null;
  }
}
