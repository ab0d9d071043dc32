import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';

import { type Site } from '../../../../models';
import { Permissions } from '../../account/api';
import { NO_CREW_LABEL } from '../../crews/api';
import {
  type ChangedUnderneath,
  ChangedUnderneathNotice,
  followStoredRecord,
  settled,
  withFresh,
} from '../../shared/ui/changed-underneath-notice';
import { changedFields } from '../../shared/util/changed-fields';
import { errorMessage as describeError } from '../../shared/util/error-message';
import { canLocate, locateDevice } from '../../shared/util/geolocation';
import { type SiteDraft } from '../data/site-repository';
import { describeSiteField, SITE_FIELD_CONTROLS, type SiteField } from './changed-underneath';
import { createSiteForm, errorMessage, fromSite, toDraft } from './site-form-model';
import { SiteFormStore } from './site-form-store';

type FieldName = 'name' | 'contactPhone' | 'latitude' | 'longitude' | 'address' | 'contactName' | 'notes';

/** Create (/sites/new) or edit (/sites/:id/edit) a site. */
@Component({
  selector: 'fb-site-form',
  imports: [ReactiveFormsModule, RouterLink, ChangedUnderneathNotice],
  providers: [SiteFormStore],
  templateUrl: './site-form.html',
  styleUrl: './site-form.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SiteForm {
  /** From the route (`:id/edit`); absent when creating. */
  readonly id = input<string>();

  protected readonly store = inject(SiteFormStore);
  private readonly permissions = inject(Permissions);
  /** A direct link to the form says so instead of offering what the server would refuse. */
  protected readonly mayWrite = computed(() => this.permissions.may(this.id() ? 'update' : 'create', 'Site'));
  protected readonly noCrew = NO_CREW_LABEL;

  /** Editable only once the site is loaded, so its stored values never overwrite what the user typed. */

  protected readonly ready = computed(() => !this.id() || this.store.site() !== null || this.store.error() !== null);
  protected readonly form = createSiteForm();
  protected readonly submitted = signal(false);
  protected readonly locating = signal(false);
  protected readonly locationMessage = signal<string | null>(null);
  protected readonly canLocate = canLocate();
  /** Re-render error messages whenever any value or validity changes. */
  protected readonly formState = toSignal(this.form.statusChanges.pipe(map(() => ({}))), { initialValue: {} });

  /** Fields another tab or device changed while the form was open, newest last. */
  protected readonly underneath = signal<readonly ChangedUnderneath[]>([]);

  private readonly router = inject(Router);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  /** The site as the form last took it from the store; only what the user changed from it is saved. */
  private base: SiteDraft | null = null;

  constructor() {
    effect(() => {
      const id = this.id();
      if (id) {
        void this.store.load(id).then((site) => {
          if (!site) return;
          this.form.reset(fromSite(site));
          this.base = toDraft(fromSite(site));
        });
      }
    });
    effect(() => {
      const latest = this.store.latest();
      if (latest) untracked(() => this.takeChangesFrom(latest));
    });
  }

  protected error(field: FieldName): string | null {
    this.formState();
    const control = this.form.controls[field];
    return control.invalid && (control.touched || this.submitted()) ? errorMessage(field, control.errors) : null;
  }

  protected locationError(): string | null {
    this.formState();
    return this.form.hasError('incompleteLocation') && this.submitted()
      ? 'Enter both latitude and longitude, or leave both empty.'
      : null;
  }

  protected async submit(): Promise<void> {
    this.submitted.set(true);
    this.form.markAllAsTouched();
    this.form.updateValueAndValidity();
    if (this.form.invalid) {
      // The error messages render on the next change detection; the control to fix is known now.
      const first = Object.entries(this.form.controls).find(([, control]) => control.invalid)?.[0] ?? 'latitude';
      this.host.nativeElement.querySelector<HTMLElement>(`#site-${first}`)?.focus();
      return;
    }
    const draft = toDraft(this.form.getRawValue());
    const crewID = this.form.controls.crewID.value || null;
    const id = await this.store.save({ ...draft, crewID }, this.base ? changedFields(this.base, draft) : draft);
    if (id) await this.router.navigate(['/sites', id]);
  }

  protected async useMyLocation(): Promise<void> {
    this.locating.set(true);
    this.locationMessage.set('Finding your location…');
    try {
      const position = await locateDevice();
      this.form.patchValue({
        latitude: position.latitude.toFixed(6),
        longitude: position.longitude.toFixed(6),
        accuracyMeters: position.accuracyMeters,
      });
      this.locationMessage.set(`Location set (accurate to about ${position.accuracyMeters} m).`);
    } catch (error: unknown) {
      this.locationMessage.set(`${describeError(error)} Or enter the location by hand.`);
    } finally {
      this.locating.set(false);
    }
  }

  /** The user settles a field both changed by taking the other device's value. */
  protected useTheirs(field: string): void {
    const latest = this.store.latest();
    if (!latest) return;
    this.takeField(latest, field as SiteField);
    this.underneath.update((list) => settled(list, field));
  }

  /** Fields the user has not touched follow the stored site; fields both changed are listed to decide. */
  private takeChangesFrom(latest: Site): void {
    if (!this.base) return;
    const theirs = toDraft(fromSite(latest));
    const mine = toDraft(this.form.getRawValue());
    const fresh = followStoredRecord(
      this.base,
      theirs,
      mine,
      (field) => this.takeField(latest, field),
      (field, clash): ChangedUnderneath => {
        const { label, show } = describeSiteField(field);
        return { field, label, theirs: show(theirs), mine: show(mine), clash };
      },
    );
    this.base = theirs;
    if (fresh.length > 0) this.underneath.update((list) => withFresh(list, fresh));
  }

  private takeField(latest: Site, field: SiteField): void {
    const stored = fromSite(latest);
    for (const control of SITE_FIELD_CONTROLS[field]) this.form.controls[control].setValue(stored[control] as never);
  }
}
