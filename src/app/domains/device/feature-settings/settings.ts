import { ChangeDetectionStrategy, Component, inject } from '@angular/core';

import { relativeTime } from '../../shared/util/relative-time';
import { OfflineReadinessStore } from '../data/offline-readiness-store';
import { APP_VERSION } from '../util/app-version';
import { formatBytes } from '../util/format-bytes';
import { SettingsStore } from './settings-store';

@Component({
  selector: 'fb-settings',
  providers: [SettingsStore],
  templateUrl: './settings.html',
  styleUrl: './settings.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Settings {
  protected readonly store = inject(SettingsStore);
  protected readonly offline = inject(OfflineReadinessStore);
  protected readonly version = APP_VERSION;
  protected readonly formatBytes = formatBytes;
  protected readonly relativeTime = relativeTime;
  protected readonly now = Date.now();

  protected saveCrewMember(event: Event, input: HTMLInputElement): void {
    event.preventDefault();
    this.store.saveCrewMember(input.value);
  }
}
