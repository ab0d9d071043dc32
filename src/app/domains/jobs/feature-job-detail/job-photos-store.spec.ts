import { TestBed } from '@angular/core/testing';
import { BehaviorSubject, map, Subject } from 'rxjs';

import { Attachment } from '../../../../models';
import { type AttachmentDraft, AttachmentRepository } from '../../photos/data/attachment-repository';
import { PHOTO_DATABASE } from '../../photos/data/photo-bytes';
import { PHOTO_STORAGE } from '../../photos/data/photo-storage';
import { makeImage } from '../../photos/util/photo-test-images.testing';
import { until } from '../../shared/util/until.testing';
import { JobPhotosStore } from './job-photos-store';

/** The repository over a list in memory; everything else (resize, hash, photo database) is real. */
class FakeAttachments {
  readonly records = new BehaviorSubject<readonly Attachment[]>([]);
  readonly changes = new Subject<{ element: { id: string } }>();
  watchByJob = (jobId: string) => this.records.pipe(map((all) => all.filter((photo) => photo.jobID === jobId)));
  changed = () => this.changes;
  awaitingUpload = async () => [];
  keyInUse = async (key: string) => this.records.value.some((photo) => photo.key === key);
  hashInUse = async (hash: string) => this.records.value.some((photo) => photo.contentHash === hash);
  markUploaded = async (key: string) => key;
  add = async (id: string, draft: AttachmentDraft) => {
    const record = { ...new Attachment({ ...draft }), id } as Attachment;
    this.records.next([...this.records.value, record]);
    return id;
  };
  remove = async (id: string) => {
    this.records.next(this.records.value.filter((photo) => photo.id !== id));
    return id;
  };
}

/** A job of the north crew: its photos are stored in the crew's folder. */
const JOB = { id: 'job-1', crewID: 'north' };

const fileOf = async (name: string, width: number, height: number) =>
  new File([await makeImage(width, height)], name, { type: 'image/png' });

describe('JobPhotosStore', () => {
  let store: InstanceType<typeof JobPhotosStore>;

  beforeEach(async () => {
    await new Promise((resolve) => (indexedDB.deleteDatabase(PHOTO_DATABASE).onsuccess = resolve));
    TestBed.configureTestingModule({
      providers: [
        JobPhotosStore,
        { provide: AttachmentRepository, useClass: FakeAttachments },
        { provide: PHOTO_STORAGE, useValue: { configured: () => false } },
      ],
    });
    store = TestBed.inject(JobPhotosStore);
    store.load('job-1');
  });

  afterEach(() => TestBed.resetTestingModule());

  it('shows an attached photo at once from the device, resized, waiting to upload', async () => {
    await store.attach(JOB, {
      files: [await fileOf('IMG_1.png', 3000, 1500)],
      withLocation: false,
      fieldNoteID: null,
    });

    await until('the photo', () => store.photos()[0]?.thumbnail !== null && store.photos().length === 1);
    const [photo] = store.photos();
    expect([photo?.width, photo?.height]).toEqual([2048, 1024]);
    expect(photo?.key).toBe(`public/crews/north/photos/job-1/${photo?.id}.jpg`);
    expect(photo?.uploaded).toBeFalse();
    expect(store.waiting()).toBe(1);
    expect(store.message()).toBeNull();
  });

  it('attaches a photo to a field note of the job', async () => {
    await store.attach(JOB, { files: [await fileOf('IMG_2.png', 40, 30)], withLocation: false, fieldNoteID: 'n1' });

    await until('the photo', () => store.photos().length === 1);
    expect(store.photos()[0]?.fieldNoteID).toBe('n1');
  });

  it('refuses a PDF with a clear message and saves nothing', async () => {
    const pdf = new File(['%PDF-1.7'], 'plan.pdf', { type: 'application/pdf' });

    await store.attach(JOB, { files: [pdf], withLocation: false, fieldNoteID: null });

    expect(store.message()).toBe(
      '“plan.pdf” was not attached: “plan.pdf” is not a photo. Only images (JPEG, PNG, WebP, HEIC…) can be attached.',
    );
    expect(store.photos()).toEqual([]);
  });

  it('says the device is full, and keeps the photos saved before', async () => {
    await store.attach(JOB, { files: [await fileOf('first.png', 40, 30)], withLocation: false, fieldNoteID: null });
    await until('the first photo', () => store.photos()[0]?.thumbnail != null);
    const put = IDBObjectStore.prototype.put;
    spyOn(IDBObjectStore.prototype, 'put').and.callFake(function (this: IDBObjectStore, ...args) {
      if (this.name === 'photos') throw new DOMException('Quota exceeded', 'QuotaExceededError');
      return put.apply(this, args);
    });

    await store.attach(JOB, {
      files: [await fileOf('second.png', 50, 30)],
      withLocation: false,
      fieldNoteID: null,
    });

    expect(store.message()).toContain('this device is out of storage space');
    expect(store.photos().length).toBe(1);
    expect(store.photos()[0]?.full).not.toBeNull();
  });

  it('deletes a photo: its record, and its bytes once no photo shows them', async () => {
    await store.attach(JOB, { files: [await fileOf('IMG_1.png', 40, 30)], withLocation: false, fieldNoteID: null });
    await until('the photo', () => store.photos()[0]?.thumbnail != null);

    await store.remove(store.photos()[0]!);

    await until('the photo to go', () => store.photos().length === 0);
    expect(store.waiting()).toBe(0);
  });

  it('deletes every photo of a deleted job', async () => {
    await store.attach(JOB, {
      files: [await fileOf('a.png', 40, 30), await fileOf('b.png', 50, 30)],
      withLocation: false,
      fieldNoteID: null,
    });
    await until('both photos', () => store.photos().filter((photo) => photo.full).length === 2);

    await store.removeAll();

    await until('the photos to go', () => store.photos().length === 0);
    expect(store.message()).toBeNull();
  });
});
