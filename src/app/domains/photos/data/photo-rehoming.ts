import { inject, Injectable } from '@angular/core';

import { AccountSession } from '../../account/api';
import { retryDelayMs } from '../util/backoff';
import { type PhotoMove, photoMove, type PhotoMoveRights, photoMoveRights } from '../util/photo-rehome';
import { AttachmentRepository } from './attachment-repository';
import { PhotoBytes } from './photo-bytes';
import { PHOTO_STORAGE } from './photo-storage';

interface Backoff {
  readonly attempts: number;
  readonly notBefore: number;
}

const errorName = (error: unknown) => (error instanceof Error ? error.name : '');

/**
 * Photos of a job that moved to another crew follow it to the new crew's folder, the only one its
 * members reach: copy, then the record names the copy, then the old object goes. The work is read
 * from the records each pass (an uploaded attachment whose key is in another crew's folder than its
 * own), so a closed tab loses nothing and a second run finds nothing to do. Only a device that may
 * do all three steps moves a photo (util/photo-rehome.ts); the others leave it, and say it is being
 * moved. The old object's removal waits in the transfer queue until the new key has reached the
 * server, and is skipped if the record names the old key again (the server refused the change).
 */
@Injectable({ providedIn: 'root' })
export class PhotoRehoming {
  private readonly attachments = inject(AttachmentRepository);
  private readonly bytes = inject(PhotoBytes);
  private readonly storage = inject(PHOTO_STORAGE);
  private readonly session = inject(AccountSession);
  /** Moves that failed (credentials not yet refreshed, no signal): tried again later, or when back online. */
  private readonly failed = new Map<string, Backoff>();

  /** Part of the leader's transfer pass; `everyOnce` after the device came back online. */
  async pass(everyOnce: boolean): Promise<void> {
    const rights = this.rights();
    if (rights.kind === 'none') return;
    for (const photo of await this.attachments.misplaced()) {
      const move = photoMove(photo, rights);
      const failed = move && this.failed.get(move.id);
      if (!move || (failed && !everyOnce && failed.notBefore > Date.now())) continue;
      try {
        await this.move(move, photo.contentHash, photo.contentType);
        this.failed.delete(move.id);
      } catch (error) {
        const attempts = (failed ? failed.attempts : 0) + 1;
        this.failed.set(move.id, { attempts, notBefore: Date.now() + retryDelayMs(attempts) });
        // Refused or not found: someone else's to do (or done); nothing the person can act on.
        if (!['AccessDenied', 'NoSuchKey'].includes(errorName(error))) console.warn('A photo was not moved', error);
      }
    }
  }

  private rights(): PhotoMoveRights {
    if (this.session.status() === 'no-accounts') return photoMoveRights(null);
    const user = this.session.user();
    return user ? photoMoveRights(user) : { kind: 'none' };
  }

  private async move({ id, from, to }: PhotoMove, hash: string, contentType: string): Promise<void> {
    // Bytes still queued under the old key are the taking device's upload: it goes first.
    if ((await this.bytes.transfer(from))?.kind === 'upload') return;
    try {
      await this.storage.copy(from, to);
    } catch (error) {
      // Moved by another device already, whose new key has not reached this one yet.
      if (errorName(error) !== 'NoSuchKey' || !(await this.storage.exists(to))) throw error;
    }
    await this.bytes.putTransfer({
      key: from,
      hash,
      contentType,
      kind: 'remove',
      attempts: 0,
      notBefore: 0,
      attachmentId: id,
    });
    await this.attachments.moved(id, from, to);
  }
}
