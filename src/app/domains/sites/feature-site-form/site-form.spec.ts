import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { render, screen } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';
import { BehaviorSubject } from 'rxjs';

import { Site } from '../../../../models';
import { signedInAs } from '../../account/data/account-session.testing';
import { crewsOnDevice, NORTH, SOUTH } from '../../crews/data/crew-repository.testing';
import { type SiteDraft, SiteRepository } from '../data/site-repository';
import { SiteForm } from './site-form';

function fakeRepository(existing?: Site) {
  const stored = new BehaviorSubject<readonly Site[]>(existing ? [existing] : []);
  return {
    stored,
    watchAll: () => stored,
    findById: jasmine.createSpy('findById').and.resolveTo(existing),
    create: jasmine.createSpy('create').and.callFake((draft: SiteDraft) => Promise.resolve(new Site({ ...draft }))),
    update: jasmine
      .createSpy('update')
      .and.callFake((_id: string, draft: SiteDraft) =>
        Promise.resolve(Site.copyOf(existing!, (d) => Object.assign(d, draft))),
      ),
    moveToCrew: jasmine
      .createSpy('moveToCrew')
      .and.callFake((_id: string, crewID: string | null) =>
        Promise.resolve(Site.copyOf(existing!, (d) => Object.assign(d, { crewID }))),
      ),
  };
}

async function renderForm(repository: ReturnType<typeof fakeRepository>, id?: string) {
  const view = await render(SiteForm, {
    providers: [provideRouter([]), { provide: SiteRepository, useValue: repository }, crewsOnDevice()],
    inputs: id ? { id } : {},
  });
  const navigate = spyOn(TestBed.inject(Router), 'navigate').and.resolveTo(true);
  await view.fixture.whenStable();
  return { view, navigate };
}

