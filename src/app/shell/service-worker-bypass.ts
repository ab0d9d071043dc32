/**
 * Keeps the service worker out of requests to a backend on the page's own origin. When the server
 * is unreachable the Angular worker answers a fetch it forwarded with a 504 instead of a network
 * error, and DataStore drops a queued mutation on a 504 but keeps it on a network error.
 * `ngsw-bypass` makes the browser send the request itself, so an outage looks like one.
 */
export const SERVICE_WORKER_BYPASS = { 'ngsw-bypass': 'true' } as const;
