import { signal } from '@angular/core';
import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';

import { OfflineReadinessStore } from '../../domains/device/api';
import { InstallButton } from './install-button';
import { listenForInstallOffer } from './install-prompt';

function installOffer(outcome: 'accepted' | 'dismissed') {
  const event = new Event('beforeinstallprompt', { cancelable: true });
  const prompt = jasmine.createSpy('prompt').and.resolveTo();
  Object.assign(event, { prompt, userChoice: Promise.resolve({ outcome }) });
  return { event, prompt };
}

describe('InstallButton', () => {
  const target = new EventTarget();
  listenForInstallOffer(target as unknown as Window);
  const ready = signal(true);
  const renderButton = () =>
    render(InstallButton, { providers: [{ provide: OfflineReadinessStore, useValue: { ready } }] });

  beforeEach(() => ready.set(true));

  it('is hidden while the browser offers no installation', async () => {
    target.dispatchEvent(new Event('appinstalled'));
    await renderButton();

    expect(screen.queryByRole('button', { name: 'Install app' })).toBeNull();
  });

  it('is offered only once the device is ready for offline use', async () => {
    ready.set(false);
    const { fixture } = await renderButton();
    target.dispatchEvent(installOffer('dismissed').event);
    await fixture.whenStable();

    expect(screen.queryByRole('button', { name: 'Install app' })).toBeNull();

    ready.set(true);
    await fixture.whenStable();
    expect(screen.getByRole('button', { name: 'Install app' })).toBeTruthy();
  });

  it('opens the browser’s install dialog and disappears once installed', async () => {
    const { event, prompt } = installOffer('accepted');
    const { fixture } = await renderButton();
    target.dispatchEvent(event);
    await fixture.whenStable();

    expect(event.defaultPrevented).toBeTrue();
    await userEvent.click(screen.getByRole('button', { name: 'Install app' }));
    await fixture.whenStable();

    expect(prompt).toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Install app' })).toBeNull();
  });
});
