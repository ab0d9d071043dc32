const FIELD_LABELS: Readonly<Record<string, string>> = {
  name: 'Name',
  address: 'Address',
  location: 'Location',
  contactName: 'Contact name',
  contactPhone: 'Contact phone',
  notes: 'Notes',
  title: 'Title',
  description: 'Description',
  status: 'Status',
  priority: 'Priority',
  assignee: 'Assignee',
  dueDate: 'Due date',
  tags: 'Tags',
  checklist: 'Checklist',
  siteID: 'Site',
  jobID: 'Job',
  body: 'Note',
  observedAt: 'Observed at',
  reading: 'Reading',
  unit: 'Unit',
  author: 'Author',
  attributes: 'Attributes',
  crewID: 'Crew',
  crewGroup: 'Crew group',
  signOff: 'Sign-off',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** Fields holding a schema enum (IN_PROGRESS), shown as words (In progress). */
const ENUM_FIELDS = new Set(['status', 'priority']);

/** A field value as a person reads it: "—" for empty, coordinates for a location, lists joined. */
export function formatValue(value: unknown, field?: string): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'string' && field && ENUM_FIELDS.has(field)) {
    const words = value.toLowerCase().replaceAll('_', ' ');
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  if (Array.isArray(value)) {
    return value.length === 0
      ? '—'
      : value.map((item) => (typeof item === 'object' ? describeObject(item) : String(item))).join(', ');
  }
  if (typeof value === 'object') return describeObject(value);
  return String(value);
}

function describeObject(value: object | null): string {
  if (!value) return '—';
  const record = value as Record<string, unknown>;
  if (typeof record['latitude'] === 'number' && typeof record['longitude'] === 'number') {
    return `${record['latitude']}, ${record['longitude']}`;
  }
  if (typeof record['label'] === 'string') return `${record['done'] ? '☑' : '☐'} ${record['label']}`;
  if (typeof record['signerName'] === 'string')
    return `Signed by ${record['signerName']}, ${String(record['signedAt'])}`;
  return JSON.stringify(value);
}
