export { AttachmentRepository } from '../data/attachment-repository';
export { PhotoAttacher } from '../data/photo-attacher';
export { PhotoBytes, type StoredPhoto } from '../data/photo-bytes';
export { PhotoTransfers } from '../data/photo-transfers';
export { PhotoGallery, type PhotoPick } from '../ui/photo-gallery';
export { isMisplaced } from '../util/photo-rehome';
export { noteLabel, photosWaitingText, type PhotoView } from '../util/photo-view';
