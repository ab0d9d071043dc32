import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface LinkProfile {
  readonly downBitsPerSecond: number;
  readonly upBitsPerSecond: number;
  readonly roundTripMs: number;
}

/** Chromium's "Fast 3G" preset, as issue 30 names it. */
export const FAST_3G: LinkProfile = { downBitsPerSecond: 1_600_000, upBitsPerSecond: 750_000, roundTripMs: 150 };

/**
 * One direction of a slow link shared by every connection: bytes leave in order at the link's rate
 * and arrive half a round trip later. A FIFO with one timer, so no chunk overtakes another.
 */
class Direction {
  private freeAt = 0;
  private readonly queue: { due: number; to: Socket; chunk: Buffer | null }[] = [];
  private timer: NodeJS.Timeout | undefined;
  bytes = 0;

  constructor(
    private readonly bitsPerSecond: number,
    private readonly delayMs: number,
  ) {}

  /** `null` ends the connection once everything before it has arrived. */
  send(to: Socket, chunk: Buffer | null): void {
    const size = chunk?.length ?? 0;
    const now = performance.now();
    this.freeAt = Math.max(now, this.freeAt) + (size * 8 * 1000) / this.bitsPerSecond;
    this.queue.push({ due: this.freeAt + this.delayMs, to, chunk });
    this.bytes += size;
    this.pump();
  }

  private pump(): void {
    if (this.timer) return;
    const head = this.queue[0];
    if (!head) return;
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        const now = performance.now();
        while (this.queue[0] && this.queue[0].due <= now + 1) {
          const { to, chunk } = this.queue.shift() as (typeof this.queue)[number];
          if (to.destroyed) continue;
          if (chunk) to.write(chunk);
          else to.end();
        }
        this.pump();
      },
      Math.max(0, head.due - performance.now()),
    );
  }
}

/**
 * A TCP proxy in front of the server that behaves as a slow mobile link for everything the browser
 * sends through it: the page's requests, the service worker's, DataStore's sync and its socket.
 * Chromium's own throttling (`Network.emulateNetworkConditions`) applies to the target it is sent
 * to, and the service worker, which stores the app, is a target of its own.
 */
export class ShapedLink {
  private readonly server: Server;
  private readonly down: Direction;
  private readonly up: Direction;
  private readonly sockets = new Set<Socket>();
  port = 0;

  private constructor(
    private readonly upstreamPort: number,
    profile: LinkProfile,
  ) {
    this.down = new Direction(profile.downBitsPerSecond, profile.roundTripMs / 2);
    this.up = new Direction(profile.upBitsPerSecond, profile.roundTripMs / 2);
    this.server = createServer((client) => this.accept(client));
  }

  static async start(upstreamPort: number, profile: LinkProfile = FAST_3G): Promise<ShapedLink> {
    const link = new ShapedLink(upstreamPort, profile);
    await new Promise<void>((resolve) => link.server.listen(0, '127.0.0.1', resolve));
    const address = link.server.address();
    link.port = typeof address === 'object' && address ? address.port : 0;
    return link;
  }

  get url(): string {
    return `http://localhost:${this.port}`;
  }

  /** Bytes sent to the browser so far (headers included). */
  get bytesDown(): number {
    return this.down.bytes;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    const upstream = createConnection({ host: '127.0.0.1', port: this.upstreamPort });
    for (const socket of [client, upstream]) {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk: Buffer) => this.up.send(upstream, chunk));
    upstream.on('data', (chunk: Buffer) => this.down.send(client, chunk));
    client.on('end', () => this.up.send(upstream, null));
    upstream.on('end', () => this.down.send(client, null));
    client.on('close', () => upstream.destroy());
  }
}
