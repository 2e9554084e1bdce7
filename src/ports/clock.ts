/** Time as a dependency: the playground and tests move it; production reads the system clock. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that can be moved forward (playground "skip to next reminder", tests). */
export class ManualClock implements Clock {
  private offset = 0;
  constructor(private readonly base: Clock = systemClock) {}
  now(): number {
    return this.base.now() + this.offset;
  }
  advance(ms: number): void {
    if (ms < 0) throw new Error('time only moves forward');
    this.offset += ms;
  }
}
