/**
 * Presenter keys: every key the issue names (and every key a presentation
 * clicker sends) maps to its action; system shortcuts and stray keys do not.
 */
import { describe, expect, it } from 'vitest';
import { keyAction, targetChapter, type PresenterAction } from '../../src/story/keymap.ts';

describe('keyAction', () => {
  it.each([
    ['ArrowRight', 'next'],
    ['ArrowDown', 'next'],
    ['PageDown', 'next'],
    [' ', 'next'],
    ['Enter', 'next'],
    ['ArrowLeft', 'previous'],
    ['ArrowUp', 'previous'],
    ['PageUp', 'previous'],
    ['Home', 'first'],
    ['End', 'last'],
    ['f', 'fullscreen'],
    ['F', 'fullscreen'],
    ['b', 'blank'],
    ['B', 'blank'],
    ['.', 'blank'],
    ['Escape', 'exit'],
    ['l', 'language'],
    ['L', 'language'],
  ])('%j → %s', (key, type) => {
    expect(keyAction({ key }, false)?.type).toBe(type);
  });

  it('understands what clickers send: PageUp, PageDown, B, F5 and Esc', () => {
    const clicker: Record<string, PresenterAction['type']> = { PageDown: 'next', PageUp: 'previous', b: 'blank', F5: 'fullscreen', Escape: 'exit' };
    for (const [key, type] of Object.entries(clicker)) expect(keyAction({ key }, false)?.type, key).toBe(type);
  });

  it('number keys jump to chapters 1–9, and 0 to chapter 10', () => {
    expect(keyAction({ key: '1' }, false)).toEqual({ type: 'goto', index: 0 });
    expect(keyAction({ key: '9' }, false)).toEqual({ type: 'goto', index: 8 });
    expect(keyAction({ key: '0' }, false)).toEqual({ type: 'goto', index: 9 });
  });

  it('leaves browser shortcuts, modifiers alone and unknown keys alone', () => {
    expect(keyAction({ key: 'ArrowLeft', altKey: true }, false)).toBeNull();
    expect(keyAction({ key: 'l', ctrlKey: true }, false)).toBeNull();
    expect(keyAction({ key: 'f', metaKey: true }, false)).toBeNull();
    expect(keyAction({ key: 'Shift' }, false)).toBeNull();
    expect(keyAction({ key: 'q' }, false)).toBeNull();
    expect(keyAction({ key: 'Tab' }, false)).toBeNull();
  });

  it('leaves Enter and Space to a focused button or link, which press it', () => {
    for (const key of ['Enter', ' ']) {
      expect(keyAction({ key, onControl: true }, false), key).toBeNull();
      expect(keyAction({ key, onControl: false }, false), key).toEqual({ type: 'next' });
    }
    // Other keys still drive the show from a focused button.
    expect(keyAction({ key: 'PageDown', onControl: true }, false)).toEqual({ type: 'next' });
    expect(keyAction({ key: 'Escape', onControl: true }, false)).toEqual({ type: 'exit' });
    // On a blank screen the key brings the picture back instead of pressing an invisible button.
    expect(keyAction({ key: 'Enter', onControl: true }, true)).toEqual({ type: 'unblank' });
  });

  it('swallows the auto-repeat of a held key: one chapter per press, and F5 cannot reload', () => {
    for (const key of ['PageDown', 'ArrowRight', ' ', 'F5', 'b', '3']) {
      expect(keyAction({ key, repeat: true }, false), key).toEqual({ type: 'held' });
      expect(keyAction({ key, repeat: true }, true), key).toEqual({ type: 'held' });
    }
    // A key the presenter does not use stays the browser's, held or not.
    expect(keyAction({ key: 'q', repeat: true }, false)).toBeNull();
  });

  it('on a blank screen, any key (Esc and next too) brings the picture back without moving', () => {
    for (const key of ['b', 'PageDown', 'Escape', 'x', '3']) expect(keyAction({ key }, true), key).toEqual({ type: 'unblank' });
    // …but a modifier alone does not.
    expect(keyAction({ key: 'Shift' }, true)).toBeNull();
  });
});

describe('targetChapter', () => {
  const next = { type: 'next' } as const;
  it('moves and clamps', () => {
    expect(targetChapter(next, 0, 10)).toBe(1);
    expect(targetChapter(next, 9, 10)).toBe(9);
    expect(targetChapter({ type: 'previous' }, 0, 10)).toBe(0);
    expect(targetChapter({ type: 'previous' }, 4, 10)).toBe(3);
    expect(targetChapter({ type: 'first' }, 7, 10)).toBe(0);
    expect(targetChapter({ type: 'last' }, 2, 10)).toBe(9);
  });

  it('loops at the end for the kiosk', () => {
    expect(targetChapter(next, 9, 10, true)).toBe(0);
  });

  it('ignores a number beyond the story and actions that do not move', () => {
    expect(targetChapter({ type: 'goto', index: 12 }, 2, 10)).toBeNull();
    expect(targetChapter({ type: 'goto', index: 4 }, 2, 10)).toBe(4);
    expect(targetChapter({ type: 'blank' }, 2, 10)).toBeNull();
  });
});
