import { CREW_MODEL, crewScope } from './crews/crew-directory.ts';
import { insertRecords } from './store/insert-records.ts';
import type { SqliteStore } from './store/sqlite-store.ts';

export { insertRecords };

const SITES = [
  ['Harbour Pump Station', '12 Quay Road', 'Mara Quist', 51.5072, -0.1276],
  ['Northfield Substation', '4 Ridge Lane', 'Tom Adeyemi', 51.5412, -0.0931],
  ['Riverside Water Works', '88 Mill Street', 'Ines Kovac', 51.4934, -0.1522],
  ['Eastgate Office Block', '201 Commerce Way', 'Priya Raman', 51.5155, -0.0723],
] as const;

const CREWS = [
  ['north', 'North crew'],
  ['south', 'South crew'],
] as const;

const JOBS = [
  ['Quarterly pump inspection', 'IN_PROGRESS', 'HIGH', ['inspection', 'pumps']],
  ['Replace valve actuator', 'OPEN', 'URGENT', ['repair']],
  ['Thermal survey of switchgear', 'DONE', 'NORMAL', ['survey', 'electrical']],
] as const;

/** A calendar date `days` from today, so the demo always has jobs due today, overdue and upcoming. */
function isoDateFromToday(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  return date.toISOString().slice(0, 10);
}

/** A small, realistic data set for `FIELDBOOK_SEED=demo`, added only to an empty database. */
export function seedDemoData(store: SqliteStore): void {
  if (store.count('Site') + store.count('Job') + store.count('FieldNote') > 0) return;
  // Two crews, each working two of the sites; everything on a site carries its crew's scope.
  const crews = CREWS.map(([id, name]) => ({ id, name, ...crewScope(id) }));
  const sites = SITES.map(([name, address, contactName, latitude, longitude], i) => ({
    id: `demo-site-${i + 1}`,
    ...crewScope(CREWS[i < 2 ? 0 : 1][0]),
    name,
    address,
    contactName,
    contactPhone: `+44 20 7946 0${100 + i}`,
    location: { latitude, longitude, accuracyMeters: 5 },
  }));
  const jobs = sites.flatMap((site, s) =>
    JOBS.map(([title, status, priority, tags], j) => ({
      id: `demo-job-${s + 1}-${j + 1}`,
      siteID: site.id,
      crewID: site.crewID,
      crewGroup: site.crewGroup,
      title,
      description: `${title} at ${site.name}.`,
      status,
      priority,
      assignee: ['Alex', 'Sam', 'Jordan'][j],
      dueDate: isoDateFromToday([-2 - s, 0, 3 + s][j] ?? 0),
      tags: [...tags],
      checklist: [
        { id: 'isolate', label: 'Isolate and lock out', done: status !== 'OPEN', doneAt: null },
        { id: 'check', label: 'Carry out checks', done: status === 'DONE', doneAt: null },
        { id: 'report', label: 'Photograph and report', done: false, doneAt: null },
      ],
    })),
  );
  const notes = jobs.flatMap((job, j) =>
    [0, 1].map((n) => ({
      id: `demo-note-${j + 1}-${n + 1}`,
      jobID: job.id,
      crewID: job.crewID,
      crewGroup: job.crewGroup,
      body: n === 0 ? 'Arrived on site, access via north gate.' : 'Pressure reading taken at the outlet.',
      observedAt: `2026-02-1${n}T09:${10 + j}:00.000Z`,
      reading: n === 1 ? 3.25 + j / 10 : null,
      unit: n === 1 ? 'bar' : null,
      author: job.assignee,
      tags: n === 1 ? ['reading'] : [],
      attributes: n === 1 ? JSON.stringify({ gauge: 'G-7', calibrated: true }) : null,
    })),
  );
  insertRecords(store, CREW_MODEL, crews);
  insertRecords(store, 'Site', sites);
  insertRecords(store, 'Job', jobs);
  insertRecords(store, 'FieldNote', notes);
}
