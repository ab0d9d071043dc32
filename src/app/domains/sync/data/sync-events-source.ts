import { inject, Injectable } from '@angular/core';
import { Hub } from 'aws-amplify/utils';
import { map, merge, Observable } from 'rxjs';

import { type SyncEvent } from '../util/sync-event';
import { SyncHandlers } from './sync-handlers';

interface HubPayload {
  readonly event: string;
  readonly data?: Record<string, unknown>;
}

/** DataStore's Hub channel plus its error/conflict handlers, as one stream of typed events. */
@Injectable({ providedIn: 'root' })
export class SyncEventsSource {
  private readonly handlers = inject(SyncHandlers);

  events(): Observable<SyncEvent> {
    const hub = new Observable<SyncEvent>((subscriber) =>
      Hub.listen('datastore', ({ payload }) => {
        const event = toSyncEvent(payload as HubPayload, Date.now());
        if (event) subscriber.next(event);
      }),
    );
    const connection = new Observable<SyncEvent>((subscriber) =>
      Hub.listen('api', ({ payload }) => {
        const event = toConnectionEvent(payload as HubPayload);
        if (event) subscriber.next(event);
      }),
    );
    return merge(
      hub,
      connection,
      this.handlers.problems.pipe(map((problem): SyncEvent => ({ type: 'problem', problem }))),
    );
  }
}

/** Maps one DataStore Hub payload (see @aws-amplify/datastore sync/index.mjs) to a SyncEvent. */
export function toSyncEvent({ event, data }: HubPayload, now: number): SyncEvent | undefined {
  switch (event) {
    case 'networkStatus':
      return { type: 'network', online: data?.['active'] === true };
    case 'outboxStatus':
      return { type: 'outboxStatus', isEmpty: data?.['isEmpty'] === true };
    case 'outboxMutationEnqueued':
      return { type: 'enqueued', model: modelName(data?.['model']), id: recordId(data?.['element']) };
    case 'outboxMutationProcessed':
      return { type: 'processed', model: modelName(data?.['model']), id: recordId(data?.['element']), at: now };
    case 'subscriptionsEstablished':
      return { type: 'subscriptionsEstablished' };
    case 'syncQueriesStarted':
      return { type: 'syncStarted', models: (data?.['models'] as string[] | undefined) ?? [] };
    case 'modelSynced': {
      const counts = data?.['counts'] as { new: number; updated: number; deleted: number } | undefined;
      return {
        type: 'modelSynced',
        model: modelName(data?.['model']),
        at: now,
        isFullSync: data?.['isFullSync'] === true,
        counts: counts ?? { new: 0, updated: 0, deleted: 0 },
      };
    }
    case 'syncQueriesReady':
      return { type: 'syncReady' };
    case 'ready':
      return { type: 'ready' };
    default:
      return undefined;
  }
}

/**
 * The real-time socket's state (Amplify's API category, ConnectionStateChange) as far as it tells
 * whether the sync server can be reached. DataStore retries an unreachable server without a word;
 * its socket reports `ConnectionDisrupted` within seconds while the network is up.
 */
export function toConnectionEvent({ event, data }: HubPayload): SyncEvent | undefined {
  if (event !== 'ConnectionStateChange') return undefined;
  const state = data?.['connectionState'];
  if (state === 'Connected') return { type: 'serverReachable', reachable: true };
  if (state === 'ConnectionDisrupted') return { type: 'serverReachable', reachable: false };
  return undefined;
}

/** DataStore passes the model class itself; its `name` is the schema's model name. */
function modelName(model: unknown): string {
  if (typeof model === 'function') return model.name;
  return typeof model === 'string' ? model : 'unknown';
}

function recordId(element: unknown): string {
  const id = (element as { id?: unknown } | undefined)?.id;
  return typeof id === 'string' ? id : '';
}
