import { type SyncError } from '@aws-amplify/datastore';

/**
 * What DataStore's errorHandler receives when AppSync refuses the change being sent for the
 * person's permissions (`@auth`): no values, the NonRetryableError it raised as the cause.
 */
export function refusedForPermission(model: string): SyncError<object> {
  const cause = Object.assign(new Error('Unauthorized'), { nonRetryable: true });
  return {
    localModel: null as never,
    remoteModel: null as never,
    message: 'Unauthorized',
    model,
    operation: undefined as never,
    errorType: 'Unauthorized',
    process: 'sync' as never,
    cause: cause as never,
  };
}
