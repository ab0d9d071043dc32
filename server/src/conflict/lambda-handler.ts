import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { z } from 'zod';

import { repositoryRoot } from '../amplify-project.ts';
import { CONFLICT_HANDLER_TIMEOUT_MS } from '../limits.ts';

/** AppSync's conflict-handler Lambda event. */
export interface ConflictEvent {
  newItem: Record<string, unknown>;
  existingItem: Record<string, unknown>;
  arguments: Record<string, unknown>;
  resolver: string;
  identity: null;
}

const decisionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('RESOLVE'), item: z.record(z.string(), z.unknown()) }),
  z.object({ action: z.literal('REJECT') }),
  z.object({ action: z.literal('REMOVE') }),
]);
export type ConflictDecision = z.infer<typeof decisionSchema>;

export type ConflictHandler = (event: ConflictEvent) => Promise<ConflictDecision>;

/**
 * The Amplify function a conflict handler name from cli-inputs.json refers to. The CLI records a
 * function of this project as `<function>-${env}`, with `${env}` left as written: on deploy it
 * becomes the environment's name, as the function is named `<function>-<env>` in AWS, while its
 * code stays in amplify/backend/function/<function>/.
 */
export function amplifyFunctionName(handlerName: string): string {
  return handlerName.replace(/-\$\{env\}$/, '');
}

/**
 * Loads the same handler code `amplify push` deploys as a Lambda function
 * (amplify/backend/function/<function>/src/index.js) and calls it with AppSync's event. `name` is
 * the function's name or the handler name cli-inputs.json records for it (`<function>-${env}`).
 */
export function loadConflictHandler(
  name: string,
  functionsDir = join(repositoryRoot, 'amplify', 'backend', 'function'),
): ConflictHandler {
  const entry = join(functionsDir, amplifyFunctionName(name), 'src', 'index.js');
  if (!existsSync(entry)) throw new Error(`conflict handler ${name} not found at ${entry}`);
  const module = createRequire(import.meta.url)(entry) as { handler?: unknown };
  const handler = module.handler;
  if (typeof handler !== 'function') throw new Error(`${entry} does not export a handler function`);
  return async (event) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`${name} timed out after ${CONFLICT_HANDLER_TIMEOUT_MS} ms`)),
        CONFLICT_HANDLER_TIMEOUT_MS,
      );
    });
    try {
      const raw: unknown = await Promise.race([
        (handler as (e: ConflictEvent) => unknown)(structuredClone(event)),
        timeout,
      ]);
      return decisionSchema.parse(raw);
    } finally {
      clearTimeout(timer);
    }
  };
}
