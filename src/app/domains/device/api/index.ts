export { CrewMemberPreference } from '../data/crew-member-preference';
export { DeviceSettings } from '../data/device-settings';
export { OfflineReadinessStore } from '../data/offline-readiness-store';
export { OfflineReadinessNote } from '../ui/offline-readiness-note';
export { SERVICE_WORKER_SCRIPT } from '../util/service-worker-script';
