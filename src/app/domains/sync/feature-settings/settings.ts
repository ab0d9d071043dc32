import { ChangeDetectionStrategy, Component } from '@angular/core';

@Component({
  selector: 'fb-settings',
  template: `<h1>Settings</h1>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Settings {}
