import { ModelInit, MutableModel, __modelMeta__, ManagedIdentifier } from "@aws-amplify/datastore";
// @ts-ignore
import { LazyLoading, LazyLoadingDisabled, AsyncCollection, AsyncItem } from "@aws-amplify/datastore";

export enum JobStatus {
  OPEN = "OPEN",
  IN_PROGRESS = "IN_PROGRESS",
  ON_HOLD = "ON_HOLD",
  DONE = "DONE",
  CANCELLED = "CANCELLED"
}

export enum JobPriority {
  LOW = "LOW",
  NORMAL = "NORMAL",
  HIGH = "HIGH",
  URGENT = "URGENT"
}

type EagerGeoPoint = {
  readonly latitude: number;
  readonly longitude: number;
  readonly accuracyMeters?: number | null;
}

type LazyGeoPoint = {
  readonly latitude: number;
  readonly longitude: number;
  readonly accuracyMeters?: number | null;
}

export declare type GeoPoint = LazyLoading extends LazyLoadingDisabled ? EagerGeoPoint : LazyGeoPoint

export declare const GeoPoint: (new (init: ModelInit<GeoPoint>) => GeoPoint)

type EagerChecklistItem = {
  readonly id: string;
  readonly label: string;
  readonly done: boolean;
  readonly doneAt?: string | null;
}

type LazyChecklistItem = {
  readonly id: string;
  readonly label: string;
  readonly done: boolean;
  readonly doneAt?: string | null;
}

export declare type ChecklistItem = LazyLoading extends LazyLoadingDisabled ? EagerChecklistItem : LazyChecklistItem

export declare const ChecklistItem: (new (init: ModelInit<ChecklistItem>) => ChecklistItem)

type EagerSignOff = {
  readonly signerName: string;
  readonly signedAt: string;
  readonly signature: string;
  readonly width: number;
  readonly height: number;
  readonly reportFingerprint: string;
}

type LazySignOff = {
  readonly signerName: string;
  readonly signedAt: string;
  readonly signature: string;
  readonly width: number;
  readonly height: number;
  readonly reportFingerprint: string;
}

export declare type SignOff = LazyLoading extends LazyLoadingDisabled ? EagerSignOff : LazySignOff

export declare const SignOff: (new (init: ModelInit<SignOff>) => SignOff)

