import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';

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

  it('is hidden while the browser offers no installation', async () => {
    target.dispatchEvent(new Event('appinstalled'));
    await render(InstallButton);

    expect(screen.queryByRole('button', { name: 'Install app' })).toBeNull();
  });

  it('opens the browser’s install dialog and disappears once installed', async () => {
    const { event, prompt } = installOffer('accepted');
    const { fixture } = await render(InstallButton);
    target.dispatchEvent(event);
    await fixture.whenStable();

    expect(event.defaultPrevented).toBeTrue();
    await userEvent.click(screen.getByRole('button', { name: 'Install app' }));
    await fixture.whenStable();

    expect(prompt).toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'Install app' })).toBeNull();
  });
});
