import { DestroyRef, inject, Injectable } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { concatMap, filter } from 'rxjs';

import { DeviceChanges } from '../../shared/data/device-changes';
import { DeviceScope } from '../../sync/api';
import { AttachmentRepository } from './attachment-repository';
import { PhotoBytes } from './photo-bytes';

/**
 * Photos whose records left the device's scope (the person left the crew). Their objects in
 * storage are the crew's and stay; this device lets go of its own copy of the bytes. A photo whose
 * bytes still wait to upload keeps its record until they are up (the upload would otherwise find
 * its attachment gone and remove the object it just wrote).
 */
@Injectable({ providedIn: 'root' })
export class EvictedPhotos {
  private readonly bytes = inject(PhotoBytes);
  private readonly attachments = inject(AttachmentRepository);
  private readonly changes = inject(DeviceChanges);
  private readonly scope = inject(DeviceScope);
  private readonly destroyRef = inject(DestroyRef);

  constructor() {
    // Before the sync engine first starts: the first eviction may come with it.
    this.scope.holdWhile(async () => {
      const uploads = new Set(
        (await this.bytes.transfers()).filter((transfer) => transfer.kind === 'upload').map(({ key }) => key),
      );
      return (model, record) => model === 'Attachment' && uploads.has(String(record['key']));
    });
  }

  /** In every tab; only the leader evicts. */
  start(): void {
    this.bytes
      .changes()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe(() => this.scope.recheck());
    this.changes
      .evictedHere()
      .pipe(
        filter(({ model }) => model === 'Attachment'),
        concatMap(({ fields }) => this.dropBytes(fields).catch(() => undefined)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe();
  }

  private async dropBytes(fields: Readonly<Record<string, unknown>>): Promise<void> {
    const { key, contentHash: hash } = fields;
    if (typeof hash !== 'string') return;
    if (typeof key === 'string' && (await this.bytes.transfer(key))) return;
    // The same bytes may show in another attachment still here.
    if (await this.attachments.hashInUse(hash)) return;
    await this.bytes.deletePhoto(hash);
  }
}