type EagerCrew = {
  readonly [__modelMeta__]: {
    identifier: ManagedIdentifier<Crew, 'id'>;
    readOnlyFields: 'createdAt' | 'updatedAt';
  };
  readonly id: string;
  readonly name: string;
  readonly crewID?: string | null;
  readonly crewGroup?: string | null;
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

type LazyCrew = {
  readonly [__modelMeta__]: {
    identifier: ManagedIdentifier<Crew, 'id'>;
    readOnlyFields: 'createdAt' | 'updatedAt';
  };
  readonly id: string;
  readonly name: string;
  readonly crewID?: string | null;
  readonly crewGroup?: string | null;
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

export declare type Crew = LazyLoading extends LazyLoadingDisabled ? EagerCrew : LazyCrew

export declare const Crew: (new (init: ModelInit<Crew>) => Crew) & {
  copyOf(source: Crew, mutator: (draft: MutableModel<Crew>) => MutableModel<Crew> | void): Crew;
}

type EagerSite = {
  readonly [__modelMeta__]: {
    identifier: ManagedIdentifier<Site, 'id'>;
    readOnlyFields: 'createdAt' | 'updatedAt';
  };
  readonly id: string;
  readonly name: string;
  readonly crewID?: string | null;
  readonly crewGroup?: string | null;
  readonly address?: string | null;
  readonly location?: GeoPoint | null;
  readonly contactName?: string | null;
  readonly contactPhone?: string | null;
  readonly notes?: string | null;
  readonly jobs?: (Job | null)[] | null;
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

type LazySite = {
  readonly [__modelMeta__]: {
    identifier: ManagedIdentifier<Site, 'id'>;
    readOnlyFields: 'createdAt' | 'updatedAt';
  };
  readonly id: string;
  readonly name: string;
  readonly crewID?: string | null;
  readonly crewGroup?: string | null;
  readonly address?: string | null;
  readonly location?: GeoPoint | null;
  readonly contactName?: string | null;
  readonly contactPhone?: string | null;
  readonly notes?: string | null;
  readonly jobs: AsyncCollection<Job>;
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

export declare type Site = LazyLoading extends LazyLoadingDisabled ? EagerSite : LazySite

export declare const Site: (new (init: ModelInit<Site>) => Site) & {
  copyOf(source: Site, mutator: (draft: MutableModel<Site>) => MutableModel<Site> | void): Site;
}

type EagerJob = {
  readonly [__modelMeta__]: {
    identifier: ManagedIdentifier<Job, 'id'>;
    readOnlyFields: 'createdAt' | 'updatedAt';
  };
  readonly id: string;
  readonly siteID: string;
  readonly crewID?: string | null;
  readonly crewGroup?: string | null;
  readonly previousCrewGroup?: string | null;
  readonly site?: Site | null;
  readonly title: string;
  readonly description?: string | null;
  readonly status: JobStatus | keyof typeof JobStatus;
  readonly priority: JobPriority | keyof typeof JobPriority;
  readonly assignee?: string | null;
  readonly dueDate?: string | null;
  readonly tags?: string[] | null;
  readonly checklist?: ChecklistItem[] | null;
  readonly signOff?: SignOff | null;
  readonly notes?: (FieldNote | null)[] | null;
  readonly fieldEditedAt?: string | null;
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

type LazyJob = {
  readonly [__modelMeta__]: {
    identifier: ManagedIdentifier<Job, 'id'>;
    readOnlyFields: 'createdAt' | 'updatedAt';
  };
  readonly id: string;
  readonly siteID: string;
  readonly crewID?: string | null;
  readonly crewGroup?: string | null;
  readonly previousCrewGroup?: string | null;
  readonly site: AsyncItem<Site | undefined>;
  readonly title: string;
  readonly description?: string | null;
  readonly status: JobStatus | keyof typeof JobStatus;
  readonly priority: JobPriority | keyof typeof JobPriority;
  readonly assignee?: string | null;
  readonly dueDate?: string | null;
  readonly tags?: string[] | null;
  readonly checklist?: ChecklistItem[] | null;
  readonly signOff?: SignOff | null;
  readonly notes: AsyncCollection<FieldNote>;
  readonly fieldEditedAt?: string | null;
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

export declare type Job = LazyLoading extends LazyLoadingDisabled ? EagerJob : LazyJob

export declare const Job: (new (init: ModelInit<Job>) => Job) & {
  copyOf(source: Job, mutator: (draft: MutableModel<Job>) => MutableModel<Job> | void): Job;
}

type EagerFieldNote = {
  readonly [__modelMeta__]: {
    identifier: ManagedIdentifier<FieldNote, 'id'>;
    readOnlyFields: 'createdAt' | 'updatedAt';
  };
  readonly id: string;
  readonly jobID: string;
  readonly job?: Job | null;
  readonly crewID?: string | null;
  readonly crewGroup?: string | null;
  readonly body: string;
  readonly observedAt: string;
  readonly reading?: number | null;
  readonly unit?: string | null;
  readonly author?: string | null;
  readonly tags?: string[] | null;
  readonly location?: GeoPoint | null;
  readonly attributes?: string | null;
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

type LazyFieldNote = {
  readonly [__modelMeta__]: {
    identifier: ManagedIdentifier<FieldNote, 'id'>;
    readOnlyFields: 'createdAt' | 'updatedAt';
  };
  readonly id: string;
  readonly jobID: string;
  readonly job: AsyncItem<Job | undefined>;
  readonly crewID?: string | null;
  readonly crewGroup?: string | null;
  readonly body: string;
  readonly observedAt: string;
  readonly reading?: number | null;
  readonly unit?: string | null;
  readonly author?: string | null;
  readonly tags?: string[] | null;
  readonly location?: GeoPoint | null;
  readonly attributes?: string | null;
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

export declare type FieldNote = LazyLoading extends LazyLoadingDisabled ? EagerFieldNote : LazyFieldNote

export declare const FieldNote: (new (init: ModelInit<FieldNote>) => FieldNote) & {
  copyOf(source: FieldNote, mutator: (draft: MutableModel<FieldNote>) => MutableModel<FieldNote> | void): FieldNote;
}

type EagerChangeLogEntry = {
  readonly [__modelMeta__]: {
    identifier: ManagedIdentifier<ChangeLogEntry, 'id'>;
    readOnlyFields: 'createdAt' | 'updatedAt';
  };
  readonly id: string;
  readonly recordModel: string;
  readonly recordID: string;
  readonly crewID?: string | null;
  readonly crewGroup?: string | null;
  readonly operation: string;
  readonly fields: string;
  readonly previous?: string | null;
  readonly savedAt: string;
  readonly author?: string | null;
  readonly device?: string | null;
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

type LazyChangeLogEntry = {
  readonly [__modelMeta__]: {
    identifier: ManagedIdentifier<ChangeLogEntry, 'id'>;
    readOnlyFields: 'createdAt' | 'updatedAt';
  };
  readonly id: string;
  readonly recordModel: string;
  readonly recordID: string;
  readonly crewID?: string | null;
  readonly crewGroup?: string | null;
  readonly operation: string;
  readonly fields: string;
  readonly previous?: string | null;
  readonly savedAt: string;
  readonly author?: string | null;
  readonly device?: string | null;
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

export declare type ChangeLogEntry = LazyLoading extends LazyLoadingDisabled ? EagerChangeLogEntry : LazyChangeLogEntry

export declare const ChangeLogEntry: (new (init: ModelInit<ChangeLogEntry>) => ChangeLogEntry) & {
  copyOf(source: ChangeLogEntry, mutator: (draft: MutableModel<ChangeLogEntry>) => MutableModel<ChangeLogEntry> | void): ChangeLogEntry;
}

type EagerAttachment = {
  readonly [__modelMeta__]: {
    identifier: ManagedIdentifier<Attachment, 'id'>;
    readOnlyFields: 'createdAt' | 'updatedAt';
  };
  readonly id: string;
  readonly jobID: string;
  readonly fieldNoteID?: string | null;
  readonly crewID?: string | null;
  readonly crewGroup?: string | null;
  readonly key: string;
  readonly contentHash: string;
  readonly contentType: string;
  readonly size: number;
  readonly width: number;
  readonly height: number;
  readonly caption?: string | null;
  readonly takenAt: string;
  readonly location?: GeoPoint | null;
  readonly uploadedAt?: string | null;
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

type LazyAttachment = {
  readonly [__modelMeta__]: {
    identifier: ManagedIdentifier<Attachment, 'id'>;
    readOnlyFields: 'createdAt' | 'updatedAt';
  };
  readonly id: string;
  readonly jobID: string;
  readonly fieldNoteID?: string | null;
  readonly crewID?: string | null;
  readonly crewGroup?: string | null;
  readonly key: string;
  readonly contentHash: string;
  readonly contentType: string;
  readonly size: number;
  readonly width: number;
  readonly height: number;
  readonly caption?: string | null;
  readonly takenAt: string;
  readonly location?: GeoPoint | null;
  readonly uploadedAt?: string | null;
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

export declare type Attachment = LazyLoading extends LazyLoadingDisabled ? EagerAttachment : LazyAttachment

export declare const Attachment: (new (init: ModelInit<Attachment>) => Attachment) & {
  copyOf(source: Attachment, mutator: (draft: MutableModel<Attachment>) => MutableModel<Attachment> | void): Attachment;
}

type EagerHandover = {
  readonly [__modelMeta__]: {
    identifier: ManagedIdentifier<Handover, 'id'>;
    readOnlyFields: 'createdAt' | 'updatedAt';
  };
  readonly id: string;
  readonly crewID?: string | null;
  readonly crewGroup?: string | null;
  readonly recordModel: string;
  readonly recordID: string;
  readonly toCrewID?: string | null;
  readonly handedOverAt: string;
  readonly recordVersion?: number | null;
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

type LazyHandover = {
  readonly [__modelMeta__]: {
    identifier: ManagedIdentifier<Handover, 'id'>;
    readOnlyFields: 'createdAt' | 'updatedAt';
  };
  readonly id: string;
  readonly crewID?: string | null;
  readonly crewGroup?: string | null;
  readonly recordModel: string;
  readonly recordID: string;
  readonly toCrewID?: string | null;
  readonly handedOverAt: string;
  readonly recordVersion?: number | null;
  readonly createdAt?: string | null;
  readonly updatedAt?: string | null;
}

export declare type Handover = LazyLoading extends LazyLoadingDisabled ? EagerHandover : LazyHandover

export declare const Handover: (new (init: ModelInit<Handover>) => Handover) & {
  copyOf(source: Handover, mutator: (draft: MutableModel<Handover>) => MutableModel<Handover> | void): Handover;
}