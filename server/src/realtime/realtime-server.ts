import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

import { type WebSocket, WebSocketServer } from 'ws';

import type { Caller } from '../auth/caller.ts';
import { plainErrorBody } from '../graphql/errors.ts';
import { describeError, log } from '../log.ts';
import type { ChangeEvent } from '../store/change-event.ts';
import { credentialsFromUpgrade } from './protocol.ts';
import { RealtimeConnection } from './realtime-connection.ts';
import type { RealtimeOptions } from './realtime-options.ts';
import { EventRenderer } from './subscription.ts';

/** AppSync's real-time endpoint (`/graphql/realtime`), sharing the HTTP server's port. */
export class RealtimeServer {
  private readonly wss: WebSocketServer;
  private readonly connections = new Set<RealtimeConnection>();

  constructor(private readonly options: RealtimeOptions) {
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: options.limits.maxFrameBytes,
      // Browsers reject a handshake that selects no offered subprotocol; AppSync selects graphql-ws.
      handleProtocols: (protocols) => (protocols.has('graphql-ws') ? 'graphql-ws' : false),
    });
  }

  async handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    if (this.connections.size >= this.options.limits.maxSockets) {
      const body = JSON.stringify(plainErrorBody('LimitExceededException', 'Too many real-time connections.'));
      socket.end(
        `HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
      );
      return;
    }
    // A refused caller still gets its socket, to be told so in AppSync's connection_error.
    let caller: Caller | null;
    try {
      caller = await this.options.authenticate(
        credentialsFromUpgrade(request.url ?? '', request.headers['sec-websocket-protocol']),
      );
    } catch (error) {
      log('error', 'real-time credentials could not be checked', describeError(error));
      socket.destroy();
      return;
    }
    if (socket.destroyed) return;
    this.wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      const connection = new RealtimeConnection(ws, this.options, caller);
      this.connections.add(connection);
      ws.on('close', () => {
        connection.dispose();
        this.connections.delete(connection);
      });
    });
  }

  publish(event: ChangeEvent): void {
    const shown = this.options.authorizer.displayed(event.model, event.record);
    const renderer = new EventRenderer(this.options.schema, this.options.fieldResolver, event, shown);
    for (const connection of this.connections) connection.deliver(renderer);
  }

  close(): void {
    for (const connection of this.connections) connection.terminate();
    this.wss.close();
  }

  /** For a graceful stop: sockets are told the server restarts, so clients come back. */
  closeForRestart(): void {
    for (const connection of this.connections) connection.closeForRestart();
    this.wss.close();
  }
}
