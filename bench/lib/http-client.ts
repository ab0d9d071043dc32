import { Agent, request } from 'node:http';

import type { BenchServer } from './accounts.ts';
import type { GraphQLResult } from './server.ts';

/**
 * One device's connection to the server: POST /graphql on one kept-alive socket, as an app holds
 * one to its API, each request with the signed-in user's access token. Plain `node:http`: the same request for the server as `fetch` sends, for about a
 * quarter of the client's CPU (undici's fetch cost ~0.9 ms of CPU per request on 2 vCPUs, more
 * than the server spent on a small request), which the benchmark must not take from the server.
 */
export class GraphQLConnection {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  private readonly url: URL;
  private readonly authorization: string;

  constructor(server: BenchServer) {
    this.url = new URL('/graphql', server.url);
    this.authorization = server.authorization;
  }

  post(query: string, variables: Record<string, unknown>): Promise<GraphQLResult> {
    const body = JSON.stringify({ query, variables });
    return new Promise((resolve, reject) => {
      const outgoing = request(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          headers: {
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
            authorization: this.authorization,
          },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            try {
              resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphQLResult);
            } catch (error) {
              reject(error as Error);
            }
          });
          response.on('error', reject);
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
