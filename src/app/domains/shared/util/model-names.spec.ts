import { modelHeading, modelLabel, recordLabel, UNKNOWN_MODEL } from './model-names';

describe('model names', () => {
  it('names each synced model in words, and an unknown one a record', () => {
    expect(['Site', 'Job', 'FieldNote', 'Attachment'].map((model) => modelLabel(model))).toEqual([
      'site',
      'job',
      'field note',
      'photo',
    ]);
    expect(modelLabel(UNKNOWN_MODEL)).toBe('record');
    expect(modelLabel(undefined)).toBe('record');
    expect(modelHeading('FieldNote')).toBe('Field notes');
    expect(modelHeading('Crew')).toBe('Crews');
    expect(modelHeading('Gadget')).toBe('Gadget');
  });

  it('names a record by its name, title or text, and not by an empty one', () => {
    expect(recordLabel({ name: 'North yard' })).toBe('North yard');
    expect(recordLabel({ title: 'Fix pump' })).toBe('Fix pump');
    expect(recordLabel({ body: 'Seal leaking' })).toBe('Seal leaking');
    expect(recordLabel({ title: '', body: 'x' })).toBeUndefined();
    expect(recordLabel({ priority: 'HIGH' })).toBeUndefined();
  });
});
