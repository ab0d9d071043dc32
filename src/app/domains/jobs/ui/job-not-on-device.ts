import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';

/** What a job's pages say when the job is not (or no longer) in the device's store. */
@Component({
  selector: 'fb-job-not-on-device',
  imports: [RouterLink],
  template: `
    <section class="empty-state" aria-labelledby="job-missing">
      <h1 id="job-missing">This job is not on this device</h1>
      <p>It may have been deleted here or on another device, or not synced here yet.</p>
      <a class="button" routerLink="/jobs">Back to jobs</a>
    </section>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobNotOnDevice {}
