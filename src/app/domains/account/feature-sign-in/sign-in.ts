import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { RouterLink } from '@angular/router';

import { SignInStore } from './sign-in-store';

@Component({
  selector: 'fb-sign-in',
  imports: [DatePipe, RouterLink],
  providers: [SignInStore],
  templateUrl: './sign-in.html',
  styleUrl: './sign-in.css',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SignIn {
  protected readonly store = inject(SignInStore);
  /** Where to go once signed in (the page the guard turned away). */
  readonly next = input('/jobs');

  protected signIn(event: Event, email: HTMLInputElement, password: HTMLInputElement): void {
    event.preventDefault();
    void this.store.signIn(email.value, password.value, this.next() ?? '/jobs');
  }

  protected setNewPassword(event: Event, password: HTMLInputElement, repeated: HTMLInputElement): void {
    event.preventDefault();
    void this.store.setNewPassword(password.value, repeated.value, this.next() ?? '/jobs');
  }
}
