import { ChangeDetectionStrategy, Component, forwardRef, signal } from '@angular/core';
import { type ControlValueAccessor, NG_VALUE_ACCESSOR } from '@angular/forms';

import { type GeoPoint } from '../../../../models';
import { errorMessage } from '../../shared/util/error-message';
import { canLocate, formatCoordinates, locateDevice } from '../../shared/util/geolocation';

let nextId = 0;

/**
 * Where a note was taken: "Use my location" asks the device (GPS works offline), "Remove location"
 * takes it off. A form control, so the note forms treat it like their other fields.
 */
@Component({
  selector: 'fb-note-location',
  template: `
    <div class="note-location" role="group" [attr.aria-labelledby]="id">
      <span class="field-label" [id]="id">Location</span>
      <span>
        @if (point(); as point) {
          {{ coordinates(point) }}
          @if (point.accuracyMeters) {
            (within about {{ point.accuracyMeters }} m)
          }
        } @else {
          <span class="muted">None</span>
        }
      </span>
      <span class="row">
        @if (supported) {
          <button type="button" [disabled]="locating() || disabled()" (click)="locate()">Use my location</button>
        }
        @if (point()) {
          <button type="button" [disabled]="disabled()" (click)="set(null, 'Location removed.')">
            Remove location
          </button>
        }
      </span>
      <p class="muted" role="status">{{ message() }}</p>
    </div>
  `,
  styles: `
    .note-location {
      display: grid;
      gap: 0.25rem;
      margin-top: var(--space);
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }
    p {
      margin: 0;
    }
  `,
  providers: [{ provide: NG_VALUE_ACCESSOR, useExisting: forwardRef(() => NoteLocation), multi: true }],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoteLocation implements ControlValueAccessor {
  protected readonly id = `note-location-${nextId++}`;
  protected readonly supported = canLocate();
  protected readonly point = signal<GeoPoint | null>(null);
  protected readonly locating = signal(false);
  protected readonly disabled = signal(false);
  protected readonly message = signal('');
  protected readonly coordinates = formatCoordinates;
  private onChange: (value: GeoPoint | null) => void = () => undefined;
  private onTouched: () => void = () => undefined;

  writeValue(value: GeoPoint | null): void {
    this.point.set(value ?? null);
    if (!value) this.message.set('');
  }

  registerOnChange(fn: (value: GeoPoint | null) => void): void {
    this.onChange = fn;
  }

  registerOnTouched(fn: () => void): void {
    this.onTouched = fn;
  }

  setDisabledState(disabled: boolean): void {
    this.disabled.set(disabled);
  }

  protected async locate(): Promise<void> {
    this.locating.set(true);
    this.message.set('Finding your location…');
    try {
      const { latitude, longitude, accuracyMeters } = await locateDevice();
      this.set({ latitude, longitude, accuracyMeters }, `Location added (accurate to about ${accuracyMeters} m).`);
    } catch (error: unknown) {
      this.message.set(`${errorMessage(error)} The note can be saved without it.`);
    } finally {
      this.locating.set(false);
    }
  }

  protected set(point: GeoPoint | null, message: string): void {
    this.point.set(point);
    this.message.set(message);
    this.onChange(point);
    this.onTouched();
  }
}
