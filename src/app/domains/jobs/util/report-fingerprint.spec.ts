import { type ReportContent, reportFingerprint } from './report-fingerprint';

const report: ReportContent = {
  job: {
    title: 'Clear the intake screens',
    status: 'DONE',
    priority: 'NORMAL',
    checklist: [{ id: 'a', label: 'Screen 1', done: true }],
  },
  site: { name: 'Harbour Pump Station', address: 'Quay 4' },
  notes: [
    { id: 'n2', body: 'Screen 2 cleared', observedAt: '2026-12-01T10:00:00.000Z' },
    { id: 'n1', body: 'Screen 1 fine', observedAt: '2026-12-01T09:00:00.000Z', reading: 3.5, unit: 'bar' },
  ],
  photos: [{ id: 'p1', caption: 'Before' }],
};

describe('reportFingerprint', () => {
  it('is the same whatever order the notes and photos arrived in, and for missing as for null', () => {
    const reordered: ReportContent = {
      ...report,
      job: { ...report.job, assignee: null, description: undefined },
      notes: [...report.notes].reverse(),
    };
    expect(reportFingerprint(reordered)).toBe(reportFingerprint(report));
  });

  it('changes when anything the report states changes', () => {
    const before = reportFingerprint(report);
    const changed: ReportContent[] = [
      { ...report, job: { ...report.job, status: 'IN_PROGRESS' } },
      { ...report, job: { ...report.job, checklist: [{ id: 'a', label: 'Screen 1', done: false }] } },
      { ...report, site: { name: 'Harbour Pump Station', address: 'Quay 5' } },
      { ...report, notes: [report.notes[0], { ...report.notes[1], reading: 3.6 }] },
      { ...report, photos: [] },
      { ...report, photos: [{ id: 'p1', caption: 'After' }] },
    ];
    for (const content of changed) expect(reportFingerprint(content)).not.toBe(before);
  });
});
