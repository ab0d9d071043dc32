/** A stored record: the fields exactly as sent, plus AppSync's metadata. */
export type StoredRecord = Record<string, unknown> & {
  _version: number;
  _lastChangedAt: number;
  _deleted: boolean | null;
};
