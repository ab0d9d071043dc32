import { movedByAnother, noteOutcome } from './handover-answer';

describe('noteOutcome', () => {
  const inSouth = { id: 's1', crewID: 'south', crewGroup: 'crew-south', _version: 3, _deleted: null };
  const inNorth = { ...inSouth, crewID: 'north', crewGroup: 'crew-north', _version: 4 };

  it('hands the record over at the version the answer shows it in its new crew', () => {
    expect(noteOutcome('south', { record: inSouth, queued: false })).toEqual({ kind: 'hand-over', version: 3 });
    expect(noteOutcome('south', { record: inSouth, queued: true })).toEqual({ kind: 'hand-over', version: 3 });
  });

  it('waits while a change of the record is queued: the move may be among them', () => {
    expect(noteOutcome('south', { record: inNorth, queued: true })).toEqual({ kind: 'wait' });
  });

  it('drops the note when the record is elsewhere with nothing queued: the move did not take', () => {
    expect(noteOutcome('south', { record: inNorth, queued: false })).toEqual({ kind: 'drop' });
  });

  it('drops the note of a record deleted on the server', () => {
    expect(noteOutcome('south', { record: { ...inSouth, _deleted: true }, queued: true })).toEqual({ kind: 'drop' });
  });

  it('never hands over a copy the server has not answered for (no version)', () => {
    const unanswered = { ...inSouth, _version: undefined };

    expect(noteOutcome('south', { record: unanswered, queued: true })).toEqual({ kind: 'wait' });
  });

  it('judges a move to no crew by the record having none', () => {
    const noCrew = { ...inSouth, crewID: null, crewGroup: null };

    expect(noteOutcome(null, { record: noCrew, queued: false })).toEqual({ kind: 'hand-over', version: 3 });
    expect(noteOutcome(null, { record: inSouth, queued: false })).toEqual({ kind: 'drop' });
  });
});

describe('movedByAnother', () => {
  it('is true when the server’s copy is already in the crew the move meant, or deleted', () => {
    expect(movedByAnother('south', { id: 's1', crewID: 'south', _version: 3 })).toBeTrue();
    expect(movedByAnother('south', { id: 's1', crewID: 'north', _version: 3, _deleted: true })).toBeTrue();
  });

  it('is false when the server’s copy is still in another crew: the move is sent again', () => {
    expect(movedByAnother('south', { id: 's1', crewID: 'north', _version: 3 })).toBeFalse();
  });
});
