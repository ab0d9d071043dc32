/** The synced models a person deals with, in the words the app uses for them. */
const NAMES: Readonly<Record<string, { readonly one: string; readonly many: string }>> = {
  Site: { one: 'site', many: 'Sites' },
  Job: { one: 'job', many: 'Jobs' },
  FieldNote: { one: 'field note', many: 'Field notes' },
  Attachment: { one: 'photo', many: 'Photos' },
  ChangeLogEntry: { one: 'history entry', many: 'Change history' },
  Crew: { one: 'crew', many: 'Crews' },
  Handover: { one: 'handover', many: 'Handovers' },
};

/** What a change whose model DataStore did not name is filed under; it is called a "record". */
export const UNKNOWN_MODEL = 'Unknown';

/** "job", "field note"; "record" for a model the app does not know. */
export function modelLabel(model: string | undefined): string {
  return (model && NAMES[model]?.one) ?? 'record';
}

/** "Jobs", "Field notes", for headings and lists; the model's own name when the app does not know it. */
export function modelHeading(model: string): string {
  return NAMES[model]?.many ?? model;
}

/** How a record is named to a person: a site's name, a job's title, a note's text. */
export function recordLabel(fields: Readonly<Record<string, unknown>>): string | undefined {
  const label = fields['name'] ?? fields['title'] ?? fields['body'];
  return typeof label === 'string' && label ? label : undefined;
}
