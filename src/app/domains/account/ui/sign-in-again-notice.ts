import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';

/** Shown on every page while the server wants the person to sign in again; their work goes on. */
@Component({
  selector: 'fb-sign-in-again-notice',
  imports: [RouterLink],
  template: `
    @if (name()) {
      <p class="sign-in-again" role="status">
        Sign in again, {{ name() }}: your changes stay on this device and are sent once you do.
        <a routerLink="/sign-in">Sign in</a>
      </p>
    }
  `,
  styles: `
    .sign-in-again {
      margin: 0;
      padding: 0.5rem 1rem;
      background: var(--color-warning-bg);
      color: var(--color-warning-text);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignInAgainNotice {
  /** The person asked to sign in again; empty when nobody is. */
  readonly name = input('');
}
