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
