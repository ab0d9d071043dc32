// @ts-check
import { initSchema } from '@aws-amplify/datastore';
import { schema } from './schema';

const JobStatus = {
  "OPEN": "OPEN",
  "IN_PROGRESS": "IN_PROGRESS",
  "ON_HOLD": "ON_HOLD",
  "DONE": "DONE",
  "CANCELLED": "CANCELLED"
};

const JobPriority = {
  "LOW": "LOW",
  "NORMAL": "NORMAL",
  "HIGH": "HIGH",
  "URGENT": "URGENT"
};

const { Crew, Site, Job, FieldNote, ChangeLogEntry, Attachment, Handover, GeoPoint, ChecklistItem, SignOff } = initSchema(schema);

export {
  Crew,
  Site,
  Job,
  FieldNote,
  ChangeLogEntry,
  Attachment,
  Handover,
  JobStatus,
  JobPriority,
  GeoPoint,
  ChecklistItem,
  SignOff
};