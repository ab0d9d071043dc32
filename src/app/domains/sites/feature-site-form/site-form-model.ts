import { type AbstractControl, FormControl, FormGroup, type ValidationErrors, Validators } from '@angular/forms';

import { type GeoPoint, type Site } from '../../../../models';
import { type SiteDraft } from '../data/site-repository';

/** Digits, spaces, +, -, dots, parentheses: how crews write phone numbers, with at least 3 digits. */
export const PHONE_PATTERN = /^\+?[0-9 ().-]*$/;

export type SiteFormGroup = ReturnType<typeof createSiteForm>;

export function createSiteForm() {
  const text = (...validators: ((c: AbstractControl) => ValidationErrors | null)[]) =>
    new FormControl('', { nonNullable: true, validators });
  return new FormGroup(
    {
      name: text(Validators.required, notBlank, Validators.maxLength(120)),
      address: text(Validators.maxLength(300)),
      contactName: text(Validators.maxLength(120)),
      contactPhone: text(phone),
      notes: text(Validators.maxLength(4000)),
      latitude: text(coordinate(-90, 90)),
      longitude: text(coordinate(-180, 180)),
      accuracyMeters: new FormControl<number | null>(null),
      /** The site's crew ('' for none); another one moves the site to it. */
      crewID: text(),
    },
    { validators: bothCoordinatesOrNone },
  );
}

export function notBlank(control: AbstractControl): ValidationErrors | null {
  return typeof control.value === 'string' && control.value.length > 0 && control.value.trim() === ''
    ? { required: true }
    : null;
}

export function phone(control: AbstractControl): ValidationErrors | null {
  const value = String(control.value ?? '').trim();
  if (!value) return null;
  if (!PHONE_PATTERN.test(value)) return { phoneCharacters: true };
  return value.replace(/\D/g, '').length < 3 ? { phoneDigits: true } : null;
}

export function coordinate(min: number, max: number) {
  return (control: AbstractControl): ValidationErrors | null => {
    const value = String(control.value ?? '').trim();
    if (!value) return null;
    const number = Number(value.replace(',', '.'));
    if (!Number.isFinite(number)) return { notANumber: true };
    return number < min || number > max ? { range: { min, max } } : null;
  };
}

export function bothCoordinatesOrNone(group: AbstractControl): ValidationErrors | null {
  const lat = String(group.get('latitude')?.value ?? '').trim();
  const lon = String(group.get('longitude')?.value ?? '').trim();
  return Boolean(lat) === Boolean(lon) ? null : { incompleteLocation: true };
}

/** The form's values as a site draft: trimmed, empty fields as null, the location only when complete. */
export function toDraft(values: ReturnType<SiteFormGroup['getRawValue']>): SiteDraft {
  const optional = (value: string) => value.trim() || null;
  const lat = values.latitude.trim();
  const lon = values.longitude.trim();
  const location: GeoPoint | null =
    lat && lon
      ? {
          latitude: Number(lat.replace(',', '.')),
          longitude: Number(lon.replace(',', '.')),
          accuracyMeters: values.accuracyMeters,
        }
      : null;
  return {
    name: values.name.trim(),
    address: optional(values.address),
    contactName: optional(values.contactName),
    contactPhone: optional(values.contactPhone),
    notes: optional(values.notes),
    location,
  };
}

export function fromSite(site: Site): ReturnType<SiteFormGroup['getRawValue']> {
  return {
    name: site.name,
    address: site.address ?? '',
    contactName: site.contactName ?? '',
    contactPhone: site.contactPhone ?? '',
    notes: site.notes ?? '',
    latitude: site.location ? String(site.location.latitude) : '',
    longitude: site.location ? String(site.location.longitude) : '',
    accuracyMeters: site.location?.accuracyMeters ?? null,
    crewID: site.crewID ?? '',
  };
}

/** The message shown under a field for its first error, or null. */
export function errorMessage(field: string, errors: ValidationErrors | null): string | null {
  if (!errors) return null;
  if (errors['required']) return field === 'name' ? 'Enter the site’s name.' : 'This field is required.';
  if (errors['maxlength']) return `Keep it under ${errors['maxlength'].requiredLength} characters.`;
  if (errors['phoneCharacters']) return 'Use only digits, spaces, +, -, dots and brackets.';
  if (errors['phoneDigits']) return 'A phone number needs at least 3 digits.';
  if (errors['notANumber']) return 'Enter a number, for example 51.5074.';
  if (errors['range']) return `Enter a value from ${errors['range'].min} to ${errors['range'].max}.`;
  return 'Check this value.';
}
