/**
 * What the Job handler promises a write without edit times (plain-client.ts): it was made when the
 * server stored it, so a device edit may replace its value only if that edit was made after it.
 * For each value an acknowledged plain write set on a job, the version that next changed the field
 * (a delete ends the check: a delete wins) must come from a write made after it: one based on a
 * version already holding the value (its author saw it), one without an edit time for the field
 * (made when the server stored it, later), or one whose edit time for the field is no earlier
 * (the device's clock as it stamped the edit: the handler caps it at the server's now, and cannot
 * know better). Lists are merged, not timed, and are left to the intent oracle.
 *
 * One replacement the handler cannot see is counted apart, not failed (README, Conflicts): the
 * plain value is the value the device's edit started from, and no write since that base carried an
 * edit time for the field (set back by other plain writes, or set again unchanged). The stored job
 * then shows the field as the user saw it, with nothing to tell that a plain write touched it.
 */
import { parseJsonFields, sameValue } from './canonical.ts';
import type { Sent, Stored, Strategy } from './oracle.ts';
import { field } from './told.ts';

type Fields = Record<string, unknown>;
const METADATA = new Set(['id', '_version', 'fieldEditedAt']);

const answerOf = (q: Sent) => q.response?.data?.[q.field] ?? undefined;
const isScalar = (value: unknown) => value === null || ['string', 'number', 'boolean'].includes(typeof value);

/** The edit time (epoch ms) a write carries for `name`, or undefined when it carries none. */
function editTime(input: Fields, name: string): number | undefined {
  const time = (parseJsonFields(input)['fieldEditedAt'] as Fields | undefined)?.[name];
  return typeof time === 'string' ? Date.parse(time) : undefined;
}

export function checkPlainReplaced(
  plain: number,
  sent: readonly Sent[],
  history: Map<string, Stored[]>,
  strategies: Map<string, Strategy>,
): { errors: string[]; checked: number; replaced: number; unseen: number } {
  const result = { errors: [] as string[], checked: 0, replaced: 0, unseen: 0 };
  for (const q of sent) {
    const answer = answerOf(q);
    const model = q.field.replace(/^(create|update)/, '');
    if (q.client !== plain || !answer || model === q.field || strategies.get(model) !== 'LAMBDA') continue;
    const key = `${model}:${String(answer['id'])}`;
    const versions = history.get(key) ?? [];
    const madeAt = Number(answer['_lastChangedAt']);
    const made = Number(answer['_version']);
    for (const [name, value] of Object.entries(parseJsonFields(q.variables.input))) {
      if (METADATA.has(name) || !isScalar(value)) continue;
      result.checked++;
      const next = versions.slice(made).find((v) => v._deleted || !sameValue(field(v, name) ?? null, value));
      if (!next || next._deleted) continue;
      result.replaced++;
      const by = sent.filter((w) => {
        const reply = answerOf(w);
        const input = parseJsonFields(w.variables.input);
        return (
          w !== q &&
          w.field === `update${model}` &&
          String(input['id']) === String(answer['id']) &&
          sameValue(input[name], field(next, name)) &&
          (!reply || Number(reply['_version']) === next._version)
        );
      });
      const after = by.some((w) => {
        const time = editTime(w.variables.input, name);
        return Number(w.variables.input['_version'] ?? 0) >= made || time === undefined || time >= madeAt;
      });
      if (after) continue;
      if (by.length > 0 && by.every((w) => unseenByHandler(w, versions, made, name, value))) result.unseen++;
      else result.errors.push(replacedByOlder(q, key, name, value, next, by));
    }
  }
  return result;
}

/** The edit time a stored version holds for `name`, or undefined. */
const storedEditTime = (version: Stored | undefined, name: string): unknown =>
  version ? (parseJsonFields(version)['fieldEditedAt'] as Fields | null | undefined)?.[name] : undefined;

/**
 * Whether the Job handler had no way to see the plain value when `w` arrived: `w` started from a
 * version already holding it, and every version from there to the plain write's left the field's
 * edit time as it was (no timed write changed the field in between).
 */
function unseenByHandler(w: Sent, versions: readonly Stored[], made: number, name: string, value: unknown): boolean {
  const base = Number(w.variables.input['_version'] ?? 0);
  const from = versions[base - 1];
  if (!from || !sameValue(field(from, name) ?? null, value)) return false;
  const time = storedEditTime(from, name);
  return versions.slice(base, made).every((v) => sameValue(storedEditTime(v, name) ?? null, time ?? null));
}

function replacedByOlder(q: Sent, key: string, name: string, value: unknown, next: Stored, by: Sent[]): string {
  const answer = answerOf(q) ?? {};
  return (
    `plain client set ${key} ${name} = ${JSON.stringify(value)} (version ${String(answer['_version'])}); ` +
    `version ${next._version} replaced it with ${JSON.stringify(field(next, name))} from ` +
    (by.length === 0
      ? 'no write that carried it'
      : `an edit made before it (client ${by.map((w) => w.client).join(', ')})`)
  );
}
