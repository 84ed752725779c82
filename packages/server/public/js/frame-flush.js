/**
 * Calls `flush` once in the next animation frame however often {@link FrameFlush.request} is
 * called before it: many events in one frame make one repaint. A timer covers hidden tabs,
 * where animation frames pause, so that a tab shown later is already up to date.
 */
export class FrameFlush {
  /** @param {() => void} flush */
  constructor(flush) {
    this.flush = flush;
    this.scheduled = false;
  }

  request() {
    if (this.scheduled) return;
    this.scheduled = true;
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      this.scheduled = false;
      this.flush();
    };
    requestAnimationFrame(run);
    setTimeout(run, 250);
  }
}
