import { SERVICE_WORKER_BYPASS } from './service-worker-bypass';

type Fetch = typeof fetch;

interface BypassScope {
  fetch: Fetch;
  XMLHttpRequest: { prototype: XMLHttpRequest };
}

const INSTALLED = Symbol('fieldbook.storageBypass');

/**
 * Sends photo transfers and guest-credential requests to a backend on the page's own origin past
 * the service worker. Offline, the Angular worker answers a request it forwarded with an empty 504,
 * which Amplify reports as a server error, not as being offline, so the upload queue could not
 * tell "no signal" from "the server refused". Amplify Storage moves bytes with XMLHttpRequest and
 * calls Cognito with fetch; neither takes extra headers, so both are wrapped here, for the given
 * URL prefixes only. The header is added after Amplify signs the request; servers check only
 * signed headers.
 */
export function installStorageBypass(scope: BypassScope, prefixes: readonly string[]): void {
  const bypassed = (url: string | URL): boolean => prefixes.some((prefix) => url.toString().startsWith(prefix));
  const marked = scope as BypassScope & { [INSTALLED]?: boolean };
  if (prefixes.length === 0 || marked[INSTALLED]) return;
  marked[INSTALLED] = true;

  const nativeFetch = scope.fetch.bind(scope);
  scope.fetch = (input, init) => {
    const url = input instanceof Request ? input.url : input;
    if (!bypassed(url)) return nativeFetch(input, init);
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    for (const [name, value] of Object.entries(SERVICE_WORKER_BYPASS)) headers.set(name, value);
    return nativeFetch(input, { ...init, headers });
  };

  const prototype = scope.XMLHttpRequest.prototype;
  const nativeOpen = prototype.open as (this: XMLHttpRequest, ...args: unknown[]) => void;
  prototype.open = function (this: XMLHttpRequest, ...args: unknown[]) {
    nativeOpen.apply(this, args);
    const url = args[1];
    if ((typeof url === 'string' || url instanceof URL) && bypassed(url)) {
      for (const [name, value] of Object.entries(SERVICE_WORKER_BYPASS)) this.setRequestHeader(name, value);
    }
  } as XMLHttpRequest['open'];
}
