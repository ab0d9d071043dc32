/**
 * What the user pool said about erasing this device:
 * - `erase`: the office asked for it after this device signed in (a lost or stolen phone);
 * - `keep`: it did not;
 * - `unreachable`: no answer (offline, the user pool down): ask again;
 * - `refused`: the session was refused; the API will refuse it too, and the sign-in-again flow
 *   holds every change until the person is back.
 */
export type WipeAnswer = 'erase' | 'keep' | 'unreachable' | 'refused';

/** Thrown to the API's requests on a device being erased: nothing more may leave it. */
export class DeviceErasedError extends Error {
  constructor() {
    super('This device is being erased at its owner’s request; nothing more is sent from it.');
    this.name = 'DeviceErasedError';
  }
}

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

/**
 * Holds every request to the API after each (re)connection until the user pool has answered
 * whether this device is to be erased. Whoever holds a lost phone may have changed the crew's
 * records while it was offline: those changes must be erased with it, never sent first.
 * While the user pool cannot be reached the requests keep waiting (it is asked again, each time
 * a little later), since letting them go would be exactly the gap a thief needs.
 */
export class ContactGate {
  private state: 'unchecked' | 'checking' | 'passed' | 'erased' | 'closed' = 'unchecked';
  private checked: Promise<void> = Promise.resolve();
  private askNow: (() => void) | null = null;

  constructor(
    private readonly ask: () => Promise<WipeAnswer>,
    private readonly erase: () => Promise<void>,
  ) {}

  /** Resolves once the API may be called; rejects for good on a device being erased. */
  passed(): Promise<void> {
    if (this.state === 'unchecked') {
      this.state = 'checking';
      this.checked = this.check();
    }
    return this.checked;
  }

  /** The connection was lost, or came back: the next request waits for a new answer. */
  reconnected(): void {
    if (this.state === 'passed') this.state = 'unchecked';
    this.askNow?.();
  }

  /** The session is going away: a check waiting to ask again gives up, and nothing more is let through. */
  close(): void {
    this.state = 'closed';
    this.askNow?.();
  }

  private async check(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      this.throwIfClosed();
      const answer = await this.ask();
      this.throwIfClosed();
      if (answer === 'erase') {
        this.state = 'erased';
        void this.erase();
        throw new DeviceErasedError();
      }
      if (answer !== 'unreachable') {
        this.state = 'passed';
        return;
      }
      await this.pause(Math.min(FIRST_RETRY_MS * 2 ** attempt, LONGEST_RETRY_MS));
    }
  }

  private throwIfClosed(): void {
    if (this.state === 'closed') throw new Error('The session has ended.');
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.askNow = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.askNow = done;
    });
  }
}
