import { inject, Injectable, InjectionToken } from '@angular/core';
import { generateClient } from 'aws-amplify/api';

import { schema } from '../../../../models/schema';
import { DeviceWrites } from '../../shared/data/device-writes';
import { type ChangeToReview, type FieldValues, userFields } from '../util/change-to-review';
import { isNetworkFailure } from '../util/describe-sync-error';
import { mutationDocument, mutationName, type SchemaShape, writableFields } from '../util/graphql-documents';
import { RecordRepository } from './record-repository';

export type GraphqlSend = (request: { query: string; variables: Record<string, unknown> }) => Promise<unknown>;

/** How a resent change is sent; a test double replaces the network. */
export const GRAPHQL_SEND = new InjectionToken<GraphqlSend>('GRAPHQL_SEND', {
  providedIn: 'root',
  factory: () => {
    const client = generateClient();
    return (request) => client.graphql(request) as Promise<unknown>;
  },
});

export type ResendOutcome =
  | { readonly status: 'sent' }
  | { readonly status: 'conflict'; readonly theirs: FieldValues }
  | { readonly status: 'failed'; readonly reason: string };

interface GraphqlErrorShape {
  readonly errorType?: string;
  readonly message?: string;
  readonly data?: object | null;
}

/**
 * Sends a change DataStore dropped. DataStore v6 drops a queued mutation when the server is
 * unreachable while the browser says it is online ("A network error has occurred." is not the
 * "Network Error" it retries on), and re-saving identical values through DataStore sends nothing.
 * So the same mutation the outbox would have sent goes out directly, with the record's current
 * `_version`; the server's reply then reaches DataStore through its subscription like any change.
 */
@Injectable({ providedIn: 'root' })
export class MutationResender {
  private readonly send = inject(GRAPHQL_SEND);
  private readonly records = inject(RecordRepository);
  private readonly writes = inject(DeviceWrites);

  constructor() {
    this.writes.register('sync.resend', (change: ChangeToReview) => this.resendHere(change));
  }

  /** Sent by the sync leader, the one tab that talks to the server, whichever tab asks. */
  resend(change: ChangeToReview): Promise<ResendOutcome> {
    return this.writes.run<ResendOutcome>('sync.resend', change);
  }

  private async resendHere(change: ChangeToReview): Promise<ResendOutcome> {
    const shape = schema as unknown as SchemaShape;
    const input = await this.inputFor(shape, change);
    try {
      await this.send({ query: mutationDocument(shape, change.model, change.operation), variables: { input } });
      return { status: 'sent' };
    } catch (error: unknown) {
      const first = firstError(error);
      if (first?.errorType === 'ConflictUnhandled' && first.data) {
        return { status: 'conflict', theirs: userFields(first.data) };
      }
      const message = first?.message ?? (error instanceof Error ? error.message : String(error));
      return {
        status: 'failed',
        reason: isNetworkFailure(message)
          ? 'Still cannot reach the sync server. Your version stays here; try again when you have signal.'
          : `The server refused the ${mutationName(change.model, change.operation)} (${message}).`,
      };
    }
  }

  private async inputFor(shape: SchemaShape, change: ChangeToReview): Promise<Record<string, unknown>> {
    const id = change.recordId;
    const _version = await this.records.version(change.model, id);
    if (change.operation === 'delete') return { id, _version };
    if (change.operation === 'create') {
      const current = (await this.records.current(change.model, id)) ?? {};
      return { id, ...writableFields(shape, change.model, { ...current, ...change.mine }) };
    }
    return { id, _version, ...writableFields(shape, change.model, change.mine) };
  }
}

function firstError(error: unknown): GraphqlErrorShape | undefined {
  const errors = (error as { errors?: readonly GraphqlErrorShape[] } | null)?.errors;
  return errors?.[0];
}
