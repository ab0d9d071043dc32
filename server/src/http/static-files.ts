import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

// The service worker decides about updates from these; a cached copy would pin an old app.
const ALWAYS_FRESH = new Set(['index.html', 'ngsw.json', 'ngsw-worker.js', 'safety-worker.js', 'worker-basic.min.js']);
const HASHED = /[.-][0-9A-Z]{8,}\.(js|css|woff2?)$/i;

function sendFile(response: ServerResponse, path: string, name: string, method: string): void {
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(path)] ?? 'application/octet-stream',
    'content-length': statSync(path).size,
    'cache-control': ALWAYS_FRESH.has(name) || !HASHED.test(name) ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  if (method === 'HEAD') response.end();
  else createReadStream(path).pipe(response);
}

/** Serves the production build with an SPA fallback to index.html for app routes. */
export function serveStatic(staticDir: string, request: IncomingMessage, response: ServerResponse): void {
  const method = request.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    response.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const index = join(staticDir, 'index.html');
  if (!existsSync(index)) {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    response.end(
      'The app is not built. Run `npm run build` (or `npm start`), then reload. /graphql is being served.\n',
    );
    return;
  }
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://local').pathname);
  } catch {
    response.writeHead(400).end();
    return;
  }
  const candidate = normalize(join(staticDir, pathname));
  if (!candidate.startsWith(staticDir.endsWith(sep) ? staticDir : staticDir + sep) && candidate !== staticDir) {
    response.writeHead(404).end();
    return;
  }
  if (existsSync(candidate) && statSync(candidate).isFile()) {
    sendFile(response, candidate, pathname.split('/').pop() ?? '', method);
  } else if (extname(pathname) === '') {
    sendFile(response, index, 'index.html', method);
  } else {
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found\n');
  }
}
