/**
 * The kiosk's countdown, apart from the presenter so it can be tested with
 * fake timers: a step every `seconds` once the map is drawn, restarted by a new
 * chapter, by a touch of the map (someone exploring gets a full interval after
 * their last move) and by the picture coming back; stopped while the screen is
 * blank.
 */
export class KioskClock {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seconds: number | null = null;
  private ready = false;
  private blank = false;

  constructor(private readonly onStep: () => void) {}

  /** Seconds per chapter, or null for no kiosk; `ready`: the map has drawn (the first chapter gets its full time). */
  configure(seconds: number | null, ready: boolean): void {
    const changed = seconds !== this.seconds || ready !== this.ready;
    this.seconds = seconds;
    this.ready = ready;
    if (changed) this.restart();
  }

  /** A chapter was applied, or someone touched the map: a full interval from now. */
  restart(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.seconds || !this.ready || this.blank) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onStep();
    }, this.seconds * 1000);
  }

  /** Blanking stops the countdown; the picture coming back starts a full one. */
  setBlank(blank: boolean): void {
    this.blank = blank;
    this.restart();
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
