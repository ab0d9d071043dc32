import { createServer, type IncomingMessage, request as httpRequest, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';

/**
 * An HTTP proxy between a device and the server that can refuse the device's writes: while
 * closed, a GraphQL mutation loses its connection (the device sees a network error and keeps it
 * queued) while reads, the realtime socket and app updates pass. It models a server that is
 * reachable for some requests but not others, which is how a queued change meets an app update.
 */
export class WriteGate {
  closed = false;
  /** When set, a GraphQL mutation (its request body) reaches the server only once the promise it returns settles. */
  holdMutation: ((body: string) => Promise<void> | undefined) | undefined;
  /** Every request passed on, as "METHOD /path?query". */
  readonly passed: string[] = [];
  /**
   * When set, the server's answer to a request it matches waits for the promise it returns: the
   * server has done the work, the device does not know yet (a reload then loses the answer).
   */
  holdAnswer: ((request: string) => Promise<void> | undefined) | undefined;
  /** When set, a request it matches reaches the server only once the promise it returns settles. */
  holdRequest: ((request: string) => Promise<void> | undefined) | undefined;
  /** When set, a request it matches loses its connection, as on a link that drops. */
  dropRequest: ((request: string) => boolean) | undefined;
  port = 0;
  private readonly server = createServer((incoming, outgoing) => this.forward(incoming, outgoing));

  private constructor(private readonly upstreamPort: number) {
    this.server.on('upgrade', (incoming: IncomingMessage, socket: Socket, head: Buffer) =>
      this.tunnel(incoming, socket, head),
    );
  }

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  static async start(upstreamPort: number): Promise<WriteGate> {
    const gate = new WriteGate(upstreamPort);
    await new Promise<void>((resolve) => gate.server.listen(0, '127.0.0.1', resolve));
    const address = gate.server.address();
    gate.port = typeof address === 'object' && address ? address.port : 0;
    return gate;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(incoming: IncomingMessage, outgoing: ServerResponse): void {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const isMutation = incoming.url?.startsWith('/graphql') === true && body.includes('mutation');
      if ((this.closed && isMutation) || this.dropRequest?.(`${incoming.method} ${incoming.url}`)) {
        incoming.socket.destroy();
        return;
      }
      const held =
        (isMutation ? this.holdMutation?.(body.toString()) : undefined) ??
        this.holdRequest?.(`${incoming.method} ${incoming.url}`);
      if (held) void held.then(() => this.pass(incoming, outgoing, body));
      else this.pass(incoming, outgoing, body);
    });
  }

  private pass(incoming: IncomingMessage, outgoing: ServerResponse, body: Buffer): void {
    const { method, url: path, headers } = incoming;
    const request = `${method} ${path}`;
    this.passed.push(request);
    const upstream = httpRequest({ host: '127.0.0.1', port: this.upstreamPort, path, method, headers }, (response) => {
      const answer = () => {
        outgoing.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(outgoing);
      };
      const held = this.holdAnswer?.(request);
      if (held) void held.then(answer, answer);
      else answer();
    });
    upstream.on('error', () => incoming.socket.destroy());
    upstream.end(body);
  }

  private tunnel(incoming: IncomingMessage, socket: Socket, head: Buffer): void {
    const upstream = connect(this.upstreamPort, '127.0.0.1', () => {
      const headers = Object.entries(incoming.headers).map(([name, value]) => `${name}: ${String(value)}`);
      upstream.write(`${incoming.method} ${incoming.url} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  }
}
