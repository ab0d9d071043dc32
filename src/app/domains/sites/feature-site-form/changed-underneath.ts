import { fieldLabel } from '../../shared/util/format-field';
import { type SiteDraft } from '../data/site-repository';
import { type createSiteForm } from './site-form-model';

export type SiteField = keyof SiteDraft & string;
type ControlName = keyof ReturnType<typeof createSiteForm>['controls'];

/** The form controls that show each field of a site. */
export const SITE_FIELD_CONTROLS: Readonly<Record<SiteField, readonly ControlName[]>> = {
  name: ['name'],
  address: ['address'],
  contactName: ['contactName'],
  contactPhone: ['contactPhone'],
  notes: ['notes'],
  location: ['latitude', 'longitude', 'accuracyMeters'],
};

/** A field's label and its value as a person reads it. */
export function describeSiteField(field: SiteField): { label: string; show: (draft: SiteDraft) => string } {
  return {
    label: fieldLabel(field),
    show: (draft) => {
      const value = draft[field];
      if (value === null || value === undefined || value === '') return '—';
      if (typeof value === 'object') return `${value.latitude}, ${value.longitude}`;
      return String(value);
    },
  };
}
