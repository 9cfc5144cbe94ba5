/**
 * Keeping a talk's windows in step: the clock, which state wins, what messages
 * are accepted, and two (or three) windows on a real BroadcastChannel (Node
 * has the same one as the browser): a newcomer adopts the open window's place,
 * either drives, closing one leaves the other, exit ends the talk everywhere.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TalkSync, chapterTime, elapsed, formatDuration, isNewer, moveClock, parseSyncMessage, startClock, type TalkRole, type TalkState } from '../../src/story/talk-sync.ts';

describe('the talk clock', () => {
  it('counts the talk and each chapter, adding up visits', () => {
    let c = startClock(1000);
    c = moveClock(c, 0, 1, 61_000); // 60 s on chapter 1
    c = moveClock(c, 1, 0, 91_000); // 30 s on chapter 2
    c = moveClock(c, 0, 2, 101_000); // 10 s more on chapter 1
    expect(elapsed(c, 111_000)).toBe(110_000);
    expect(chapterTime(c, 0, 2, 111_000)).toBe(70_000);
    expect(chapterTime(c, 1, 2, 111_000)).toBe(30_000);
    expect(chapterTime(c, 2, 2, 111_000)).toBe(10_000);
    expect(moveClock(c, 2, 2, 200_000)).toBe(c);
  });

  it('prints m:ss, and h:mm:ss from an hour', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65_400)).toBe('1:05');
    expect(formatDuration(3_723_000)).toBe('1:02:03');
    expect(formatDuration(-5)).toBe('0:00');
  });
});

describe('which state wins', () => {
  it('the later one; at the same time the audience window, then the larger id', () => {
    const s = (at: number, by: string, role: TalkRole) => ({ at, by, role });
    expect(isNewer(s(2, 'a', 'presenter'), s(1, 'b', 'audience'))).toBe(true);
    expect(isNewer(s(1, 'a', 'audience'), s(2, 'b', 'presenter'))).toBe(false);
    expect(isNewer(s(0, 'a', 'audience'), s(0, 'b', 'presenter'))).toBe(true);
    expect(isNewer(s(0, 'b', 'presenter'), s(0, 'a', 'presenter'))).toBe(true);
  });
});

const state = (chapter: number, extra: Partial<TalkState> = {}): Omit<TalkState, 'at' | 'by' | 'role'> => ({
  story: { id: 'health-silk-road', chapter },
  lang: 'en',
  blanked: false,
  clock: startClock(0),
  ...extra,
});

describe('messages', () => {
  it('accepts what windows send and ignores anything else', () => {
    const ok = { type: 'state', from: 'a', role: 'audience', state: { ...state(2), at: 5, by: 'a', role: 'audience' } };
    expect(parseSyncMessage(ok)).toEqual(ok);
    expect(parseSyncMessage({ type: 'hello', from: 'a', role: 'presenter' })).toEqual({ type: 'hello', from: 'a', role: 'presenter' });
    const bad = [
      null,
      'hello',
      { type: 'hello', from: 'a', role: 'king' },
      { type: 'reload', from: 'a', role: 'audience' },
      { ...ok, state: { ...ok.state, story: { src: 'https://evil.example/x.json', chapter: 1 } } },
      { ...ok, state: { ...ok.state, story: { id: 'Bad Id', chapter: 1 } } },
      { ...ok, state: { ...ok.state, story: { id: 'x', chapter: -1 } } },
      { ...ok, state: { ...ok.state, lang: 'fr' } },
      { ...ok, state: { ...ok.state, clock: { startedAt: 0, chapterSince: 0, spent: ['1'] } } },
    ];
    for (const m of bad) expect(parseSyncMessage(m)).toBeNull();
  });
});

describe('two windows on a BroadcastChannel', () => {
  const open: TalkSync[] = [];
  afterEach(() => open.splice(0).forEach((s) => s.leave()));
  let n = 0;

  /** A window: its sync, and what it heard. */
  function window(role: TalkRole, name: string, id: string) {
    const heard: { states: TalkState[]; exits: number; peers: Map<string, TalkRole> } = { states: [], exits: 0, peers: new Map() };
    const sync = new TalkSync(role, { onState: (s) => heard.states.push(s), onExit: () => heard.exits++, onPeers: (p) => (heard.peers = new Map(p)) }, { name, id });
    open.push(sync);
    return { sync, heard };
  }

  const until = async (cond: () => boolean) => {
    for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(cond()).toBe(true);
  };

  it('a newcomer adopts where the talk is; then either window drives the other', async () => {
    const name = `test-${++n}`;
    const audience = window('audience', name, 'aud');
    audience.sync.join(state(0));
    audience.sync.publish(state(3));
    const presenter = window('presenter', name, 'pre');
    presenter.sync.join(state(0));
    await until(() => presenter.heard.states.length === 1);
    expect(presenter.heard.states[0]!.story).toEqual({ id: 'health-silk-road', chapter: 3 });
    expect(presenter.heard.peers.get('aud')).toBe('audience');
    // The presenter view drives…
    presenter.sync.publish(state(4, { blanked: true }));
    await until(() => audience.heard.states.length === 1);
    expect(audience.heard.states[0]).toMatchObject({ story: { chapter: 4 }, blanked: true, by: 'pre' });
    // …and the audience window drives back.
    audience.sync.publish(state(5));
    await until(() => presenter.heard.states.length === 2);
    expect(presenter.heard.states[1]!.story.chapter).toBe(5);
  });

  it('a reloaded window rejoins at the other window’s chapter, not its own', async () => {
    const name = `test-${++n}`;
    const presenter = window('presenter', name, 'pre');
    presenter.sync.join(state(0));
    presenter.sync.publish(state(6));
    // The audience window reloads with an older link (chapter 2) in its address.
    const audience = window('audience', name, 'aud2');
    audience.sync.join(state(2));
    await until(() => audience.heard.states.length === 1);
    expect(audience.heard.states[0]!.story.chapter).toBe(6);
    expect(audience.sync.current!.story.chapter).toBe(6);
    // The presenter view keeps its own place: the newcomer's (stamped 0) is older.
    expect(presenter.heard.states).toEqual([]);
  });

  it('closing one window leaves the other on its own; exit ends the talk in the others', async () => {
    const name = `test-${++n}`;
    const a = window('audience', name, 'a');
    const p = window('presenter', name, 'p');
    a.sync.join(state(1));
    p.sync.join(state(1));
    await until(() => a.heard.peers.has('p') && p.heard.peers.has('a'));
    p.sync.leave();
    await until(() => !a.heard.peers.has('p'));
    expect(a.sync.publish(state(2)).story.chapter).toBe(2);
    const p2 = window('presenter', name, 'p2');
    p2.sync.join(state(0));
    await until(() => p2.heard.states.length === 1);
    p2.sync.exit();
    await until(() => a.heard.exits === 1);
    expect(a.sync.current).toBeNull();
  });
});
