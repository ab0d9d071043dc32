import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { RouterOutlet } from '@angular/router';

import { AccountSession, SignInAgainNotice } from './domains/account/api';
import { OfflineReadinessNote, OfflineReadinessStore } from './domains/device/api';
import { photosWaitingText, PhotoTransfers } from './domains/photos/api';
import { SyncBar, SyncStatusStore } from './domains/sync/api';
import { AppNav } from './shell/app-nav';
import { UpdateBanner } from './shell/app-update/update-banner';
import { focusMainHeadingOnNavigation } from './shell/focus-main-heading';
import { OtherWindowNotice } from './shell/other-window-notice';

@Component({
  selector: 'fb-root',
  imports: [RouterOutlet, AppNav, OfflineReadinessNote, SyncBar, SignInAgainNotice, UpdateBanner, OtherWindowNotice],
  template: `
    <a class="skip-link" href="#main">Skip to content</a>
    <fb-app-nav [counts]="navCounts()">
      <fb-offline-readiness-note [message]="offline.message()" [ready]="offline.ready()" />
    </fb-app-nav>
    <fb-sync-bar
      [online]="sync.online()"
      [syncing]="sync.syncing()"
      [pending]="sync.pending()"
      [settled]="sync.settled()"
      [lastSyncedAt]="sync.lastSyncedAt()"
      [problem]="sync.problem()?.message ?? null"
      [toReview]="sync.toReviewCount()"
      [lastProgressAt]="sync.lastProgressAt()"
      [serverUnreachable]="sync.serverUnreachable()"
      [alsoWaiting]="photosWaiting()"
    />
    <fb-sign-in-again-notice [name]="signInAgainAs()" />
    <fb-update-banner />
    <fb-other-window-notice />
    <main id="main" tabindex="-1">
      <router-outlet />
    </main>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class App {
  protected readonly sync = inject(SyncStatusStore);
  protected readonly offline = inject(OfflineReadinessStore);
  private readonly photos = inject(PhotoTransfers);
  private readonly account = inject(AccountSession);
  protected readonly signInAgainAs = computed(() =>
    this.account.status() === 'sign-in-again' ? (this.account.user()?.name ?? '') : '',
  );
  protected readonly photosWaiting = computed(() => {
    const waiting = this.photos.waiting();
    return waiting > 0 ? photosWaitingText(waiting) : '';
  });
  protected readonly navCounts = computed(() => ({ '/conflicts': this.sync.toReviewCount() }));

  constructor() {
    focusMainHeadingOnNavigation();
  }
}
