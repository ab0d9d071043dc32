import type { IncomingMessage, ServerResponse } from 'node:http';

import type { S3Error } from './s3-error.ts';
import { xmlDocument, type XmlElement } from './xml.ts';

export function requestIdOf(response: ServerResponse): string {
  return String(response.getHeader('x-amzn-RequestId') ?? '');
}

export function sendXml(
  response: ServerResponse,
  status: number,
  root: string,
  content: XmlElement,
  headers: Record<string, string> = {},
  namespaced = true,
): void {
  response.writeHead(status, { 'content-type': 'application/xml', ...headers });
  response.end(xmlDocument(root, content, namespaced));
}

/** S3's error document; HEAD answers carry no body, as on S3. */
export function sendS3Error(
  request: IncomingMessage,
  response: ServerResponse,
  error: S3Error,
  resource: string,
): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const requestId = requestIdOf(response);
  // A body the server stopped reading leaves the connection in an unknown state.
  const headers: Record<string, string> = request.complete ? {} : { connection: 'close' };
  if (request.method === 'HEAD') {
    response.writeHead(error.status, headers).end();
    return;
  }
  sendXml(
    response,
    error.status,
    'Error',
    { Code: error.code, Message: error.message, Resource: resource, RequestId: requestId },
    headers,
    false,
  );
}
