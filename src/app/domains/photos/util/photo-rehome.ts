import { crewOfGroup } from '../../crews/api';
import { photoKey } from './photo-key';

/** What deciding where a photo's object belongs reads of its attachment record. */
export interface PlacedPhoto {
  readonly id: string;
  readonly jobID: string;
  readonly crewID?: string | null;
  readonly key: string;
  readonly contentType: string;
  readonly uploadedAt?: string | null;
  /** The owner field AppSync's owner rule keeps: `sub::username`, or one of the two. */
  readonly owner?: string | null;
}

/**
 * Whose photos this device may move between crews' folders. Moving copies the object (read on the
 * old folder, write on the new), saves the attachment's new key (an update AppSync admits from
 * Office, or from the photo's owner) and removes the old object (delete on the old folder).
 * - `every`: Office reaches every folder and updates every attachment; so does a backend with no accounts;
 * - `own`: a crew member reaches their crews' folders and updates only their own photos;
 * - `none`: a Viewer, or someone in no group.
 */
export type PhotoMoveRights =
  | { readonly kind: 'every' }
  | { readonly kind: 'own'; readonly crews: readonly string[]; readonly identities: readonly string[] }
  | { readonly kind: 'none' };

/** The person as the account session reads them; null on a backend with no accounts. */
export interface PhotoMover {
  readonly role: 'Office' | 'Crew' | 'Viewer' | null;
  readonly groups: readonly string[];
  readonly sub: string;
  readonly username: string;
}

export function photoMoveRights(person: PhotoMover | null): PhotoMoveRights {
  if (!person || person.role === 'Office') return { kind: 'every' };
  if (person.role !== 'Crew') return { kind: 'none' };
  const crews = person.groups.map(crewOfGroup).filter((crew): crew is string => crew !== undefined);
  return { kind: 'own', crews, identities: [`${person.sub}::${person.username}`, person.sub, person.username] };
}

const CREW_FOLDER = /^public\/crews\/([^/]+)\/photos\//;

/**
 * The crew whose folder a key is in: a crew id, null for the folder of photos from before crews
 * (`public/photos/`), undefined for a key in neither (not the app's; left alone).
 */
export function crewFolderOf(key: string): string | null | undefined {
  const crew = CREW_FOLDER.exec(key)?.[1];
  if (crew !== undefined) return crew;
  return key.startsWith('public/photos/') ? null : undefined;
}

/** The photo's object is in another crew's folder than its record's (its job moved to another crew). */
export function isMisplaced(photo: PlacedPhoto): boolean {
  const folder = crewFolderOf(photo.key);
  return folder !== undefined && folder !== (photo.crewID ?? null);
}

/** From where to where a photo's object is to move. */
export interface PhotoMove {
  readonly id: string;
  readonly from: string;
  readonly to: string;
}

function mayMove(rights: PhotoMoveRights, photo: PlacedPhoto, fromCrew: string | null): boolean {
  if (rights.kind === 'every') return true;
  if (rights.kind === 'none') return false;
  const reaches = (crew: string | null) => crew !== null && rights.crews.includes(crew);
  return (
    reaches(fromCrew) &&
    reaches(photo.crewID ?? null) &&
    typeof photo.owner === 'string' &&
    rights.identities.includes(photo.owner)
  );
}

/**
 * Whether this device moves a photo's object to its record's crew's folder, and where: only once
 * its bytes are uploaded (the device that took it uploads to the key it was given), only when
 * the device may read and delete where it is, write where it goes, and save the record's new key.
 */
export function photoMove(photo: PlacedPhoto, rights: PhotoMoveRights): PhotoMove | null {
  if (!photo.uploadedAt || !isMisplaced(photo)) return null;
  if (!mayMove(rights, photo, crewFolderOf(photo.key) ?? null)) return null;
  return {
    id: photo.id,
    from: photo.key,
    to: photoKey({ id: photo.jobID, crewID: photo.crewID }, photo.id, photo.contentType),
  };
}
