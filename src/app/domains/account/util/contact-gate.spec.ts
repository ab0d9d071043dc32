import { ContactGate, DeviceErasedError, type WipeAnswer } from './contact-gate';

/** A user pool whose answers the spec hands out one at a time, as each question arrives. */
class ScriptedUserPool {
  readonly asked: ((answer: WipeAnswer) => void)[] = [];
  ask = (): Promise<WipeAnswer> => new Promise((resolve) => this.asked.push(resolve));

  async answer(answer: WipeAnswer): Promise<void> {
    await until(() => this.asked.length > 0);
    this.asked.shift()?.(answer);
  }
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 0));
}

function settled(promise: Promise<void>): { state: () => 'waiting' | 'passed' | 'refused' } {
  let state: 'waiting' | 'passed' | 'refused' = 'waiting';
  promise.then(
    () => (state = 'passed'),
    () => (state = 'refused'),
  );
  return { state: () => state };
}

describe('ContactGate (nothing leaves a device before the user pool says it is not to be erased)', () => {
  let pool: ScriptedUserPool;
  let erased: number;
  let gate: ContactGate;

  beforeEach(() => {
    pool = new ScriptedUserPool();
    erased = 0;
    gate = new ContactGate(pool.ask, async () => void erased++);
  });

  it('holds every request until the answer, and asks once for all of them', async () => {
    const first = settled(gate.passed());
    const second = settled(gate.passed());
    await until(() => pool.asked.length === 1);
    expect([first.state(), second.state()]).toEqual(['waiting', 'waiting']);

    await pool.answer('keep');
    await until(() => first.state() !== 'waiting' && second.state() !== 'waiting');
    expect([first.state(), second.state()]).toEqual(['passed', 'passed']);
    expect(pool.asked.length).toBe(0);
  });

  it('refuses the requests of a device to be erased, erases it once, and stays shut after a reconnection', async () => {
    const request = gate.passed();
    await pool.answer('erase');
    await expectAsync(request).toBeRejectedWithError(DeviceErasedError);
    expect(erased).toBe(1);

    gate.reconnected();
    await expectAsync(gate.passed()).toBeRejectedWithError(DeviceErasedError);
    expect(pool.asked.length).toBe(0);
    expect(erased).toBe(1);
  });

  it('asks again after each reconnection before letting the next request go', async () => {
    const before = gate.passed();
    await pool.answer('keep');
    await before;

    gate.reconnected();
    const after = settled(gate.passed());
    await until(() => pool.asked.length === 1);
    expect(after.state()).toBe('waiting');
    await pool.answer('erase');
    await until(() => after.state() !== 'waiting');
    expect(after.state()).toBe('refused');
  });

  it('lets a request go when the user pool cannot be reached, and asks again at the next one', async () => {
    const request = gate.passed();
    await pool.answer('unreachable');
    await expectAsync(request).toBeResolved();

    const next = settled(gate.passed());
    await until(() => pool.asked.length === 1);
    expect(next.state()).toBe('waiting');
    await pool.answer('erase');
    await until(() => next.state() !== 'waiting');
    expect(next.state()).toBe('refused');
  });

  it('lets requests go when the session itself is refused: the API refuses them too, and nothing is erased', async () => {
    const request = gate.passed();
    await pool.answer('refused');
    await expectAsync(request).toBeResolved();
    expect(erased).toBe(0);
  });
});
