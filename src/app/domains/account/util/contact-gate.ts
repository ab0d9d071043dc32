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

/**
 * Holds every request to the API after each (re)connection until the user pool has answered
 * whether this device is to be erased. Whoever holds a lost phone may have changed the crew's
 * records while it was offline: those changes must be erased with it, never sent first.
 * A user pool that cannot be reached lets the request go (the API is then most likely out of
 * reach too, and DataStore must meet that to say so and retry); the next request asks again.
 */
export class ContactGate {
  private state: 'unchecked' | 'checking' | 'passed' | 'erased' | 'closed' = 'unchecked';
  private checked: Promise<void> = Promise.resolve();

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
  }

  /** The session is going away: nothing more is asked. */
  close(): void {
    this.state = 'closed';
  }

  private async check(): Promise<void> {
    const answer = await this.ask();
    if (this.state === 'closed') return;
    if (answer === 'erase') {
      this.state = 'erased';
      void this.erase();
      throw new DeviceErasedError();
    }
    this.state = answer === 'unreachable' ? 'unchecked' : 'passed';
  }
}
