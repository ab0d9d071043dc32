import { performance } from 'node:perf_hooks';

import { OFFICE } from '../../testing/crew-members.ts';
import { type BenchServer, srpSignIn, withBenchAuth } from '../lib/accounts.ts';
import { GraphQLConnection } from '../lib/http-client.ts';
import { processCpuMs } from '../lib/process-cpu.ts';

export interface SignInCpuRun {
  /** The server process's CPU per sign-in (InitiateAuth + RespondToAuthChallenge), ms. */
  signInCpuMs: number;
  /** The server process's CPU per small `getJob` request on a kept-alive connection, ms. */
  getJobCpuMs: number;
  /** Wall time per sign-in, the client's SRP arithmetic included, ms. */
  signInWallMs: number;
}

const GET_JOB = 'query operation($id: ID!) { getJob(id: $id) { id title status _version } }';

/**
 * What a sign-in costs the server beside an ordinary request, side by side in one run: `signIns`
 * SRP sign-ins of the office with Amplify Auth's own client, one after another, then `getJobs`
 * small reads as the office, one after another; the server process's CPU time over each (/proc).
 * Sequential, so the figure is the server's work and not its queueing; the client's SRP arithmetic
 * runs in this process, not the server's.
 */
export async function signInCpuRun(
  server: BenchServer & { dbPath: string },
  serverPid: number | undefined,
  jobId: string,
  counts: { signIns: number; getJobs: number },
): Promise<SignInCpuRun> {
  const cpu = () => (serverPid === undefined ? Number.NaN : processCpuMs(serverPid));
  const { cpuMs: signInCpu, wallMs } = await withBenchAuth(server, OFFICE, async () => {
    const before = cpu();
    const started = performance.now();
    for (let i = 0; i < counts.signIns; i++) await srpSignIn(OFFICE);
    return { wallMs: performance.now() - started, cpuMs: cpu() - before };
  });
  const connection = new GraphQLConnection(server);
  let getJobCpu: number;
  try {
    // The connection is open and the document cached before the clock starts.
    await connection.post(GET_JOB, { id: jobId });
    const before = cpu();
    for (let i = 0; i < counts.getJobs; i++) {
      const result = await connection.post(GET_JOB, { id: jobId });
      if (result.errors || !result.data?.['getJob']) throw new Error(`getJob failed: ${JSON.stringify(result.errors)}`);
    }
    getJobCpu = cpu() - before;
  } finally {
    connection.close();
  }
  return {
    signInCpuMs: signInCpu / counts.signIns,
    getJobCpuMs: getJobCpu / counts.getJobs,
    signInWallMs: wallMs / counts.signIns,
  };
}
