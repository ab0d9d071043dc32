import { provideRouter } from '@angular/router';
import { render, screen } from '@testing-library/angular';

import { AppNav, NAV_LINKS } from './app-nav';

describe('AppNav', () => {
  it('offers every main screen as a link in the main navigation', async () => {
    await render(AppNav, { providers: [provideRouter([])] });

    const nav = screen.getByRole('navigation', { name: 'Main' });
    const labels = Array.from(nav.querySelectorAll('a')).map((link) => link.textContent?.trim());

    expect(labels).toEqual(NAV_LINKS.map((link) => link.label));
  });
});

describe('AppNav counts', () => {
  it('shows how many conflicts wait for review on the Conflicts link', async () => {
    await render(AppNav, { providers: [provideRouter([])], inputs: { counts: { '/conflicts': 2 } } });

    expect(screen.getByRole('link', { name: /^Conflicts\s+\(2 to review\)$/ })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Settings' })).toBeTruthy();
  });
});
