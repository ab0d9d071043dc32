import { type Device, type DeviceOptions } from './browser.ts';
import { addCrew, addCrewMember, type CrewMember, NORTH_MEMBER, OFFICE, SOUTH_MEMBER } from './crew-members.ts';
import { openSignedInDevice } from './fieldbook.ts';
import { type ServerProcess, startServerProcess } from './server-process.ts';

/** A server with the North and South crews and a member of each, and the office's device on it. */
export interface CrewServer {
  readonly server: ServerProcess;
  readonly office: Device;
  /** A new device `member` has signed in on; it closes with the others. */
  open(member: CrewMember, options?: DeviceOptions): Promise<Device>;
  /** Closes every device opened here, then the server. */
  close(): Promise<void>;
}

/** The same, with North's member signed in on one phone and South's on another. */
export interface CrewDevices extends CrewServer {
  readonly north: Device;
  readonly south: Device;
}

/**
 * Starts the server (with the demo's sites, jobs and crews where `seed` says), makes the North and
 * South crews and their members (NORTH_MEMBER, SOUTH_MEMBER), then opens the office's device: the
 * crews are made first, so the office's first sync brings them and its site form offers them.
 */
export async function startCrewServer({ seed }: { readonly seed?: 'demo' } = {}): Promise<CrewServer> {
  const server = await startServerProcess(seed ? { FIELDBOOK_SEED: seed } : {});
  const devices: Device[] = [];
  const open = async (member: CrewMember, options: DeviceOptions = {}) => {
    const device = await openSignedInDevice(server, { ...options, as: member });
    devices.push(device);
    return device;
  };
  const close = async () => {
    await Promise.all(devices.map((device) => device.close()));
    await server.dispose();
  };
  try {
    for (const crew of ['north', 'south']) addCrew(server.dbPath, crew);
    for (const member of [NORTH_MEMBER, SOUTH_MEMBER]) addCrewMember(server.dbPath, member);
    return { server, office: await open(OFFICE), open, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The demo's server, the office's device, and a phone each for North's member and South's. */
export async function openCrewDevices(): Promise<CrewDevices> {
  const crews = await startCrewServer({ seed: 'demo' });
  try {
    const north = await crews.open(NORTH_MEMBER, { phone: true });
    const south = await crews.open(SOUTH_MEMBER, { phone: true });
    return { ...crews, north, south };
  } catch (error) {
    await crews.close();
    throw error;
  }
}
