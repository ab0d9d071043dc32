/** Angular's service worker, as the build writes it beside index.html. */
export const SERVICE_WORKER_SCRIPT = 'ngsw-worker.js';
