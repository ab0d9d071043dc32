import { crewOfGroup } from '../crews/crew-directory.ts';

/**
 * AppSync takes at most five values in a subscription filter's `in`, and the dynamic group rules put
 * every group of the token there, the role included: a person in five crews could sync but not
 * follow changes live on AWS.
 */
export const MAX_CREWS_PER_PERSON = 4;

/**
 * The custom attributes that name a person's crews, one crew id each (`custom:crew1` …): the identity
 * pool copies them into principal tags, which the Crew role's photo policy reads (ARCHITECTURE.md,
 * "Crews' photos"). On AWS an administrator sets them beside the crew groups; the local pool writes them
 * into the ID token from the crew groups, which `npm run users -- crew add|remove` changes.
 */
export const CREW_ATTRIBUTES: readonly string[] = Array.from(
  { length: MAX_CREWS_PER_PERSON },
  (_, index) => `custom:crew${index + 1}`,
);

export function crewClaims(groups: readonly string[]): Record<string, string> {
  const crews = groups.flatMap((group) => crewOfGroup(group) ?? []);
  return Object.fromEntries(
    crews.slice(0, CREW_ATTRIBUTES.length).map((crew, index) => [CREW_ATTRIBUTES[index], crew]),
  );
}
