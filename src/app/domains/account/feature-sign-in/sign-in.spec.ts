import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';

import { SyncEngineHost, SyncStatusStore } from '../../sync/api';
import { AccountSession, type SessionStatus, type SignInStep } from '../data/account-session';
import { type AccountUser } from '../util/account-user';
import { ANA } from '../util/account-user.testing';
import { SignIn } from './sign-in';

/** The session as the page sees it: its signals, and sign-in calls answering as the user pool would. */
function sessionDouble(answers: { signIn?: () => Promise<SignInStep>; setNewPassword?: () => Promise<SignInStep> }) {
  const calls: string[] = [];
  return {
    calls,
    status: signal<SessionStatus>('signed-out'),
    user: signal<AccountUser | null>(null),
    waitingFor: signal<AccountUser | null>(null),
    signIn: (email: string, password: string) => {
      calls.push(`signIn ${email} ${password}`);
      return answers.signIn?.() ?? Promise.resolve<SignInStep>('signed-in');
    },
    setNewPassword: (password: string) => {
      calls.push(`setNewPassword ${password}`);
      return answers.setNewPassword?.() ?? Promise.resolve<SignInStep>('signed-in');
    },
  };
}

function refusal(name: string, message: string): () => Promise<SignInStep> {
  return () => Promise.reject(Object.assign(new Error(message), { name }));
}

async function renderSignIn(session: ReturnType<typeof sessionDouble>, pending = 0) {
  const restarts: string[] = [];
  await render(SignIn, {
    inputs: { next: '/jobs/j1' },
    providers: [
      provideRouter([]),
      { provide: AccountSession, useValue: session },
      { provide: SyncEngineHost, useValue: { restartSync: () => Promise.resolve(void restarts.push('restart')) } },
      { provide: SyncStatusStore, useValue: { pending: signal(pending) } },
    ],
  });
  const navigations: string[] = [];
  spyOn(TestBed.inject(Router), 'navigateByUrl').and.callFake((url) => {
    navigations.push(String(url));
    return Promise.resolve(true);
  });
  return { restarts, navigations };
}

async function submit(email: string, password: string): Promise<void> {
  await userEvent.type(screen.getByLabelText('Email'), email);
  await userEvent.type(screen.getByLabelText('Password'), password);
  await userEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignIn', () => {
  it('says a wrong password is wrong, in the alert the fields point at', async () => {
    const session = sessionDouble({ signIn: refusal('NotAuthorizedException', 'Incorrect username or password.') });
    const { restarts } = await renderSignIn(session);

    await submit('ana@example.test', 'guess');

    expect((await screen.findByRole('alert')).textContent).toContain('Wrong email or password.');
    expect(screen.getByLabelText('Email').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText('Email').getAttribute('aria-describedby')).toBe('sign-in-error');
    expect(restarts).toEqual([]);
  });

  it('says when the account is locked after too many attempts', async () => {
    await renderSignIn(sessionDouble({ signIn: refusal('NotAuthorizedException', 'Password attempts exceeded') }));
    await submit('ana@example.test', 'guess');
    expect((await screen.findByRole('alert')).textContent).toContain('Too many attempts');
  });

  it('says when there is no connection', async () => {
    await renderSignIn(sessionDouble({ signIn: refusal('NetworkError', 'A network error has occurred.') }));
    await submit('ana@example.test', 'Harbour-pumps-7');
    expect((await screen.findByRole('alert')).textContent).toContain('No connection to the server.');
  });

  it('asks an invited person for a new password, then starts sync and opens the page they wanted', async () => {
    const session = sessionDouble({ signIn: () => Promise.resolve('new-password') });
    const { restarts, navigations } = await renderSignIn(session);

    await submit('ana@example.test', 'Tmp-0000');
    await screen.findByRole('heading', { name: 'Choose your password' });
    await userEvent.type(screen.getByLabelText('New password'), 'Harbour-pumps-7');
    await userEvent.type(screen.getByLabelText('New password again'), 'Harbour-pumps-8');
    await userEvent.click(screen.getByRole('button', { name: 'Save password and sign in' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The two passwords differ.');
    expect(restarts).toEqual([]);

    await userEvent.clear(screen.getByLabelText('New password again'));
    await userEvent.type(screen.getByLabelText('New password again'), 'Harbour-pumps-7');
    await userEvent.click(screen.getByRole('button', { name: 'Save password and sign in' }));

    await screen.findByRole('heading', { name: 'Sign in' });
    expect(session.calls).toEqual(['signIn ana@example.test Tmp-0000', 'setNewPassword Harbour-pumps-7']);
    expect(restarts).toEqual(['restart']);
    expect(navigations).toEqual(['/jobs/j1']);
  });

  it('while someone’s changes wait, lets only that person sign in', async () => {
    const session = sessionDouble({});
    session.waitingFor.set(ANA);
    await renderSignIn(session, 2);

    expect(screen.getByText(/Changes by Ana Silva wait on this device/)).toBeTruthy();
    const email = screen.getByLabelText('Email') as HTMLInputElement;
    expect(email.value).toBe('ana@example.test');
    await userEvent.clear(email);
    await submit('bo@example.test', 'Quarry-lane-3');

    expect((await screen.findByRole('alert')).textContent).toContain('Sign in as ana@example.test to send them first.');
    expect(session.calls).toEqual([]);
  });

  describe('after the office had this device erased', () => {
    afterEach(() => localStorage.removeItem('fieldbook.wiped'));

    it('says what happened and why, and that unsent changes went with it', async () => {
      localStorage.setItem('fieldbook.wiped', JSON.stringify({ name: 'Ana Silva', erasedAt: Date.now() }));
      await renderSignIn(sessionDouble({}));

      const notice = screen.getByRole('status');
      expect(notice.textContent).toContain('Fieldbook’s data on this device was erased on');
      expect(notice.textContent).toContain('as your office asked for Ana Silva’s devices (a lost or stolen phone)');
      expect(notice.textContent).toContain('Changes this device had not sent were erased with it.');
    });

    it('says nothing of it on a device that was not erased', async () => {
      await renderSignIn(sessionDouble({}));
      expect(screen.queryByText(/was erased/)).toBeNull();
    });
  });
});
