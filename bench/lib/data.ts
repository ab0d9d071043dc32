/**
 * Deterministic, realistic records: every benchmark (DataStore, the IndexedDB floor, PouchDB) moves
 * the same documents, so their sizes are comparable.
 */
export interface SiteFields {
  [key: string]: unknown;
  id: string;
  name: string;
}

export interface JobFields {
  [key: string]: unknown;
  id: string;
  siteID: string;
  title: string;
}

const STATUSES = ['OPEN', 'IN_PROGRESS', 'ON_HOLD', 'DONE', 'CANCELLED'] as const;
const PRIORITIES = ['LOW', 'NORMAL', 'HIGH', 'URGENT'] as const;
const CREW = ['Alex Morgan', 'Sam Okafor', 'Jordan Lee', 'Priya Raman', 'Ines Kovac', null] as const;
const WORK = ['Inspect', 'Replace', 'Survey', 'Service', 'Test', 'Repair', 'Calibrate'] as const;
const THINGS = ['pump', 'valve actuator', 'switchgear', 'fire door', 'backflow preventer', 'HVAC unit'] as const;

function pick<T>(values: readonly T[], n: number): T {
  return values[n % values.length] as T;
}

export function makeSites(count: number): SiteFields[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `bench-site-${String(i).padStart(5, '0')}`,
    name: `Site ${i} ${pick(['Pump Station', 'Substation', 'Water Works', 'Office Block'], i)}`,
    address: `${(i % 300) + 1} ${pick(['Quay Road', 'Ridge Lane', 'Mill Street', 'Commerce Way'], i)}`,
    location: { latitude: 51 + (i % 100) / 100, longitude: -0.5 + (i % 70) / 100, accuracyMeters: 5 },
    contactName: pick(CREW, i) ?? 'Front desk',
    contactPhone: `+44 20 7946 ${String(1000 + (i % 9000)).slice(-4)}`,
    notes: null,
  }));
}

/**
 * `count` sites shared out among `crews` crews in turn (crew ids `c00`, `c01`, …), each carrying its
 * crew's scope as the app writes it.
 */
export function makeCrewSites(count: number, crews: number): SiteFields[] {
  return makeSites(count).map((site, i) => {
    const crewID = crewIdOf(i % crews);
    return { ...site, crewID, crewGroup: `crew-${crewID}` };
  });
}

export function crewIdOf(index: number): string {
  return `c${String(index).padStart(2, '0')}`;
}

/** Jobs spread over `sites` in turn; a job carries its site's crew scope, as the app copies it down. */
export function makeJobs(count: number, sites: readonly SiteFields[], prefix = 'bench-job'): JobFields[] {
  return Array.from({ length: count }, (_, i) => {
    const status = pick(STATUSES, i * 7);
    const title = `${pick(WORK, i)} ${pick(THINGS, i * 3)} #${i}`;
    const site = sites[i % sites.length] as SiteFields;
    return {
      id: `${prefix}-${String(i).padStart(6, '0')}`,
      siteID: site.id,
      ...(site['crewID'] !== undefined && { crewID: site['crewID'], crewGroup: site['crewGroup'] }),
      title,
      description: `${title}: check the unit, record readings and photograph the nameplate.`,
      status,
      priority: pick(PRIORITIES, i * 5),
      assignee: pick(CREW, i * 11),
      dueDate: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      tags: i % 3 === 0 ? ['inspection', 'quarterly'] : ['repair'],
      checklist: [
        { id: 'isolate', label: 'Isolate and lock out', done: status !== 'OPEN', doneAt: null },
        { id: 'check', label: 'Carry out checks', done: status === 'DONE', doneAt: null },
        { id: 'report', label: 'Photograph and report', done: false, doneAt: null },
      ],
    };
  });
}

/** The records as the server stores them (fields plus metadata), for the IndexedDB floor. */
export function asStored(records: readonly (SiteFields | JobFields)[]): Record<string, unknown>[] {
  const now = Date.now();
  const iso = new Date(now).toISOString();
  return records.map((r) => ({
    ...r,
    createdAt: iso,
    updatedAt: iso,
    _version: 1,
    _lastChangedAt: now,
    _deleted: null,
  }));
}
