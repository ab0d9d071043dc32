import { mayDo } from './permissions';

describe('mayDo (the permission table)', () => {
  it('offers everything without accounts and to Office', () => {
    for (const asker of ['no-accounts', 'Office'] as const) {
      expect(mayDo(asker, 'delete', 'Site')).toBeTrue();
      expect(mayDo(asker, 'delete', 'Job')).toBeTrue();
      expect(mayDo(asker, 'update', 'FieldNote', false)).toBeTrue();
    }
  });

  it('lets Crew create and update jobs but not delete them, and only read sites', () => {
    expect(mayDo('Crew', 'create', 'Job')).toBeTrue();
    expect(mayDo('Crew', 'update', 'Job')).toBeTrue();
    expect(mayDo('Crew', 'delete', 'Job')).toBeFalse();
    expect(mayDo('Crew', 'create', 'Site')).toBeFalse();
    expect(mayDo('Crew', 'update', 'Site')).toBeFalse();
    expect(mayDo('Crew', 'delete', 'Site')).toBeFalse();
  });

  it('lets Crew change their own notes and photos only', () => {
    expect(mayDo('Crew', 'create', 'FieldNote')).toBeTrue();
    expect(mayDo('Crew', 'delete', 'Attachment')).toBeTrue();
    expect(mayDo('Crew', 'update', 'FieldNote', false)).toBeFalse();
    expect(mayDo('Crew', 'delete', 'Attachment', false)).toBeFalse();
  });

  it('offers a Viewer, or someone in no crew group, nothing to change', () => {
    for (const asker of ['Viewer', null] as const) {
      expect(mayDo(asker, 'create', 'Job')).toBeFalse();
      expect(mayDo(asker, 'update', 'Job')).toBeFalse();
      expect(mayDo(asker, 'create', 'FieldNote')).toBeFalse();
    }
  });
});
