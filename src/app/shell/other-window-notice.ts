import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  type ElementRef,
  inject,
  viewChild,
} from '@angular/core';

import { type InactiveReason, SyncLeadership } from '../domains/shared/data/sync-leadership';
import { RELOAD_TAB } from '../domains/sync/api';

const MESSAGES: Readonly<Record<InactiveReason, { title: string; body: string; action: string }>> = {
  'models-changed': {
    title: 'Fieldbook was updated in another window',
    body: 'This window has stopped so the update can finish safely. Everything saved is kept.',
    action: 'Reload to continue',
  },
  'store-closed': {
    title: 'This device’s data changed in another window',
    body: 'Another Fieldbook window cleared or updated the data on this device.',
    action: 'Reload to continue',
  },
  elsewhere: {
    title: 'Fieldbook is open in another window',
    body: 'This browser lets only one Fieldbook window at a time work with the data on this device.',
    action: 'Use Fieldbook here',
  },
};

/** Covers the app once this tab has let go of the device store, and offers the way back. */
@Component({
  selector: 'fb-other-window-notice',
  template: `
    @if (message(); as message) {
      <div class="backdrop">
        <section
          role="alertdialog"
          aria-modal="true"
          aria-labelledby="other-window-title"
          aria-describedby="other-window-body"
        >
          <h2 id="other-window-title">{{ message.title }}</h2>
          <p id="other-window-body">{{ message.body }}</p>
          <button #action type="button" class="primary" (click)="reload()">{{ message.action }}</button>
        </section>
      </div>
    }
  `,
  styles: `
    .backdrop {
      position: fixed;
      inset: 0;
      z-index: 100;
      display: grid;
      place-items: center;
      padding: 1rem;
      background: rgb(0 0 0 / 55%);
    }
    section {
      max-width: 28rem;
      padding: 1.25rem;
      border-radius: var(--radius);
      background: var(--color-surface);
      color: var(--color-text);
    }
    h2 {
      margin: 0 0 0.5rem;
      font-size: 1.125rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OtherWindowNotice {
  private readonly leadership = inject(SyncLeadership);
  private readonly action = viewChild<ElementRef<HTMLButtonElement>>('action');
  protected readonly reload = inject(RELOAD_TAB);
  protected readonly message = computed(() => {
    const reason = this.leadership.role() === 'inactive' ? this.leadership.inactiveReason() : null;
    return reason ? MESSAGES[reason] : null;
  });

  constructor() {
    effect(() => this.action()?.nativeElement.focus());
  }
}
