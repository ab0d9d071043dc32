/**
 * A point a test holds code at until it lets it through: the code awaits `hold()`, the test
 * awaits `arrived` to know the code got there, then calls `open()`. For ordering a race on
 * purpose, instead of a sleep that hopes the other side has moved on.
 */
export interface Gate {
  /** Settles once the gate is open; the first call settles `arrived`. */
  hold(): Promise<void>;
  /** Settles when the first caller reaches the gate. */
  readonly arrived: Promise<void>;
  /** Settles when the gate opens. */
  readonly opened: Promise<void>;
  /** Lets every caller through, those waiting and those still to come. */
  open(): void;
}

export function gate(): Gate {
  let open = (): void => undefined;
  let arrive = (): void => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const arrived = new Promise<void>((resolve) => (arrive = resolve));
  return {
    hold: () => {
      arrive();
      return opened;
    },
    arrived,
    opened,
    open,
  };
}
