import { ChangeDetectionStrategy, Component, inject } from '@angular/core';

import { ConflictCard } from '../ui/conflict-card';
import { ConflictsStore } from './conflicts-store';

@Component({
  selector: 'fb-conflicts',
  imports: [ConflictCard],
  providers: [ConflictsStore],
  template: `
    <header class="page-header">
      <h1>Conflicts</h1>
    </header>
    <p class="muted" role="status">{{ store.notice() }}</p>
    @if (store.error(); as error) {
      <p class="error" role="alert">{{ error }}</p>
    }
    @if (store.changes().length === 0) {
      <section class="empty-state" aria-labelledby="no-conflicts">
        <h2 id="no-conflicts">Nothing to review</h2>
        <p>When the server turns down one of your changes, it waits here with your values so nothing is lost.</p>
      </section>
    } @else {
      <ul class="card-list" aria-label="Changes to review">
        @for (change of store.changes(); track change.id) {
          <li>
            <fb-conflict-card
              [change]="change"
              [context]="store.contexts()[change.id] ?? null"
              [busy]="store.busyId() === change.id"
              (keepMine)="store.keepMine(change)"
              (takeTheirs)="store.takeTheirs(change)"
              (saveMerged)="store.saveMerged(change, $event)"
              (retry)="store.retry(change)"
              (restoreChildren)="store.restoreChildren(change)"
            />
          </li>
        }
      </ul>
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Conflicts {
  protected readonly store = inject(ConflictsStore);
}
