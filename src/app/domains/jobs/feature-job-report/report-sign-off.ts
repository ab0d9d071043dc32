import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, input, signal } from '@angular/core';

import { type SignOff } from '../../../../models';
import { failure } from '../../shared/util/error-message';
import { SignatureImage } from '../ui/signature-image';
import { PAD_HEIGHT, PAD_WIDTH, SignaturePad } from '../ui/signature-pad';
import { type StrokePoint, strokesToPath } from '../util/signature-strokes';

/** A signature to keep: who signed, and their strokes as SVG path data in the pad's box. */
export interface SignatureDraft {
  readonly signerName: string;
  readonly signature: string;
  readonly width: number;
  readonly height: number;
}

/**
 * The report's sign-off: the signature kept with the job, who signed and when, and whether the
 * report changed since; and, for someone who may edit the job, a form to sign it (again) on this
 * device, offline too. The form is for the screen only: paper shows the signature or "Not signed".
 */
@Component({
  selector: 'fb-report-sign-off',
  imports: [DatePipe, SignaturePad, SignatureImage],
  template: `
    <section aria-labelledby="report-sign-off">
      <h2 id="report-sign-off">Sign-off</h2>
      @if (signOff(); as signed) {
        <figure class="report-signature">
          <fb-signature-image
            [path]="signed.signature"
            [width]="signed.width"
            [height]="signed.height"
            [alt]="'Signature of ' + signed.signerName"
          />
          <figcaption>
            Signed by {{ signed.signerName }} ·
            <time [attr.datetime]="signed.signedAt">{{ signed.signedAt | date: 'medium' }}</time>
          </figcaption>
        </figure>
        @if (changed()) {
          <p class="report-changed">
            <strong>Changed after signing.</strong> The job, its notes or its photos changed after
            {{ signed.signerName }} signed: what they signed is not what this report shows.
          </p>
        }
      } @else {
        <p class="muted">Not signed.</p>
      }
      @if (maySign()) {
        @if (signing()) {
          <form class="report-screen-only sign-form" (submit)="submit($event, nameInput)" novalidate>
            <label for="signer-name" class="field-label">Name of the person signing</label>
            <input id="signer-name" #nameInput autocomplete="name" />
            <p class="field-label">Signature</p>
            <fb-signature-pad (strokes)="strokes.set($event)" />
            @if (problem(); as problem) {
              <p class="error" role="alert">{{ problem }}</p>
            }
            <div class="sign-actions">
              <button type="submit" class="primary" [disabled]="saving()">Sign the report</button>
              <button type="button" (click)="signing.set(false)">Cancel</button>
            </div>
          </form>
        } @else {
          <button type="button" class="report-screen-only" (click)="startSigning()">
            {{ signOff() ? 'Sign again' : 'Sign the report' }}
          </button>
        }
      }
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ReportSignOff {
  readonly signOff = input<SignOff | null | undefined>(null);
  /** The report no longer states what was signed. */
  readonly changed = input(false);
  /** The signed-in person may edit the job, so may have it signed. */
  readonly maySign = input(false);
  /** Resolves once the signature is kept on the device; rejects with what went wrong. */
  readonly sign = input.required<(draft: SignatureDraft) => Promise<void>>();

  protected readonly signing = signal(false);
  protected readonly saving = signal(false);
  protected readonly problem = signal<string | null>(null);
  protected readonly strokes = signal<readonly (readonly StrokePoint[])[]>([]);

  protected startSigning(): void {
    this.strokes.set([]);
    this.problem.set(null);
    this.signing.set(true);
  }

  protected async submit(event: Event, nameInput: HTMLInputElement): Promise<void> {
    event.preventDefault();
    const signerName = nameInput.value.trim();
    const signature = strokesToPath(this.strokes());
    if (!signerName) {
      this.problem.set('Type the name of the person signing.');
      nameInput.focus();
      return;
    }
    if (!signature) {
      this.problem.set('Sign in the box first.');
      return;
    }
    this.saving.set(true);
    this.problem.set(null);
    try {
      await this.sign()({ signerName, signature, width: PAD_WIDTH, height: PAD_HEIGHT });
      this.signing.set(false);
    } catch (error) {
      this.problem.set(
        `${failure('The signature could not be kept on this device', error)}. Your drawing is still here: try again.`,
      );
    } finally {
      this.saving.set(false);
    }
  }
}
