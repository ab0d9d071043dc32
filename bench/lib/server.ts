import { insertRecords } from '../../server/src/seed.ts';
import { SqliteStore } from '../../server/src/store/sqlite-store.ts';
import { LOCAL_DEFAULT_API_KEY } from '../../src/app/shell/backend-config.ts';
import { type ServerProcess, startServerProcess } from '../../testing/server-process.ts';
import type { BenchServer } from './accounts.ts';
import type { JobFields, SiteFields } from './data.ts';

export interface Dataset {
  sites: readonly SiteFields[];
  jobs: readonly JobFields[];
}

/**
 * The real server as `npm start` runs it (its own process, a SQLite file), with `dataset` written
 * straight into its database while it is stopped (seeding through the API would take minutes and
 * measure nothing of interest). `root` runs another checkout's server and amplify/ project (one
 * from before accounts, to compare builds); its API key, if its API takes one, is the app's own.
 */
export async function startSeededServer(
  dataset: Dataset,
  env: Record<string, string> = {},
  { root }: { root?: string } = {},
): Promise<ServerProcess> {
  const server = await startServerProcess(
    { FIELDBOOK_API_KEY: LOCAL_DEFAULT_API_KEY, ...env },
    root === undefined ? {} : { root },
  );
  try {
    await server.stop();
    const store = new SqliteStore(server.dbPath);
    try {
      insertRecords(store, 'Site', [...dataset.sites]);
      insertRecords(store, 'Job', [...dataset.jobs]);
    } finally {
      store.close();
    }
    await server.restart();
    return server;
  } catch (error) {
    await server.dispose();
    throw error;
  }
}

/** The item selection DataStore sends for Job (every scalar and embedded field, then the belongsTo key). */
export const JOB_SELECTION = `id siteID title description status priority assignee dueDate tags
  checklist { id label done doneAt } createdAt updatedAt _version _lastChangedAt _deleted site { id _deleted }`;

export const SYNC_JOBS = `query operation($limit: Int, $nextToken: String, $lastSync: AWSTimestamp, $filter: ModelJobFilterInput) {
  syncJobs(limit: $limit, nextToken: $nextToken, lastSync: $lastSync, filter: $filter) { items { ${JOB_SELECTION} } nextToken startedAt } }`;

export const UPDATE_JOB = `mutation operation($input: UpdateJobInput!, $condition: ModelJobConditionInput) {
  updateJob(input: $input, condition: $condition) { ${JOB_SELECTION} } }`;

export interface GraphQLResult {
  data?: Record<string, unknown> | null;
  errors?: { errorType?: string; message?: string; data?: Record<string, unknown> | null }[];
}

/** One request as the Office user. */
export async function graphql(
  server: BenchServer,
  query: string,
  variables: Record<string, unknown>,
): Promise<GraphQLResult> {
  const response = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: server.authorization },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as GraphQLResult;
}
