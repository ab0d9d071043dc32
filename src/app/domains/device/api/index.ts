export { CrewMemberPreference } from '../data/crew-member-preference';
export { DeviceSettings } from '../data/device-settings';
