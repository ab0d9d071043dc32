/** A field note as typed and not yet added: the form's fields as text. */
export interface NoteDraftText {
  readonly body: string;
  readonly reading: string;
  readonly unit: string;
  /** Only when the user set the time; otherwise the note is stamped when it is saved. */
  readonly observedAt?: string;
  /** Only when the user asked for the device's location. */
  readonly location?: {
    readonly latitude: number;
    readonly longitude: number;
    readonly accuracyMeters?: number | null;
  };
}
