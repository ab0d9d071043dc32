import { installStorageBypass } from './storage-bypass';

class RecordingRequest {
  readonly headers: Record<string, string> = {};
  url = '';
  open(_method: string, url: string): void {
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
}

function fakeScope() {
  const sent: { url: string; headers: Headers }[] = [];
  const scope = {
    fetch: ((input: RequestInfo | URL, init?: RequestInit) => {
      sent.push({ url: input.toString(), headers: new Headers(init?.headers) });
      return Promise.resolve(new Response('ok'));
    }) as typeof fetch,
    XMLHttpRequest: RecordingRequest as unknown as { prototype: XMLHttpRequest },
  };
  return { scope, sent };
}

const PREFIXES = ['http://localhost:20002/s3/', 'http://localhost:20002/cognito-identity'];

describe('installStorageBypass', () => {
  it('sends storage and identity requests past the service worker, keeping their own headers', async () => {
    const { scope, sent } = fakeScope();
    installStorageBypass(scope, PREFIXES);

    await scope.fetch('http://localhost:20002/cognito-identity', {
      method: 'POST',
      headers: { 'X-Amz-Target': 'AWSCognitoIdentityService.GetId' },
    });
    await scope.fetch('http://localhost:20002/s3/photos/public/a.jpg', { method: 'HEAD' });

    expect(sent.map(({ headers }) => headers.get('ngsw-bypass'))).toEqual(['true', 'true']);
    expect(sent[0]?.headers.get('X-Amz-Target')).toBe('AWSCognitoIdentityService.GetId');
  });

  it('marks photo transfers made with XMLHttpRequest', () => {
    const { scope } = fakeScope();
    installStorageBypass(scope, PREFIXES);
    const upload = new (scope.XMLHttpRequest as unknown as typeof RecordingRequest)();
    upload.open('PUT', 'http://localhost:20002/s3/photos/public/a.jpg');
    expect(upload.headers['ngsw-bypass']).toBe('true');
  });

  it('leaves every other request alone', async () => {
    const { scope, sent } = fakeScope();
    installStorageBypass(scope, PREFIXES);
    await scope.fetch('http://localhost:20002/amplifyconfiguration.json');
    const other = new (scope.XMLHttpRequest as unknown as typeof RecordingRequest)();
    other.open('GET', 'https://example.org/s3/photo.jpg');
    expect(sent[0]?.headers.has('ngsw-bypass')).toBeFalse();
    expect(other.headers).toEqual({});
    expect(sent.length).toBe(1);
  });
});
