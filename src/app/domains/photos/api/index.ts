export { AttachmentRepository } from '../data/attachment-repository';
export { type JobPhotoRecords, JobPhotoViews, toPhotoView } from '../data/job-photo-views';
export { PhotoAttacher } from '../data/photo-attacher';
export { PhotoBytes, type StoredPhoto } from '../data/photo-bytes';
export { PhotoTransfers } from '../data/photo-transfers';
export { BlobImage } from '../ui/blob-image';
export { PhotoGallery, type PhotoPick } from '../ui/photo-gallery';
export { isMisplaced } from '../util/photo-rehome';
export { noteLabel, photoState, photosWaitingText, type PhotoView } from '../util/photo-view';
