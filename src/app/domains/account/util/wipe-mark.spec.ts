import { parseWipeNotice, wipeMarkApplies } from './wipe-mark';

describe('wipeMarkApplies (a lost phone, marked by the office)', () => {
  const signedInAt = 1_765_000_000;

  it('applies to a device signed in before the mark, or in the same second', () => {
    expect(wipeMarkApplies(String(signedInAt + 3600), signedInAt)).toBeTrue();
    expect(wipeMarkApplies(String(signedInAt), signedInAt)).toBeTrue();
  });

  it('leaves a device signed in after the mark alone: the person’s new phone', () => {
    expect(wipeMarkApplies(String(signedInAt - 1), signedInAt)).toBeFalse();
  });

  it('applies when the sign-in time is unknown, and never without a readable mark', () => {
    expect(wipeMarkApplies(String(signedInAt), undefined)).toBeTrue();
    for (const mark of [undefined, '', ' ', 'soon', '0', '-5']) expect(wipeMarkApplies(mark, signedInAt)).toBeFalse();
  });
});

describe('parseWipeNotice', () => {
  it('reads a kept notice, and nothing from edited storage', () => {
    expect(parseWipeNotice(JSON.stringify({ name: 'Ana Silva', erasedAt: 5 }))).toEqual({
      name: 'Ana Silva',
      erasedAt: 5,
    });
    expect(parseWipeNotice(JSON.stringify({ erasedAt: 5 }))).toEqual({ name: '', erasedAt: 5 });
    for (const raw of [null, '', '{', '{"name":"x"}', '"text"']) expect(parseWipeNotice(raw)).toBeNull();
  });
});
