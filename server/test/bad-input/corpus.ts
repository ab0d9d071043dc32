import {
  getNamedType,
  getNullableType,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  GraphQLList,
  type GraphQLSchema,
} from 'graphql';

/** What a malformed request must get: an AppSync-shaped error with this status, or a refusal/close. */
export type HttpExpect = { status: number; errorType: RegExp } | { refused: true };

export interface HttpCase {
  kind: 'http';
  name: string;
  method?: string;
  /** Merged over a valid token; null leaves a header out. */
  headers?: Record<string, string | null>;
  body?: string;
  expect: HttpExpect;
}

/** Bytes written straight to a TCP socket, for what fetch will not send (lying lengths, trickles). */
export interface RawCase {
  kind: 'raw';
  name: string;
  chunks: string[];
  /** Pause between chunks, for clients that trickle bytes. */
  delayMs?: number;
  /** The socket must be closed by the server within this. */
  closedWithinMs: number;
  /** The status line the server answers with, if any. */
  status?: RegExp;
}

export interface WsCase {
  kind: 'ws';
  name: string;
  protocols?: string[];
  query?: string;
  /** Whether a valid connection_init goes first. */
  init: boolean;
  frames: (string | Buffer)[];
  expect: { errorType: RegExp; count?: number } | { connectionError: true } | { close: number } | { refused: true };
}

export type Case = HttpCase | RawCase | WsCase;

/** Deterministic pseudo-random numbers (mulberry32), so a failure names a reproducible case. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JSON_TYPE = { 'content-type': 'application/json' };
const MALFORMED = { status: 400, errorType: /^MalformedHttpRequestException$/ };
const VALIDATION = { status: 400, errorType: /^ValidationError$/ };
/** Variable coercion failures come back from execution: HTTP 200, like AppSync. */
const REJECTED_VARIABLES = { status: 200, errorType: /^(ValidationError|InternalFailure)$/ };

