/**
 * Checks what the users of a shared-store device were told against what reached the server: a
 * write acknowledged in any tab must have been confirmed by the server, a real answer holding the
 * value (or be explained: the same device deleted the record, wrote the field again later, or was
 * told after the save that the value did not stay), a delete acknowledged by the server or its
 * refusal put before the device after the delete, and no create may make two records,
 * however many times hand-overs made the leaders run it. A write whose tab closed before the
 * answer is held to the same once a run stored it: the device store holds it with its outbox
 * entry before any answer (the app's DeviceWrites answers after the durable write), so the next
 * leader's sync engine sends it, and the user who opens the app again sees it saved.
 */
import type { TabCommand } from '../test/shared-tabs.ts';
import { content, parseJsonFields, sameValue } from './canonical.ts';
import { GONE_UNDER_THE_USER } from './ops.ts';
import type { Sent, Stored } from './oracle.ts';
import type { ClientEvents } from './server-state.ts';
import { field as valueIn, holdsList, told, toldOfRefusedDelete, versionsSince } from './told.ts';

type Fields = Record<string, unknown>;
export interface TabOracleResult {
  errors: string[];
  acknowledged: number;
  /** Writes whose tab closed before the answer, after a run had stored them (checked all the same). */
  closedStored: number;
  /** Commands that more than one leader ran, because the first one closed before answering. */
  reRuns: number;
  reRunCreates: number;
}

const argsOf = (c: TabCommand) => c.args as { model: string; id?: string; fields?: Fields; changes?: Fields };
const idOf = (c: TabCommand) => String(argsOf(c).id ?? argsOf(c).fields?.['id']);
const withoutId = (record: Fields) => content({ ...record, id: undefined });

export function checkTabCommands(
  client: number,
  commands: TabCommand[],
  history: Map<string, Stored[]>,
  sent: Sent[],
  events: ClientEvents[],
): TabOracleResult {
  const result: TabOracleResult = { errors: [], acknowledged: 0, closedStored: 0, reRuns: 0, reRunCreates: 0 };
  const fail = (c: TabCommand, why: string) =>
    result.errors.push(`client ${client} tab ${c.slot} ${c.command} ${argsOf(c).model}:${idOf(c)}: ${why}`);
  const mine = sent.filter((q) => q.client === client);
  // A real answer: the server's record, not an error (a refused write was not confirmed).
  const answered = (id: string, carries: (input: Fields, field: string, answer: Fields) => boolean) =>
    mine.some((q) => {
      const answer = q.response?.data?.[q.field];
      return answer && String(q.variables.input['id']) === id && carries(q.variables.input, q.field, answer);
    });
  const deletedHere = (id: string) => commands.some((d) => d.command === 'delete' && idOf(d) === id);
  const firstVersions = [...history.values()].map((h) => h[0]).filter((v): v is Stored => v !== undefined);

  commands.forEach((c) => {
    const { model } = argsOf(c);
    const id = idOf(c);
    const key = `${model}:${id}`;
    if (c.runs.length > 1) result.reRuns++;
    if (c.runs.length > 1 && c.command === 'create') result.reRunCreates++;
    if (c.outcome === undefined) fail(c, `never answered (${c.runs.length} runs)`);
    // The record went away under the user (deleted, or a note whose job was deleted): they saw the error.
    if (c.outcome === 'failed' && !GONE_UNDER_THE_USER.test(String(c.error))) fail(c, `failed: ${c.error}`);
    if (c.command === 'create') {
      const fields = argsOf(c).fields ?? {};
      const made = firstVersions.filter((v) => withoutId(v) === withoutId(fields) || String(v.id) === id);
      if (made.length > 1) fail(c, `one create made ${made.length} server records (${c.runs.length} runs)`);
    }
    const saved = new Set(c.runs.flatMap((run) => run.effect?.saved ?? []));
    const closedStored = c.outcome === 'closed' && saved.size > 0;
    if (c.outcome === 'ack') result.acknowledged++;
    else if (closedStored) result.closedStored++;
    else return;
    const h = history.get(key) ?? [];
    const said = closedStored ? 'stored before its tab closed' : 'acknowledged';
    if (c.command === 'create' && h.length === 0 && !deletedHere(id)) {
      fail(c, `${said}, never reached the server`);
    } else if (c.command === 'delete' && saved.size > 0) {
      const confirmed = answered(id, (_, field, answer) => field === `delete${model}` && answer['_deleted'] === true);
      // Auto Merge refuses a delete based on a version another device has since edited; DataStore
      // hands the refusal to the device's conflict handler, which puts it before the user.
      const deletedAt = Math.min(...c.runs.filter((r) => (r.effect?.saved.length ?? 0) > 0).map((r) => r.started));
      const refused = toldOfRefusedDelete({ client, model, id, at: deletedAt }, events);
      if (!confirmed && !refused && h.length > 0 && !h.at(-1)?._deleted) {
        fail(c, `${said}, the server still holds it and the device was never told`);
      }
    } else if (c.command === 'update') {
      const changes = argsOf(c).changes ?? {};
      for (const field of saved) {
        const savedAt = Math.min(...c.runs.filter((r) => r.effect?.saved.includes(field)).map((r) => r.started));
        // Another command of this device that saved the field (or deleted the record) while this
        // one ran or after it: the leader runs commands side by side, so either may win.
        const superseded = commands.some(
          (d) =>
            d !== c &&
            idOf(d) === id &&
            d.runs.some(
              (r) =>
                (r.ended ?? Infinity) >= savedAt &&
                (r.effect?.saved.includes(field) || (d.command === 'delete' && (r.effect?.saved.length ?? 0) > 0)),
            ),
        );
        // A later command of this device for the field whose value reached the server (sent and
        // answered, or stored as such), whatever its tab was told: it may have closed between the
        // save and the answer, or even before its save was confirmed to it.
        const overtaken = commands.some((d) => {
          const later = argsOf(d).changes?.[field];
          return (
            d !== c &&
            idOf(d) === id &&
            d.runs.some((r) => r.started >= savedAt) &&
            later !== undefined &&
            (h.some((v) => sameValue(parseJsonFields(v)[field], later)) ||
              answered(id, (input) => sameValue(parseJsonFields(input)[field], later)))
          );
        });
        // The server answered a write carrying the value with a record holding it.
        const carried = answered(
          id,
          (input, _, answer) =>
            sameValue(parseJsonFields(input)[field], changes[field]) &&
            holdsList(valueIn(answer, field), changes[field], baseOf(c, field)),
        );
        const saved = { client, model, id, name: field, value: changes[field], at: savedAt, base: baseOf(c, field) };
        const gone = versionsSince(h, savedAt).some((v) => v._deleted);
        if (!carried && !superseded && !overtaken && !gone && !told(saved, events)) {
          fail(c, `${said} ${field} = ${JSON.stringify(changes[field])}, never confirmed by the server`);
        }
      }
    }
  });
  return result;
}

/** What the field held on the device before the command's run saved it (a list edit's starting list). */
function baseOf(command: TabCommand, field: string): unknown {
  return command.runs.find((run) => run.effect?.base)?.effect?.base?.[field];
}