describe('SiteForm', () => {
  it('offers no fields to type into until the site being edited has loaded', async () => {
    const site = new Site({ name: 'Depot', notes: 'Gate code 1234' });
    const repository = fakeRepository(site);
    let finishLoading: (value: Site) => void = () => undefined;
    repository.findById.and.returnValue(new Promise<Site>((resolve) => (finishLoading = resolve)));
    const { fixture } = await render(SiteForm, {
      providers: [provideRouter([]), { provide: SiteRepository, useValue: repository }, crewsOnDevice()],
      inputs: { id: site.id },
    });

    expect(screen.getByRole('status').textContent).toContain('Loading the site');
    expect(screen.queryByRole('textbox', { name: 'Notes' })).toBeNull();

    finishLoading(site);
    await fixture.whenStable();
    expect((screen.getByRole('textbox', { name: 'Notes' }) as HTMLTextAreaElement).value).toBe('Gate code 1234');
  });

  it('will not save without a name and says why, next to the field', async () => {
    const repository = fakeRepository();
    await renderForm(repository);

    await userEvent.click(screen.getByRole('button', { name: 'Save site' }));

    const name = screen.getByRole('textbox', { name: 'Name (required)' });
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby')!)?.textContent).toContain(
      'Enter the site’s name.',
    );
    expect(document.activeElement).toBe(name);
    expect(repository.create).not.toHaveBeenCalled();
  });

  it('rejects letters in the phone number and latitudes outside -90..90, keeping what was typed', async () => {
    const repository = fakeRepository();
    await renderForm(repository);

    await userEvent.type(screen.getByRole('textbox', { name: 'Name (required)' }), 'Quarry');
    await userEvent.type(screen.getByRole('textbox', { name: 'Contact phone' }), '555-CALL');
    await userEvent.type(screen.getByRole('textbox', { name: 'Latitude' }), '95');
    await userEvent.type(screen.getByRole('textbox', { name: 'Longitude' }), '10');
    await userEvent.click(screen.getByRole('button', { name: 'Save site' }));

    expect(screen.getByText('Use only digits, spaces, +, -, dots and brackets.')).toBeTruthy();
    expect(screen.getByText('Enter a value from -90 to 90.')).toBeTruthy();
    expect((screen.getByRole('textbox', { name: 'Contact phone' }) as HTMLInputElement).value).toBe('555-CALL');
    expect(repository.create).not.toHaveBeenCalled();
  });

  it('asks for both coordinates when only one is given', async () => {
    const repository = fakeRepository();
    await renderForm(repository);

    await userEvent.type(screen.getByRole('textbox', { name: 'Name (required)' }), 'Quarry');
    await userEvent.type(screen.getByRole('textbox', { name: 'Latitude' }), '51.5');
    await userEvent.click(screen.getByRole('button', { name: 'Save site' }));

    expect(screen.getByText('Enter both latitude and longitude, or leave both empty.')).toBeTruthy();
    expect(repository.create).not.toHaveBeenCalled();
  });

  it('creates the site from trimmed values and opens its page', async () => {
    const repository = fakeRepository();
    const { navigate } = await renderForm(repository);

    await userEvent.type(screen.getByRole('textbox', { name: 'Name (required)' }), '  Pump station 4 ');
    await userEvent.type(screen.getByRole('textbox', { name: 'Contact phone' }), '+44 (0)20 7946-0018');
    await userEvent.type(screen.getByRole('textbox', { name: 'Latitude' }), '51.5074');
    await userEvent.type(screen.getByRole('textbox', { name: 'Longitude' }), '-0.1278');
    await userEvent.click(screen.getByRole('button', { name: 'Save site' }));

    expect(repository.create).toHaveBeenCalledOnceWith({
      name: 'Pump station 4',
      address: null,
      contactName: null,
      contactPhone: '+44 (0)20 7946-0018',
      notes: null,
      location: { latitude: 51.5074, longitude: -0.1278, accuracyMeters: null },
      crewID: null,
    });
    const created = (await repository.create.calls.mostRecent().returnValue) as Site;
    expect(navigate).toHaveBeenCalledWith(['/sites', created.id]);
  });

  it('makes the site for the crew the office chooses, or for none', async () => {
    const repository = fakeRepository();
    await renderForm(repository);
    const crew = screen.getByRole('combobox', { name: 'Crew' });
    expect([...crew.querySelectorAll('option')].map((option) => option.textContent?.trim())).toEqual([
      'No crew (office only)',
      'North',
      'South',
    ]);

    await userEvent.type(screen.getByRole('textbox', { name: 'Name (required)' }), 'Pump station 4');
    await userEvent.selectOptions(crew, 'North');
    await userEvent.click(screen.getByRole('button', { name: 'Save site' }));

    expect(repository.create).toHaveBeenCalledOnceWith(jasmine.objectContaining({ crewID: NORTH.id }));
  });

  it("shows an existing site's crew, and sends no crew with an edit that keeps it", async () => {
    const site = new Site({ name: 'Depot', crewID: NORTH.id, crewGroup: `crew-${NORTH.id}` });
    const repository = fakeRepository(site);
    await renderForm(repository, site.id);

    const name = await screen.findByDisplayValue('Depot');
    const crew = screen.getByRole('combobox', { name: 'Crew' }) as HTMLSelectElement;
    expect(crew.selectedOptions[0]?.textContent?.trim()).toBe('North');
    await userEvent.type(name, ' yard');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(repository.update).toHaveBeenCalledOnceWith(site.id, { name: 'Depot yard' });
    expect(repository.moveToCrew).not.toHaveBeenCalled();
  });

  it('moves an existing site to the crew the office chooses', async () => {
    const site = new Site({ name: 'Depot', crewID: NORTH.id, crewGroup: `crew-${NORTH.id}` });
    const repository = fakeRepository(site);
    await renderForm(repository, site.id);

    await screen.findByDisplayValue('Depot');
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Crew' }), 'South');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(repository.update).toHaveBeenCalledOnceWith(site.id, {});
    expect(repository.moveToCrew).toHaveBeenCalledOnceWith(site.id, SOUTH.id);
  });

  it('edits an existing site, sending only the fields the user changed', async () => {
    const site = new Site({ name: 'Depot', address: '1 Dock Rd', location: { latitude: 10, longitude: 20 } });
    const repository = fakeRepository(site);
    const { navigate } = await renderForm(repository, site.id);

    const name = await screen.findByDisplayValue('Depot');
    expect((screen.getByRole('textbox', { name: 'Latitude' }) as HTMLInputElement).value).toBe('10');
    await userEvent.clear(name);
    await userEvent.type(name, 'North depot');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    // The address is not sent: another device may have changed it since this form opened.
    expect(repository.update).toHaveBeenCalledOnceWith(site.id, { name: 'North depot' });
    expect(navigate).toHaveBeenCalledWith(['/sites', site.id]);
  });

  it('follows a change made elsewhere while open, and sends only what the user changed', async () => {
    const site = new Site({ name: 'Depot', address: '1 Dock Rd', notes: 'Gate code 1234' });
    const repository = fakeRepository(site);
    const { view } = await renderForm(repository, site.id);

    await userEvent.type(await screen.findByRole('textbox', { name: 'Contact name' }), 'Rui');
    repository.stored.next([Site.copyOf(site, (draft) => void (draft.address = '2 Quay St'))]);
    await view.fixture.whenStable();

    const notice = await screen.findByRole('status', { name: 'Changed on another device while you were editing' });
    expect(notice.textContent).toContain('Address is now “2 Quay St” (updated in the form)');
    expect((screen.getByRole('textbox', { name: 'Address' }) as HTMLInputElement).value).toBe('2 Quay St');
    await userEvent.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(repository.update).toHaveBeenCalledOnceWith(site.id, { contactName: 'Rui' });
  });

  it('fills the location from the device', async () => {
    spyOn(navigator.geolocation, 'getCurrentPosition').and.callFake((success) =>
      success({ coords: { latitude: 48.8583701, longitude: 2.2944813, accuracy: 12.4 } } as GeolocationPosition),
    );
    await renderForm(fakeRepository());

    await userEvent.click(screen.getByRole('button', { name: 'Use my location' }));

    expect((screen.getByRole('textbox', { name: 'Latitude' }) as HTMLInputElement).value).toBe('48.858370');
    expect((screen.getByRole('textbox', { name: 'Longitude' }) as HTMLInputElement).value).toBe('2.294481');
    expect(screen.getByText('Location set (accurate to about 12 m).')).toBeTruthy();
  });

  it('says how to allow location when the browser refuses it, and leaves the fields for typing', async () => {
    // Chrome's own message here is "User denied Geolocation"; other browsers give none.
    spyOn(navigator.geolocation, 'getCurrentPosition').and.callFake((_success, failure) =>
      failure?.({ code: 1, message: '' } as GeolocationPositionError),
    );
    await renderForm(fakeRepository());

    await userEvent.click(screen.getByRole('button', { name: 'Use my location' }));

    const status = await screen.findByText(/not allowed to use this device’s location/);
    expect(status.textContent).toContain('Allow location for this site in the browser’s settings');
    expect(status.textContent).toContain('Or enter the location by hand.');
    expect((screen.getByRole('button', { name: 'Use my location' }) as HTMLButtonElement).disabled).toBeFalse();
    expect((screen.getByRole('textbox', { name: 'Latitude' }) as HTMLInputElement).value).toBe('');
  });

  it('shows a failed save as an alert and keeps the form filled in', async () => {
    const repository = fakeRepository();
    repository.create.and.rejectWith(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    const { navigate } = await renderForm(repository);

    await userEvent.type(screen.getByRole('textbox', { name: 'Name (required)' }), 'Quarry');
    await userEvent.click(screen.getByRole('button', { name: 'Save site' }));

    expect((await screen.findByRole('alert')).textContent).toContain(
      'The site was not saved: this device is out of storage space.',
    );
    expect(screen.getByDisplayValue('Quarry')).toBeTruthy();
    expect(navigate).not.toHaveBeenCalled();
  });

  for (const editing of [false, true]) {
    it(`says Crew may not ${editing ? 'edit' : 'add'} sites when they open the form by its address`, async () => {
      const site = new Site({ name: 'Depot' });
      await render(SiteForm, {
        providers: [
          provideRouter([]),
          { provide: SiteRepository, useValue: fakeRepository(site) },
          crewsOnDevice(),
          signedInAs('Crew'),
        ],
        inputs: editing ? { id: site.id } : {},
      });

      expect(screen.getByRole('alert').textContent).toContain(`Your account may not ${editing ? 'edit' : 'add'} sites`);
      expect(screen.queryByRole('textbox')).toBeNull();
      expect(screen.queryByRole('button', { name: 'Save site' })).toBeNull();
    });
  }
});
