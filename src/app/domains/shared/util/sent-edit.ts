/** The values a user saved for one record's fields, waiting to be compared with what the server kept. */
export interface SentEdit {
  readonly model: string;
  readonly recordId: string;
  /** Field → the value the user saved last and when (ISO, server-corrected). */
  readonly fields: Readonly<Record<string, { readonly value: unknown; readonly at: string }>>;
}
