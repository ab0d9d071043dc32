import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A loopback TCP proxy in front of the server for one client. The test cuts and restores the
 * client's network: `cut()` kills every open connection (HTTP mid-request, the realtime socket) and
 * refuses new ones until `restore()`, while the client's DataStore still believes it is online.
 * `blackhole()` lets requests reach the server but swallows its answers before cutting, so the
 * server commits a write the client never hears about.
 */
export class LoopbackProxy {
  private readonly server: Server;
  private readonly pairs = new Set<[Socket, Socket]>();
  private refusing = false;
  private swallowing = false;
  port = 0;

  constructor(public upstreamPort: number) {
    this.server = createServer((client) => this.accept(client));
  }

  static async start(upstreamPort: number): Promise<LoopbackProxy> {
    const proxy = new LoopbackProxy(upstreamPort);
    await new Promise<void>((resolve) => proxy.server.listen(0, '127.0.0.1', resolve));
    const address = proxy.server.address();
    proxy.port = typeof address === 'object' && address ? address.port : 0;
    return proxy;
  }

  get isCut(): boolean {
    return this.refusing;
  }

  private accept(client: Socket): void {
    if (this.refusing) {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection({ host: '127.0.0.1', port: this.upstreamPort });
    const pair: [Socket, Socket] = [client, upstream];
    this.pairs.add(pair);
    const close = () => {
      this.pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('data', (chunk) => upstream.write(chunk));
    upstream.on('data', (chunk) => {
      if (!this.swallowing) client.write(chunk);
    });
    for (const socket of pair) {
      socket.on('error', close);
      socket.on('close', close);
    }
  }

  /** Kills every connection and refuses new ones. */
  cut(): void {
    this.refusing = true;
    this.swallowing = false;
    for (const [client, upstream] of this.pairs) {
      client.resetAndDestroy();
      upstream.destroy();
    }
    this.pairs.clear();
  }

  /** Requests still reach the server, but no answer reaches the client; then cut after `ms`. */
  async blackhole(ms: number): Promise<void> {
    this.swallowing = true;
    await new Promise((resolve) => setTimeout(resolve, ms));
    this.cut();
  }

  restore(): void {
    this.refusing = false;
    this.swallowing = false;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
