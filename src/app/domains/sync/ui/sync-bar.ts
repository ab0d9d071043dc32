import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';

import { syncBarMessage } from '../util/sync-bar-message';

/** How often "2 min ago" is brought up to date. */
export const SYNC_BAR_TICK_MS = 10_000;

/** One line under the app bar saying whether the crew's work has reached the server. */
@Component({
  selector: 'fb-sync-bar',
  imports: [RouterLink],
  template: `
    <div class="sync-bar" [class]="message().tone" role="status" aria-live="polite">
      <span class="dot" aria-hidden="true"></span>
      <span>{{ message().text }}</span>
      @if (toReview() > 0) {
        <a class="review" routerLink="/conflicts">Review</a>
      }
    </div>
  `,
  styles: `
    .sync-bar {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      padding: 0.35rem var(--space);
      font-size: 0.9rem;
      line-height: 1.3;
      border-bottom: 1px solid var(--color-border);
      background: var(--color-surface);
      color: var(--color-text);
    }
    .review {
      margin-left: auto;
      display: inline-flex;
      align-items: center;
      min-height: var(--tap);
      padding: 0 0.5rem;
      font-weight: 600;
    }
    .dot {
      flex: none;
      width: 0.7rem;
      height: 0.7rem;
      border-radius: 50%;
      background: var(--color-muted);
    }
    .offline {
      background: var(--color-warning-bg);
      color: var(--color-warning-text);
    }
    .offline .dot {
      background: var(--color-warning-text);
    }
    .ok {
      background: var(--color-ok-bg);
      color: var(--color-ok-text);
    }
    .ok .dot {
      background: var(--color-ok-text);
    }
    .error {
      color: var(--color-danger);
      font-weight: 600;
    }
    .error .dot {
      background: var(--color-danger);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SyncBar {
  readonly online = input.required<boolean>();
  readonly syncing = input(false);
  readonly pending = input(0);
  /** See SyncBarFacts.settled. */
  readonly settled = input.required<boolean>();
  readonly lastSyncedAt = input<number | null>(null);
  readonly problem = input<string | null>(null);
  readonly toReview = input(0);
  readonly lastProgressAt = input<number | null>(null);
  readonly serverUnreachable = input(false);
  /** What else waits to reach the server, in words (photos' bytes are not DataStore changes). */
  readonly alsoWaiting = input('');

  private readonly now = signal(Date.now());

  protected readonly message = computed(() =>
    syncBarMessage({
      online: this.online(),
      syncing: this.syncing(),
      pending: this.pending(),
      settled: this.settled(),
      lastSyncedAt: this.lastSyncedAt(),
      problem: this.problem(),
      toReview: this.toReview(),
      lastProgressAt: this.lastProgressAt(),
      serverUnreachable: this.serverUnreachable(),
      alsoWaiting: this.alsoWaiting(),
      now: this.now(),
    }),
  );

  constructor() {
    const timer = setInterval(() => this.now.set(Date.now()), SYNC_BAR_TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(timer));
  }
}