function post(name: string, body: unknown, expect: HttpExpect, headers: Record<string, string | null> = {}): HttpCase {
  return {
    kind: 'http',
    name,
    method: 'POST',
    headers: { ...JSON_TYPE, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
    expect,
  };
}

/** Every proper prefix of a valid create request: none is JSON, none may write. */
function truncations(): HttpCase[] {
  const valid = JSON.stringify({
    query: 'mutation operation($input: CreateSiteInput!) { createSite(input: $input) { id name _version } }',
    variables: { input: { id: 'truncated', name: 'Must not exist' } },
  });
  const cuts = new Set<number>();
  for (let cut = 1; cut < valid.length; cut += Math.max(1, Math.floor(valid.length / 60))) cuts.add(cut);
  cuts.add(valid.length - 1);
  return [...cuts].map((cut) => post(`truncated JSON at ${cut}/${valid.length}`, valid.slice(0, cut), MALFORMED));
}

/** A value of the wrong type for an input field of type `type`. */
function wrongValue(type: GraphQLInputType, random: () => number): unknown {
  const named = getNamedType(type).name;
  if (getNullableType(type) instanceof GraphQLList) return [{ not: 'an item' }, random()];
  if (named === 'Int') return 'not a number';
  if (named === 'Float') return { value: 1 };
  if (named === 'Boolean') return 'yes';
  if (named === 'ID') return random() < 0.5 ? { id: 'x' } : true;
  if (named.endsWith('Input')) return 'not an object';
  if (named === 'AWSDate' || named === 'AWSDateTime') return '31/12/2026 not a date';
  if (named === 'AWSTimestamp') return 'yesterday';
  if (named === 'JobStatus' || named === 'JobPriority') return 'NOT_A_VALUE';
  return random() < 0.5 ? 12.5 : { nested: ['value'] };
}

/** A wrong-typed value for each field of each model's create and update input; the rest is valid. */
function wrongTypes(schema: GraphQLSchema, random: () => number): HttpCase[] {
  const valid: Record<string, Record<string, unknown>> = {
    Site: { name: 'Site' },
    Job: { siteID: 'site-1', title: 'Job', status: 'OPEN', priority: 'LOW' },
    FieldNote: { jobID: 'job-1', body: 'Note', observedAt: '2026-01-01T00:00:00.000Z' },
  };
  const cases: HttpCase[] = [];
  for (const [model, required] of Object.entries(valid)) {
    for (const action of ['create', 'update'] as const) {
      const inputName = `${action === 'create' ? 'Create' : 'Update'}${model}Input`;
      const input = schema.getType(inputName) as GraphQLInputObjectType;
      for (const field of Object.values(input.getFields())) {
        const variables = {
          input: { ...required, id: 'site-1', _version: 1, [field.name]: wrongValue(field.type, random) },
        };
        const query = `mutation operation($input: ${inputName}!) { ${action}${model}(input: $input) { id _version } }`;
        cases.push(post(`${inputName}.${field.name} wrong type`, { query, variables }, REJECTED_VARIABLES));
      }
    }
  }
  return cases;
}

/** Random bytes and JSON fragments: whatever they are, the answer is a shaped 4xx. */
function garbage(random: () => number): HttpCase[] {
  const pieces = ['{', '}', '[', ']', '"', ':', ',', 'query', 'null', '\\u0000', '\u00ff', '1e999', ' ', 'mutation'];
  return Array.from({ length: 12 }, (_, i) => {
    let body = '';
    const length = 1 + Math.floor(random() * 40);
    for (let j = 0; j < length; j++) body += pieces[Math.floor(random() * pieces.length)];
    // A fragment that happens to be JSON is still not a {query} object.
    return post(`garbage #${i}: ${body.slice(0, 30)}`, body, {
      status: 400,
      errorType: /^MalformedHttpRequestException$/,
    });
  }).filter((c) => {
    try {
      const parsed: unknown = JSON.parse(c.body ?? '');
      return typeof parsed !== 'object' || parsed === null || !('query' in parsed);
    } catch {
      return true;
    }
  });
}

const GET_SITE = 'query operation($id: ID!) { getSite(id: $id) { id name _version } }';
const CREATE_SITE = 'mutation operation($input: CreateSiteInput!) { createSite(input: $input) { id _version } }';
const UPDATE_SITE = 'mutation operation($input: UpdateSiteInput!) { updateSite(input: $input) { id _version } }';

/** Requests whose parsing, validation or execution would cost seconds or overflow the stack. */
function costlyQueries(): HttpCase[] {
  const fields = (count: number, field: (i: number) => string) =>
    Array.from({ length: count }, (_, i) => field(i)).join(' ');
  let filter = '{ title: { eq: "x" } }';
  for (let i = 0; i < 3000; i++) filter = `{ and: [${filter}] }`;
  let variableFilter = '{ "title": { "eq": "x" } }';
  for (let i = 0; i < 3000; i++) variableFilter = `{ "or": [${variableFilter}] }`;
  const fragments = [
    'query { getSite(id: "site-1") { ...A } }',
    `fragment A on Site { ${fields(25, () => '...B')} }`,
    `fragment B on Site { ${fields(25, (i) => `f${i}: name`)} }`,
  ].join(' ');
  return [
    post(
      'filter nested 3,000 levels in the query',
      { query: `{ listJobs(filter: ${filter}) { items { id } } }` },
      VALIDATION,
    ),
    post(
      'filter nested 3,000 levels in variables',
      `{"query":"query Q($f: ModelJobFilterInput) { listJobs(filter: $f) { items { id } } }","variables":{"f":${variableFilter}}}`,
      VALIDATION,
    ),
    post('2,000 aliases', { query: `{ ${fields(2000, (i) => `a${i}: getSite(id: "site-1") { id }`)} }` }, VALIDATION),
    post(
      '1,100 aliased fields',
      { query: `{ getSite(id: "site-1") { ${fields(1100, (i) => `n${i}: name`)} } }` },
      VALIDATION,
    ),
    post('one field 300 times', { query: `{ ${fields(300, () => 'getSite(id: "site-1") { id }')} }` }, VALIDATION),
    post('fragments multiplying fields', { query: fragments }, VALIDATION),
    post(
      'over 10,000 tokens',
      { query: `{ getSite(id: "site-1") { id ${fields(6000, () => '__typename @skip(if: true)')} } }` },
      VALIDATION,
    ),
  ];
}

function handMadeHttp(maxBodyBytes: number, token: string): HttpCase[] {
  const huge = 'x'.repeat(2 * 1024 * 1024);
  const deepQuery = `query { ${'getSite(id: "site-1") { '.repeat(1)}${'site { '.repeat(10_000)}id${' }'.repeat(10_001)} }`;
  const deepJson = `{"query":${JSON.stringify(GET_SITE)},"variables":{"id":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
  const auth = { status: 401, errorType: /^UnauthorizedException$/ };
  const tooLarge = { status: 413, errorType: /^PayloadTooLargeException$/ };
  const media = { status: 415, errorType: /^UnsupportedMediaTypeException$/ };
  const notAllowed = { status: 405, errorType: /^MethodNotAllowed$/ };
  return [
    post('empty body', '', MALFORMED),
    post('JSON null', 'null', MALFORMED),
    post('JSON array', '[{"query":"{ listSites { items { id } } }"}]', MALFORMED),
    post('query is a number', { query: 42 }, MALFORMED),
    post('query is empty', { query: '' }, MALFORMED),
    post('variables is a list', { query: GET_SITE, variables: [1, 2] }, MALFORMED),
    post('variables is a string', { query: GET_SITE, variables: '{"id":"s"}' }, MALFORMED),
    post('operationName is an object', { query: GET_SITE, operationName: {} }, MALFORMED),
    post('UTF-8 garbage', '\u00ff\u00fe{"query"', MALFORMED),
    post('GraphQL syntax error', { query: 'query { getSite(id: ) { id }' }, MALFORMED),
    post('unknown query field', { query: '{ dropAllTables }' }, VALIDATION),
    post('unknown mutation', { query: 'mutation { deleteEverything(confirm: true) { id } }' }, VALIDATION),
    post('unknown field on a model', { query: '{ getSite(id: "site-1") { id password } }' }, VALIDATION),
    post('unknown argument', { query: '{ getSite(id: "site-1", sudo: true) { id } }' }, VALIDATION),
    post('missing required variable', { query: GET_SITE, variables: {} }, REJECTED_VARIABLES),
    post(
      'unknown operationName',
      { query: GET_SITE, variables: { id: 'site-1' }, operationName: 'other' },
      { status: 400, errorType: /^ValidationError$/ },
    ),
    post('two anonymous operations', { query: '{ getSite(id: "a") { id } } { getSite(id: "b") { id } }' }, VALIDATION),
    post(
      'subscription over HTTP',
      { query: 'subscription { onCreateSite { id } }' },
      { status: 400, errorType: /^UnsupportedOperation$/ },
    ),
    post(
      'deep query (10k levels)',
      { query: deepQuery },
      { status: 400, errorType: /^(ValidationError|MalformedHttpRequestException)$/ },
    ),
    post('deep JSON variables (10k levels)', deepJson, VALIDATION),
    ...costlyQueries(),
    post('deep JSON body (10k levels)', '['.repeat(10_000) + ']'.repeat(10_000), MALFORMED),
    post(
      '100k-item list of wrong-typed tags',
      {
        query: CREATE_SITE.replace('CreateSiteInput', 'CreateJobInput').replace('createSite', 'createJob'),
        variables: {
          input: {
            id: 'big',
            siteID: 's',
            title: 't',
            status: 'OPEN',
            priority: 'LOW',
            tags: Array.from({ length: 100_000 }, (_, i) => i),
          },
        },
      },
      REJECTED_VARIABLES,
    ),
    post(
      '100k-item variables list',
      { query: GET_SITE, variables: { id: Array.from({ length: 100_000 }, () => 'site-1') } },
      REJECTED_VARIABLES,
    ),
    post('2 MB query string', { query: `{ getSite(id: "${huge}") { id } }` }, tooLarge),
    post('2 MB variable', { query: GET_SITE, variables: { id: huge } }, tooLarge),
    post(
      '900 kB name in a create without its required field',
      { query: CREATE_SITE, variables: { input: { id: 'huge', notes: 'n'.repeat(900_000) } } },
      REJECTED_VARIABLES,
    ),
    post('body just over the limit', `{"query":"${' '.repeat(maxBodyBytes)}"}`, tooLarge),
    post(
      '_deleted written through a create',
      { query: CREATE_SITE, variables: { input: { id: 'meta', name: 'x', _deleted: true } } },
      REJECTED_VARIABLES,
    ),
    post(
      '_lastChangedAt written through a create',
      { query: CREATE_SITE, variables: { input: { id: 'meta', name: 'x', _lastChangedAt: 1 } } },
      REJECTED_VARIABLES,
    ),
    post(
      'createdAt written through a create',
      { query: CREATE_SITE, variables: { input: { id: 'meta', name: 'x', createdAt: '2000-01-01T00:00:00.000Z' } } },
      REJECTED_VARIABLES,
    ),
    post(
      'updatedAt written through an update',
      {
        query: UPDATE_SITE,
        variables: { input: { id: 'site-1', _version: 1, updatedAt: '2000-01-01T00:00:00.000Z' } },
      },
      REJECTED_VARIABLES,
    ),
    post(
      '_version ahead of the stored one',
      { query: UPDATE_SITE, variables: { input: { id: 'site-1', name: 'hijack', _version: 99 } } },
      { status: 200, errorType: /^ConflictUnhandled$/ },
    ),
    post(
      '_version behind the stored one',
      { query: UPDATE_SITE, variables: { input: { id: 'site-1', name: 'hijack', _version: 0 } } },
      { status: 200, errorType: /^ConflictUnhandled$/ },
    ),
    post(
      '_version as a string',
      { query: UPDATE_SITE, variables: { input: { id: 'site-1', _version: '2' } } },
      REJECTED_VARIABLES,
    ),
    post(
      'create over an existing id',
      { query: CREATE_SITE, variables: { input: { id: 'site-1', name: 'dup', _version: 1 } } },
      { status: 200, errorType: /^ConditionalCheckFailedException$/ },
    ),
    post(
      'create with an empty id',
      { query: CREATE_SITE, variables: { input: { id: '', name: 'x' } } },
      { status: 200, errorType: /^DynamoDB:DynamoDbException$/ },
    ),
    post(
      'create with a 10 kB id',
      { query: CREATE_SITE, variables: { input: { id: 'i'.repeat(10_240), name: 'x' } } },
      { status: 200, errorType: /^DynamoDB:DynamoDbException$/ },
    ),
    post(
      'filter between with one value',
      { query: '{ syncJobs(filter: { title: { between: ["a"] } }) { items { id } } }' },
      { status: 200, errorType: /^DynamoDB:DynamoDbException$/ },
    ),
    post(
      'nested filter with an empty in',
      {
        query:
          '{ listSites(filter: { or: [{ name: { eq: "a" } }, { not: { name: { size: { between: [] } } } }] }) { items { id } } }',
      },
      { status: 200, errorType: /^DynamoDB:DynamoDbException$/ },
    ),
    post(
      'update condition between with three values',
      {
        query: UPDATE_SITE.replace(
          '(input: $input)',
          '(input: $input, condition: { name: { between: ["a", "b", "c"] } })',
        ),
        variables: { input: { id: 'site-1', name: 'x', _version: 1 } },
      },
      { status: 200, errorType: /^DynamoDB:DynamoDbException$/ },
    ),
    post(
      'index query with sortDirection but no sort key',
      { query: '{ jobsBySiteID(siteID: "site-1", sortDirection: DESC) { items { id } } }' },
      { status: 200, errorType: /^InvalidArgumentsError$/ },
    ),
    post(
      'create with an object id',
      { query: CREATE_SITE, variables: { input: { id: { $ne: null }, name: 'x' } } },
      REJECTED_VARIABLES,
    ),
    post(
      'create with a boolean id',
      { query: CREATE_SITE, variables: { input: { id: true, name: 'x' } } },
      REJECTED_VARIABLES,
    ),
    post(
      'update of a missing id',
      { query: UPDATE_SITE, variables: { input: { id: 'nope', name: 'x', _version: 1 } } },
      { status: 200, errorType: /^Unauthorized$/ },
    ),
    post(
      'update with an empty id',
      { query: UPDATE_SITE, variables: { input: { id: '', name: 'x', _version: 1 } } },
      { status: 200, errorType: /^Unauthorized$/ },
    ),
    post(
      'delete with a 10 kB id',
      { query: 'mutation { deleteSite(input: {id: "' + 'd'.repeat(10_240) + '", _version: 1}) { id } }' },
      { status: 200, errorType: /^Unauthorized$/ },
    ),
    post('no token', { query: GET_SITE, variables: { id: 'site-1' } }, auth, { authorization: null }),
    post('empty token', { query: GET_SITE, variables: { id: 'site-1' } }, auth, { authorization: '' }),
    post('not a token', { query: GET_SITE, variables: { id: 'site-1' } }, auth, { authorization: 'da2-wrong' }),
    post('token with its signature changed', { query: GET_SITE, variables: { id: 'site-1' } }, auth, {
      authorization: token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA'),
    }),
    post('token with its claims changed', { query: GET_SITE, variables: { id: 'site-1' } }, auth, {
      authorization: withClaims(token, { 'cognito:groups': ['Office', 'Admin'] }),
    }),
    post('token signed with alg none', { query: GET_SITE, variables: { id: 'site-1' } }, auth, {
      authorization: unsigned(token),
    }),
    post('token prefix', { query: GET_SITE, variables: { id: 'site-1' } }, auth, { authorization: token.slice(0, 40) }),
    post('token upper-cased', { query: GET_SITE, variables: { id: 'site-1' } }, auth, {
      authorization: token.toUpperCase(),
    }),
    post('token in the API key header', { query: GET_SITE, variables: { id: 'site-1' } }, auth, {
      authorization: null,
      'x-api-key': token,
    }),
    post('an API key instead of a token', { query: GET_SITE, variables: { id: 'site-1' } }, auth, {
      authorization: null,
      'x-api-key': 'da2-someKey0123456789',
    }),
    post('8 kB token', { query: GET_SITE, variables: { id: 'site-1' } }, auth, { authorization: 'k'.repeat(8 * 1024) }),
    post('token twice', { query: GET_SITE, variables: { id: 'site-1' } }, auth, {
      authorization: `${token}, ${token}`,
    }),
    { kind: 'http', name: 'GET /graphql', method: 'GET', expect: notAllowed },
    { kind: 'http', name: 'PUT /graphql', method: 'PUT', headers: JSON_TYPE, body: '{}', expect: notAllowed },
    { kind: 'http', name: 'DELETE /graphql', method: 'DELETE', expect: notAllowed },
    { kind: 'http', name: 'PATCH /graphql', method: 'PATCH', headers: JSON_TYPE, body: '{}', expect: notAllowed },
    post('text/plain body', { query: GET_SITE }, media, { 'content-type': 'text/plain' }),
    post('form-encoded body', 'query=%7B%7D', media, { 'content-type': 'application/x-www-form-urlencoded' }),
    post('multipart body', '--b\r\n\r\n--b--', media, { 'content-type': 'multipart/form-data; boundary=b' }),
    post('application/jsonx', { query: GET_SITE }, media, { 'content-type': 'application/jsonx' }),
    post('no content type', { query: GET_SITE }, media, { 'content-type': '' }),
  ];
}

function raw(name: string, chunks: string[], closedWithinMs: number, status?: RegExp, delayMs?: number): RawCase {
  return { kind: 'raw', name, chunks, closedWithinMs, ...(status ? { status } : {}), ...(delayMs ? { delayMs } : {}) };
}

function handMadeRaw(token: string, maxBodyBytes: number, requestTimeoutMs: number): RawCase[] {
  const head = (length: number | string) =>
    `POST /graphql HTTP/1.1\r\nHost: x\r\nauthorization: ${token}\r\ncontent-type: application/json\r\ncontent-length: ${length}\r\n\r\n`;
  const body = JSON.stringify({ query: GET_SITE, variables: { id: 'site-1' } });
  const slack = requestTimeoutMs + 3000;
  return [
    raw('content-length shorter than the body', [head(10) + body + body], slack, /^HTTP\/1\.1 400/),
    raw(
      'content-length longer than the body (then silence)',
      [head(body.length + 500) + body],
      slack,
      /^HTTP\/1\.1 408/,
    ),
    raw('content-length over the limit, small body', [head(maxBodyBytes * 4) + body], slack, /^HTTP\/1\.1 413/),
    raw('negative content-length', [head(-5) + body], slack, /^HTTP\/1\.1 400/),
    raw(
      'two content-lengths',
      [head(body.length).replace('\r\n\r\n', `\r\ncontent-length: 3\r\n\r\n`) + body],
      slack,
      /^HTTP\/1\.1 400/,
    ),
    raw('not HTTP at all', ['\x16\x03\x01\x02\x00garbage\r\n\r\n'], slack, /^HTTP\/1\.1 400/),
    raw('header line of 64 kB', [`GET / HTTP/1.1\r\nX: ${'h'.repeat(64 * 1024)}\r\n\r\n`], slack, /^HTTP\/1\.1 431/),
    raw(
      'chunked body over the limit',
      [
        `POST /graphql HTTP/1.1\r\nHost: x\r\nauthorization: ${token}\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n`,
        ...Array.from({ length: 4 }, () => `${(maxBodyBytes / 2).toString(16)}\r\n${' '.repeat(maxBodyBytes / 2)}\r\n`),
      ],
      slack,
      /^HTTP\/1\.1 413/,
    ),
    // Slowloris: a header byte at a time never completes the request.
    raw(
      'headers trickled a byte at a time',
      Array.from(`POST /graphql HTTP/1.1\r\nHost: x\r\nauthorization: ${token}\r\n`),
      slack,
      undefined,
      150,
    ),
    raw('body trickled a byte at a time', [head(body.length), ...Array.from(body)], slack, undefined, 150),
    raw('request line only, then silence', ['POST /graphql HTTP/1.1\r\n'], slack),
  ];
}

/** The real-time subprotocol carrying `token` as Amplify sends a user pool's. */
export function authHeader(token: unknown): string {
  const header = JSON.stringify({ host: 'localhost', Authorization: token });
  return `header-${Buffer.from(header).toString('base64url')}`;
}

function start(id: unknown, query: string, token: unknown, variables: unknown = {}): string {
  return JSON.stringify({
    id,
    type: 'start',
    payload: {
      data: JSON.stringify({ query, variables }),
      extensions: { authorization: { host: 'localhost', Authorization: token } },
    },
  });
}

const part = (token: string, index: number) => token.split('.')[index] ?? '';
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The token with its claims changed and its signature kept: a forgery. */
function withClaims(token: string, claims: Record<string, unknown>): string {
  const body = JSON.parse(Buffer.from(part(token, 1), 'base64url').toString()) as Record<string, unknown>;
  return `${part(token, 0)}.${base64url({ ...body, ...claims })}.${part(token, 2)}`;
}

/** The token's claims under `alg: none`, with no signature. */
function unsigned(token: string): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${part(token, 1)}.`;
}

function deepArray(levels: number): unknown {
  let value: unknown = [];
  for (let i = 0; i < levels; i++) value = [value];
  return value;
}

function handMadeWs(token: string, maxFrameBytes: number, maxSubscriptions: number): WsCase[] {
  const ok = ['graphql-ws', authHeader(token)];
  const forged = withClaims(token, { sub: 'someone-else', username: 'someone-else' });
  const SUB = 'subscription operation { onCreateSite { id name _version _lastChangedAt _deleted } }';
  const protocolError = { errorType: /^UnsupportedOperation$/ };
  const ws = (
    name: string,
    frames: (string | Buffer)[],
    expect: WsCase['expect'],
    extra: Partial<WsCase> = {},
  ): WsCase => ({
    kind: 'ws',
    name,
    protocols: ok,
    init: true,
    frames,
    expect,
    ...extra,
  });
  return [
    ws('not JSON', ['hello'], protocolError),
    ws('truncated JSON', ['{"type":"sta'], protocolError),
    ws('JSON null', ['null'], protocolError),
    ws('JSON array', ['[{"type":"connection_init"}]'], protocolError),
    ws('type is a number', ['{"type":1}'], protocolError),
    ws('unknown type', ['{"type":"subscribe","id":"1"}'], protocolError),
    ws('graphql-transport-ws ping', ['{"type":"ping"}'], protocolError),
    ws('binary frame', [Buffer.from([0, 1, 2, 255])], protocolError),
    ws('binary JSON frame', [Buffer.from('{"type":"connection_init"}')], protocolError),
    ws('empty frame', [''], protocolError),
    ws('deep JSON frame (10k levels)', ['['.repeat(10_000) + ']'.repeat(10_000)], protocolError),
    ws('start without id', [start(undefined, SUB, token)], protocolError),
    ws('start with empty id', [start('', SUB, token)], protocolError),
    ws('start with a numeric id', [start(7, SUB, token)], protocolError),
    ws('start with a 300-character id', [start('i'.repeat(300), SUB, token)], protocolError),
    ws('start without payload', ['{"type":"start","id":"a"}'], protocolError),
    ws('start whose data is an object', ['{"type":"start","id":"a","payload":{"data":{"query":"x"}}}'], protocolError),
    ws(
      'start with data that is not JSON',
      [
        JSON.stringify({
          type: 'start',
          id: 'a',
          payload: { data: '{query', extensions: { authorization: { Authorization: token } } },
        }),
      ],
      { errorType: /^BadRequestException$/ },
    ),
    ws('start with invalid GraphQL', [start('a', 'subscription {', token)], {
      errorType: /^MalformedHttpRequestException$/,
    }),
    ws('start whose variables nest 3,000 levels', [start('a', SUB, token, { deep: deepArray(3000) })], {
      errorType: /^ValidationError$/,
    }),
    ws(
      'start selecting one field 300 times',
      [start('a', `subscription { onCreateSite { ${'id '.repeat(300)}} }`, token)],
      {
        errorType: /^ValidationError$/,
      },
    ),
    ws('start with an unknown subscription field', [start('a', 'subscription { onDropTables { id } }', token)], {
      errorType: /^ValidationError$/,
    }),
    ws('start with a query instead of a subscription', [start('a', '{ getSite(id: "site-1") { id } }', token)], {
      errorType: /^ValidationError$/,
    }),
    ws('start with a mutation', [start('a', 'mutation { createSite(input: {id: "ws", name: "x"}) { id } }', token)], {
      errorType: /^ValidationError$/,
    }),
    ws(
      'start with wrong-typed variables',
      [
        start('a', 'subscription s($f: ModelSubscriptionSiteFilterInput) { onCreateSite(filter: $f) { id } }', token, {
          f: 'x',
        }),
      ],
      { errorType: /^ValidationError$/ },
    ),
    ws(
      'start with deep query (5k levels, within the frame limit)',
      [start('a', `subscription { onCreateSite { ${'site { '.repeat(5_000)}id${' }'.repeat(5_000)} } }`, token)],
      { errorType: /^(ValidationError|MalformedHttpRequestException)$/ },
    ),
    ws('start with a forged token', [start('a', SUB, forged)], { errorType: /^Unauthorized$/ }),
    ws('start with an empty token', [start('a', SUB, '')], { errorType: /^Unauthorized$/ }),
    ws('start with a numeric token', [start('a', SUB, 42)], { errorType: /^Unauthorized$/ }),
    ws(
      'start without authorization',
      [JSON.stringify({ id: 'a', type: 'start', payload: { data: JSON.stringify({ query: SUB }) } })],
      { errorType: /^Unauthorized$/ },
    ),
    ws('start with a 50 kB token', [start('a', SUB, 'k'.repeat(50_000))], { errorType: /^Unauthorized$/ }),
    ws(
      'start before connection_init',
      [start('a', SUB, token)],
      { errorType: /^BadRequestException$/ },
      { init: false },
    ),
    ws('stop for an unknown id', ['{"type":"stop","id":"never-started"}'], { errorType: /^UnknownOperationError$/ }),
    ws('stop without id', ['{"type":"stop"}'], protocolError),
    ws(
      `more than ${maxSubscriptions} subscriptions`,
      Array.from({ length: maxSubscriptions + 2 }, (_, i) => start(`sub-${i}`, SUB, token)),
      { errorType: /^MaxSubscriptionsReachedError$/, count: 2 },
    ),
    ws(
      'frame over the size limit',
      [start('a', SUB, token).replace('"type"', `"pad":"${'p'.repeat(maxFrameBytes)}","type"`)],
      { close: 1009 },
    ),
    ws(
      'start with a payload just under the size limit',
      [start('a', `subscription { onCreateSite { id } } # ${'c'.repeat(maxFrameBytes - 500)}`, 'not-a-token')],
      { errorType: /^Unauthorized$/ },
    ),
    ws('never sends connection_init', [], { close: 4408 }, { init: false }),
    ws(
      'forged token in the subprotocol',
      [],
      { connectionError: true },
      { protocols: ['graphql-ws', authHeader(forged)] },
    ),
    ws(
      'garbage in the subprotocol',
      [],
      { connectionError: true },
      { protocols: ['graphql-ws', 'header-!!!notbase64'] },
    ),
    ws(
      'non-string token in the subprotocol',
      [],
      { connectionError: true },
      { protocols: ['graphql-ws', authHeader(['x'])] },
    ),
    ws('no token at all', [], { connectionError: true }, { protocols: ['graphql-ws'] }),
    ws(
      'forged token in ?header=',
      [],
      { connectionError: true },
      {
        protocols: ['graphql-ws'],
        query: `?header=${Buffer.from(JSON.stringify({ Authorization: forged })).toString('base64')}&payload=e30=`,
      },
    ),
    ws(
      'start after a refused connection_init',
      [start('a', SUB, token)],
      { connectionError: true },
      { protocols: ['graphql-ws', authHeader(forged)] },
    ),
    ws('no graphql-ws subprotocol', [], { refused: true }, { protocols: ['graphql-transport-ws'] }),
  ];
}

export interface CorpusOptions {
  schema: GraphQLSchema;
  /** A signed-in user's access token: the project's API takes user-pool tokens only. */
  token: string;
  maxBodyBytes: number;
  maxFrameBytes: number;
  maxSubscriptionsPerSocket: number;
  requestTimeoutMs: number;
  seed: number;
}

export function buildCorpus(options: CorpusOptions): Case[] {
  const random = seeded(options.seed);
  return [
    ...truncations(),
    ...wrongTypes(options.schema, random),
    ...garbage(random),
    ...handMadeHttp(options.maxBodyBytes, options.token),
    ...handMadeRaw(options.token, options.maxBodyBytes, options.requestTimeoutMs),
    ...handMadeWs(options.token, options.maxFrameBytes, options.maxSubscriptionsPerSocket),
  ];
}
