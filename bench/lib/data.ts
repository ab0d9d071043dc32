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

export function makeJobs(count: number, sites: readonly SiteFields[], prefix = 'bench-job'): JobFields[] {
  return Array.from({ length: count }, (_, i) => {
    const status = pick(STATUSES, i * 7);
    const title = `${pick(WORK, i)} ${pick(THINGS, i * 3)} #${i}`;
    return {
      id: `${prefix}-${String(i).padStart(6, '0')}`,
      siteID: (sites[i % sites.length] as SiteFields).id,
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
