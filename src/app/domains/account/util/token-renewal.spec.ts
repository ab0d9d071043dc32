import { renewalRetryDelay, renewThenRestart, type TokenPorts, TokenRenewal } from './token-renewal';

/** Amplify's tokens as far as renewing sees them: the access token held, and what a refresh does. */
class Tokens implements TokenPorts {
  refreshes = 0;
  constructor(
    public current: string | null,
    private readonly answer: () => string | null,
  ) {}
  held = () => Promise.resolve(this.current);
  refresh = () => {
    this.refreshes++;
    this.current = this.answer();
    return Promise.resolve(this.current);
  };
  drop = () => {
    this.current = null;
    return Promise.resolve();
  };
}

const unreachable = (): string | null => {
  throw new Error('A network error has occurred.');
};

describe('TokenRenewal', () => {
  it('renews a refused token with a forced refresh', async () => {
    let issued = 0;
    const tokens = new Tokens('first', () => `renewed-${++issued}`);
    expect(await new TokenRenewal(tokens).renew()).toBe('renewed');
    expect(tokens.current).toBe('renewed-1');
  });

  it('gives up on a token refused although the last refresh gave it, instead of refreshing again', async () => {
    const tokens = new Tokens('first', () => 'renewed');
    const renewal = new TokenRenewal(tokens);
    await renewal.renew();

    expect(await renewal.renew()).toBe('refused');
    expect(tokens.refreshes).toBe(1);
    expect(tokens.current).toBeNull();
  });

  it('keeps the tokens when the user pool cannot be reached', async () => {
    const tokens = new Tokens('first', unreachable);
    expect(await new TokenRenewal(tokens).renew()).toBe('unreachable');
    expect(tokens.current).toBe('first');
  });

  it('says so when the user pool refuses the refresh', async () => {
    const tokens = new Tokens('first', () => null);
    expect(await new TokenRenewal(tokens).renew()).toBe('refused');
    expect(tokens.current).toBeNull();
  });

  it('refreshes once for refusals heard while it renews', async () => {
    const tokens = new Tokens('first', () => 'renewed');
    const renewal = new TokenRenewal(tokens);
    expect(await Promise.all([renewal.renew(), renewal.renew()])).toEqual(['renewed', 'renewed']);
    expect(tokens.refreshes).toBe(1);
  });

  it('asks for a sign-in when no tokens are kept', async () => {
    const tokens = new Tokens(null, () => 'renewed');
    expect(await new TokenRenewal(tokens).renew()).toBe('refused');
    expect(tokens.refreshes).toBe(0);
  });
});

describe('renewThenRestart', () => {
  /** Answers from the user pool in turn: unreachable until `reachableAfter` tries, then a fresh token. */
  function poolReachableAfter(reachableAfter: number): Tokens {
    let tries = 0;
    return new Tokens('first', () => {
      if (++tries <= reachableAfter) return unreachable();
      return `renewed-${tries}`;
    });
  }

  function steps(wanted: () => boolean = () => true) {
    const waits: number[] = [];
    let restarts = 0;
    return {
      waits,
      restarts: () => restarts,
      steps: {
        reread: () => Promise.resolve(),
        restartSync: () => {
          restarts++;
          return Promise.resolve();
        },
        stillWanted: wanted,
        waitBeforeRetry: (ms: number) => {
          waits.push(ms);
          return Promise.resolve();
        },
      },
    };
  }

  it('tries again, waiting longer each time, until the user pool answers, then restarts sync once', async () => {
    const device = steps();
    const renewal = new TokenRenewal(poolReachableAfter(3));

    expect(await renewThenRestart(renewal, device.steps)).toBe('renewed');
    expect(device.waits).toEqual([2_000, 4_000, 8_000]);
    expect(device.restarts()).toBe(1);
  });

  it('waits at most a minute between tries', () => {
    expect([0, 4, 5, 12].map(renewalRetryDelay)).toEqual([2_000, 32_000, 60_000, 60_000]);
  });

  it('stops trying once nobody is signed in', async () => {
    let signedIn = true;
    const device = steps(() => signedIn);
    device.steps.waitBeforeRetry = (ms: number) => {
      device.waits.push(ms);
      signedIn = false;
      return Promise.resolve();
    };

    expect(await renewThenRestart(new TokenRenewal(poolReachableAfter(10)), device.steps)).toBe('unreachable');
    expect(device.waits).toEqual([2_000]);
    expect(device.restarts()).toBe(0);
  });

  it('does not restart sync when the renewal is refused', async () => {
    const device = steps();
    expect(await renewThenRestart(new TokenRenewal(new Tokens('first', () => null)), device.steps)).toBe('refused');
    expect(device.restarts()).toBe(0);
    expect(device.waits).toEqual([]);
  });
});
