import type { WebSocket } from 'ws';

import type { Caller } from '../auth/caller.ts';
import { variablesProblem } from '../graphql/document-limits.ts';
import { AppSyncError, plainErrorBody, UNAUTHORIZED } from '../graphql/errors.ts';
import { parseDocument } from '../graphql/execute-request.ts';
import { REALTIME_CONNECTION_TIMEOUT_MS, REALTIME_KEEP_ALIVE_MS } from '../limits.ts';
import { describeError, log } from '../log.ts';
import { CloseCode } from './close-codes.ts';
import { filterLimitProblem } from './filter-limits.ts';
import { type ClientMessage, clientMessageSchema, errorMessage, presentedIn, startDataSchema } from './protocol.ts';
import type { RealtimeOptions } from './realtime-options.ts';
import { type EventRenderer, prepareSubscription, type Subscription } from './subscription.ts';

/** One client socket: its handshake state, keep-alive timer and subscriptions by client id. */
export class RealtimeConnection {
  private readonly subscriptions = new Map<string, Subscription>();
  private keepAlive: NodeJS.Timeout | undefined;
  private readonly initTimer: NodeJS.Timeout;
  private initialised = false;
  // Data frames for one socket leave in commit order even if rendering one of them is async.
  private sending: Promise<void> = Promise.resolve();
  /** Deliveries waiting on an async rendering; while none are, a ready payload goes out at once. */
  private queued = 0;
  private inbox: Promise<void> = Promise.resolve();

  constructor(
    private readonly ws: WebSocket,
    private readonly options: RealtimeOptions,
    /** Who the socket was opened for; null when its credentials were refused. */
    private readonly caller: Caller | null,
  ) {
    ws.on('message', (data, isBinary) => {
      // Checking a start's credentials may wait; messages are still handled in the order they came.
      this.inbox = this.inbox
        .then(() => this.receive(isBinary ? '' : String(data)))
        .catch((error: unknown) => {
          // Thrown from a socket listener it would take the whole server down.
          log('error', 'real-time message failed', describeError(error));
          this.send(errorMessage('InternalFailure', 'An internal failure occurred while handling this message.'));
        });
    });
    ws.on('error', () => ws.terminate());
    this.initTimer = setTimeout(() => {
      if (!this.initialised) ws.close(CloseCode.connectionInitTimeout, 'connection_init timeout');
    }, options.limits.connectionInitTimeoutMs).unref();
  }

  private send(message: unknown): void {
    if (this.ws.readyState === this.ws.OPEN) this.ws.send(JSON.stringify(message));
  }

  private async receive(text: string): Promise<void> {
    let parsed: ClientMessage;
    try {
      const result = clientMessageSchema.safeParse(JSON.parse(text));
      if (!result.success) throw new Error(result.error.message);
      parsed = result.data;
    } catch {
      this.send(errorMessage('UnsupportedOperation', 'The message is not a valid real-time protocol message.'));
      return;
    }
    if (parsed.type === 'connection_init') this.init();
    else if (!this.initialised) this.send(errorMessage('BadRequestException', 'connection_init must come first.'));
    else if (parsed.type === 'start') await this.start(parsed);
    else this.stop(parsed.id);
  }

  private init(): void {
    if (!this.caller) {
      this.send({ type: 'connection_error', payload: plainErrorBody(...UNAUTHORIZED, 401) });
      setTimeout(() => this.ws.close(CloseCode.normal), 50).unref();
      return;
    }
    this.initialised = true;
    clearTimeout(this.initTimer);
    this.send({ type: 'connection_ack', payload: { connectionTimeoutMs: REALTIME_CONNECTION_TIMEOUT_MS } });
    // A prompt ka keeps ≥ 6.12.3 clients from judging a fresh socket by a stale activity timestamp.
    this.send({ type: 'ka' });
    clearInterval(this.keepAlive);
    this.keepAlive = setInterval(() => this.send({ type: 'ka' }), REALTIME_KEEP_ALIVE_MS);
    this.keepAlive.unref();
  }

