/**
 * A timer that steps through a list of values (the years of the Play button),
 * calling `onStep` for each, and that its host can pause. It stops by itself
 * at the last value and when the host leaves the document, so no timer
 * outlives the element.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface PlayOptions<T> {
  steps: readonly T[];
  /** Index of the first step to play. */
  start?: number;
  /** Milliseconds between steps. */
  interval: number;
  onStep: (value: T, index: number) => void;
}

export class PlayController<T> implements ReactiveController {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private _playing = false;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  get playing(): boolean {
    return this._playing;
  }

  /** Plays from `start`: the first step at once, then one every `interval` ms. */
  play({ steps, start = 0, interval, onStep }: PlayOptions<T>): void {
    this.stop();
    if (start >= steps.length) return;
    this._playing = true;
    this.host.requestUpdate();
    const tick = (i: number) => {
      onStep(steps[i]!, i);
      if (i + 1 < steps.length) this.timer = setTimeout(() => tick(i + 1), interval);
      else this.finish();
    };
    tick(Math.max(0, start));
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this._playing) this.finish();
  }

  private finish() {
    this.timer = undefined;
    this._playing = false;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.stop();
  }
}
