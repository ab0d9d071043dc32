import { readFileSync } from 'node:fs';

import { z } from 'zod';

import { cliInputsPath } from '../amplify-project.ts';

/** Which conflict strategy each model uses, as `amplify update api` records it in cli-inputs.json. */
const strategySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('AUTOMERGE') }),
  z.object({ type: z.literal('OPTIMISTIC_CONCURRENCY') }),
  z.object({ type: z.literal('LAMBDA'), resolver: z.object({ type: z.string(), name: z.string() }) }),
]);
export type ConflictStrategy = z.infer<typeof strategySchema>;

const cliInputsSchema = z.object({
  serviceConfiguration: z.object({
    conflictResolution: z.object({
      defaultResolutionStrategy: strategySchema,
      perModelResolutionStrategy: z
        .array(z.object({ entityName: z.string(), resolutionStrategy: strategySchema }))
        .default([]),
    }),
  }),
});

export interface ConflictSettings {
  defaultStrategy: ConflictStrategy;
  perModel: Record<string, ConflictStrategy>;
}

export function readConflictSettings(path = cliInputsPath): ConflictSettings {
  const parsed = cliInputsSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
  const { defaultResolutionStrategy, perModelResolutionStrategy } = parsed.serviceConfiguration.conflictResolution;
  return {
    defaultStrategy: defaultResolutionStrategy,
    perModel: Object.fromEntries(perModelResolutionStrategy.map((m) => [m.entityName, m.resolutionStrategy])),
  };
}