  private async start(message: Extract<ClientMessage, { type: 'start' }>): Promise<void> {
    const { id, payload } = message;
    const caller = await this.options.authenticate(presentedIn(payload.extensions?.authorization));
    if (!caller) {
      this.send(errorMessage('Unauthorized', 'Not Authorized to access this subscription.', id));
      return;
    }
    if (!this.subscriptions.has(id) && this.subscriptions.size >= this.options.limits.maxSubscriptionsPerSocket) {
      const max = this.options.limits.maxSubscriptionsPerSocket;
      this.send(errorMessage('MaxSubscriptionsReachedError', `Max number of ${max} subscriptions reached.`, id));
      return;
    }
    let data;
    try {
      data = startDataSchema.parse(JSON.parse(payload.data));
    } catch {
      this.send(errorMessage('BadRequestException', 'payload.data must be a JSON string with a query.', id));
      return;
    }
    const tooDeep = variablesProblem(data.variables, this.options.limits);
    if (tooDeep) {
      this.send(errorMessage('ValidationError', tooDeep, id));
      return;
    }
    const document = parseDocument(this.options.schema, data.query, this.options.limits);
    if (Array.isArray(document)) {
      this.send({ type: 'error', id, payload: { errors: document } });
      return;
    }
    const subscription = prepareSubscription(this.options.schema, document, data.variables ?? {});
    if (typeof subscription === 'string') {
      this.send(errorMessage('ValidationError', subscription, id));
      return;
    }
    // Owner and dynamic group rules narrow the subscription to the caller's records, or refuse it.
    const scope = this.options.authorizer.subscriptionScope(caller, subscription.fieldName, subscription);
    if (scope instanceof AppSyncError) {
      this.send(errorMessage(scope.errorType, scope.message, id));
      return;
    }
    const overLimit = filterLimitProblem(scope.filter);
    if (overLimit) {
      // AppSync's own shape for it: an error code, no error type.
      this.send({ type: 'error', id, payload: { errors: [{ message: overLimit, errorCode: 400 }] } });
      return;
    }
    this.subscriptions.set(id, { ...subscription, filter: scope.filter });
    this.send({ type: 'start_ack', id });
  }

  private stop(id: string): void {
    if (!this.subscriptions.delete(id)) {
      this.send(errorMessage('UnknownOperationError', `No subscription with id ${id}.`, id));
      return;
    }
    this.send({ type: 'complete', id });
  }

  deliver(renderer: EventRenderer): void {
    for (const [id, subscription] of this.subscriptions) {
      const payload = renderer.render(subscription);
      if (payload === undefined) continue;
      if (typeof payload === 'string' && this.queued === 0) {
        this.sendData(id, payload);
        continue;
      }
      this.queued++;
      this.sending = this.sending
        .then(async () => {
          const json = await payload;
          if (json !== undefined) this.sendData(id, json);
        })
        .catch((error: unknown) => log('error', 'subscription delivery failed', describeError(error)))
        .finally(() => this.queued--);
    }
  }

  /** The same bytes as JSON.stringify({ type: 'data', id, payload }), with the payload's JSON shared. */
  private sendData(id: string, payloadJson: string): void {
    if (this.ws.readyState === this.ws.OPEN)
      this.ws.send(`{"type":"data","id":${JSON.stringify(id)},"payload":${payloadJson}}`);
  }

  dispose(): void {
    clearInterval(this.keepAlive);
    clearTimeout(this.initTimer);
    this.subscriptions.clear();
  }

  terminate(): void {
    this.dispose();
    this.ws.terminate();
  }

  /** Closes with 1012 (service restart): clients reconnect, then catch up with a delta sync. */
  closeForRestart(): void {
    this.dispose();
    this.ws.close(CloseCode.serviceRestart, 'server restarting');
  }
}
