import { crewFolderOf, isMisplaced, photoMove, photoMoveRights, type PlacedPhoto } from './photo-rehome';

const NORTH_KEY = 'public/crews/north/photos/job-1/photo-1.jpg';
const SOUTH_KEY = 'public/crews/south/photos/job-1/photo-1.jpg';
/** A photo taken for North's job, uploaded, whose job has since moved to South. */
const moved: PlacedPhoto = {
  id: 'photo-1',
  jobID: 'job-1',
  crewID: 'south',
  key: NORTH_KEY,
  contentType: 'image/jpeg',
  uploadedAt: '2026-03-01T10:00:00.000Z',
  owner: 'sub-nora::nora',
};
const person = (role: 'Office' | 'Crew' | 'Viewer' | null, groups: string[] = [], username = 'nora') => ({
  role,
  groups: role ? [role, ...groups] : groups,
  sub: `sub-${username}`,
  username,
});

describe('moving a photo to its crew’s folder', () => {
  it('reads the crew of a key’s folder: a crew, none (before crews), or not the app’s', () => {
    expect(crewFolderOf(NORTH_KEY)).toBe('north');
    expect(crewFolderOf('public/photos/job-1/photo-1.jpg')).toBeNull();
    expect(crewFolderOf('private/x/photo.jpg')).toBeUndefined();
  });

  it('knows a photo is misplaced when its key’s folder is not its record’s crew', () => {
    expect(isMisplaced(moved)).toBeTrue();
    expect(isMisplaced({ ...moved, key: SOUTH_KEY })).toBeFalse();
    expect(isMisplaced({ ...moved, crewID: null })).toBeTrue();
    expect(isMisplaced({ ...moved, crewID: null, key: 'public/photos/job-1/photo-1.jpg' })).toBeFalse();
    expect(isMisplaced({ ...moved, key: 'elsewhere/photo-1.jpg' })).toBeFalse();
  });

  it('moves an uploaded photo of a moved job to where its crew’s photos go, for Office', () => {
    expect(photoMove(moved, photoMoveRights(person('Office')))).toEqual({
      id: 'photo-1',
      from: NORTH_KEY,
      to: SOUTH_KEY,
    });
    expect(photoMove({ ...moved, crewID: null }, photoMoveRights(person('Office')))?.to).toBe(
      'public/photos/job-1/photo-1.jpg',
    );
    // A backend with no accounts: every folder and record is everyone's.
    expect(photoMove(moved, photoMoveRights(null))?.to).toBe(SOUTH_KEY);
  });

  it('leaves a photo in place until it is uploaded, and one already in its crew’s folder', () => {
    const office = photoMoveRights(person('Office'));
    expect(photoMove({ ...moved, uploadedAt: null }, office)).toBeNull();
    expect(photoMove({ ...moved, key: SOUTH_KEY }, office)).toBeNull();
  });

  it('lets a member of both crews move their own photos only', () => {
    const both = photoMoveRights(person('Crew', ['crew-north', 'crew-south']));
    expect(photoMove(moved, both)?.to).toBe(SOUTH_KEY);
    expect(photoMove({ ...moved, owner: 'nora' }, both)?.to).toBe(SOUTH_KEY);
    expect(photoMove({ ...moved, owner: 'sub-sam::sam' }, both)).toBeNull();
    expect(photoMove({ ...moved, owner: null }, both)).toBeNull();
  });

  it('leaves it to others when the device cannot reach both folders', () => {
    expect(photoMove(moved, photoMoveRights(person('Crew', ['crew-north'])))).toBeNull();
    expect(photoMove(moved, photoMoveRights(person('Crew', ['crew-south'])))).toBeNull();
    expect(photoMove({ ...moved, crewID: null }, photoMoveRights(person('Crew', ['crew-north'])))).toBeNull();
    expect(photoMove(moved, photoMoveRights(person('Viewer')))).toBeNull();
    expect(photoMove(moved, photoMoveRights(person(null)))).toBeNull();
  });
});
