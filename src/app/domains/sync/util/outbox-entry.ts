/** One queued mutation as DataStore keeps it in its outbox (MutationEvent). */
export interface OutboxEntry {
  readonly id: string;
  readonly model: string;
  readonly modelId: string;
  readonly operation: 'Create' | 'Update' | 'Delete';
  /** The mutation's input as JSON. */
  readonly data: string;
}
