/**
 * An office system (dispatch, an ERP, a script) writing through the plain AppSync API beside the
 * devices: `createX`/`updateX`/`deleteX` over HTTP with an Office user's token (renewed as it expires), no `fieldEditedAt`, each
 * write on the `_version` it has just read with `getX`. A write the server refuses as stale is
 * read again and retried a few times, as a script would, and the outcome is kept.
 */
import { renewedOfficeToken } from '../test/harness.ts';
import { signedInAs } from '../test/token-user.ts';
import type { Save } from './intent-oracle.ts';
import { ANCHORS, type ModelName, type Op, pick, type Random } from './ops.ts';
import type { Sent } from './oracle.ts';

type Fields = Record<string, unknown>;

const META = 'createdAt updatedAt _version _deleted _lastChangedAt';
/** The crew's scope, stored on every record. */
const SCOPE = 'crewID crewGroup';
const POINT = 'location { latitude longitude accuracyMeters }';
/** Every stored field, so an answer can be compared with the version the server keeps. */
const SELECTION: Record<ModelName, string> = {
  Site: `id name address ${POINT} contactName contactPhone notes ${SCOPE} ${META}`,
  Job: `id siteID title description status priority assignee dueDate tags checklist { id label done doneAt } fieldEditedAt previousCrewGroup ${SCOPE} ${META}`,
  FieldNote: `id jobID body observedAt reading unit author tags ${POINT} attributes ${SCOPE} ${META}`,
};
/** AWSJSON travels as a string on the plain API; DataStore clients turn it into one the same way. */
const AWS_JSON = new Set(['attributes']);
/** A script gives up after this many refusals of a stale write in a row. */
const ATTEMPTS = 3;
const STALE = new Set(['ConflictUnhandled', 'ConditionalCheckFailedException']);

export interface PlainRun {
  sent: Sent[];
  saves: Save[];
  /** Writes sent again after the server refused them as stale. */
  retries: number;
  /** Writes given up after ATTEMPTS refusals, or on a record deleted meanwhile. */
  gaveUp: number;
}

export class PlainClient {
  readonly run: PlainRun = { sent: [], saves: [], retries: 0, gaveUp: 0 };

  constructor(
    private readonly port: number,
    readonly index: number,
  ) {}

  async perform(op: Op, rnd: Random): Promise<void> {
    if (op.kind === 'create') return this.create(op.model, op.fields);
    // Its notes go on the anchor job: the orphan check is about notes added on devices.
    if (op.kind === 'note') return this.create('FieldNote', { ...op.fields, jobID: ANCHORS.job });
    if (op.kind !== 'update' && op.kind !== 'form' && op.kind !== 'delete') return;
    const targets = (await this.list(op.model)).filter((r) => !String(r['id']).endsWith('-anchor'));
    if (targets.length === 0) return;
    const id = String(pick(rnd, targets)['id']);
    await this.change(op.model, id, op.kind === 'delete' ? null : op.fields);
  }

  private async create(model: ModelName, fields: Fields): Promise<void> {
    const at = Date.now();
    const q = await this.send(`create${model}`, model, fields);
    const made = q.response?.data?.[q.field];
    const { id, ...given } = fields;
    this.run.saves.push({
      client: this.index,
      model,
      id: String(made?.['id'] ?? id),
      fields: given,
      confirmed: !!made,
      at,
    });
  }

  /** Read, write on the version read, and on a stale refusal read again: `fields` null deletes. */
  private async change(model: ModelName, id: string, fields: Fields | null): Promise<void> {
    const at = Date.now();
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const current = await this.get(model, id);
      // Deleted since the list was read: the script has nothing to write.
      if (!current || current['_deleted']) {
        if (attempt === 1) return;
        break;
      }
      const q = await this.send(`${fields ? 'update' : 'delete'}${model}`, model, {
        id,
        _version: current['_version'],
        ...fields,
      });
      const answer = q.response?.data?.[q.field] as Fields | null | undefined;
      if (answer) {
        this.run.saves.push({ client: this.index, model, id, fields, confirmed: true, at, answer });
        return;
      }
      const errorType = q.response?.errors?.[0]?.errorType ?? '';
      if (!STALE.has(errorType)) throw new Error(`plain ${q.field} ${id}: ${errorType || 'no data'}`);
      if (attempt < ATTEMPTS) this.run.retries++;
    }
    this.run.gaveUp++;
    this.run.saves.push({ client: this.index, model, id, fields, confirmed: false, at });
  }

  private async get(model: ModelName, id: string): Promise<Fields | null> {
    const body = await this.request(`query($id: ID!) { get${model}(id: $id) { ${SELECTION[model]} } }`, { id });
    return (body.data?.[`get${model}`] as Fields | null | undefined) ?? null;
  }

  /** The records a script would offer: all the server lists, tombstones left out. */
  private async list(model: ModelName): Promise<Fields[]> {
    const field = `list${model}s`;
    const body = await this.request(`query { ${field}(limit: 1000) { items { id _deleted } } }`, {});
    const items = (body.data?.[field] as { items: Fields[] } | undefined)?.items ?? [];
    return items.filter((item) => !item['_deleted']);
  }

  private async send(field: string, model: ModelName, fields: Fields): Promise<Sent> {
    const input = Object.fromEntries(
      Object.entries(fields).map(([name, value]) => [name, AWS_JSON.has(name) ? JSON.stringify(value) : value]),
    );
    const kind = field.slice(0, 6);
    const type = `${kind[0]?.toUpperCase()}${kind.slice(1)}${model}Input`;
    const sentAt = Date.now();
    const token = await renewedOfficeToken(this.port);
    const response = await this.request(
      `mutation($input: ${type}!) { ${field}(input: $input) { ${SELECTION[model]} } }`,
      { input },
      token,
    );
    const as = signedInAs(token);
    const q: Sent = { client: this.index, field, variables: { input }, sentAt, ...(as ? { as } : {}), response };
    this.run.sent.push(q);
    return q;
  }

  private async request(query: string, variables: Fields, token?: string): Promise<NonNullable<Sent['response']>> {
    const answer = await fetch(`http://127.0.0.1:${this.port}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: token ?? (await renewedOfficeToken(this.port)),
      },
      body: JSON.stringify({ query, variables }),
    });
    return (await answer.json()) as NonNullable<Sent['response']>;
  }
}

/** The office system's part of a seed: the separate-device script, its network never cut. */
export async function runPlain(client: PlainClient, script: Op[], rnd: Random): Promise<void> {
  for (const op of script) {
    await new Promise((resolve) => setTimeout(resolve, Math.floor(rnd() * 60)));
    await client.perform(op, rnd);
  }
}
