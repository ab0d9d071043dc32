import { fireEvent, render, screen, within } from '@testing-library/angular';
import userEvent from '@testing-library/user-event';

import { until } from '../../shared/util/until.testing';
import { type PhotoView } from '../util/photo-view';
import { PhotoGallery, type PhotoPick } from './photo-gallery';

const jpeg = (text: string) => new Blob([text], { type: 'image/jpeg' });

function photo(id: string, overrides: Partial<PhotoView> = {}): PhotoView {
  return {
    id,
    key: `public/photos/j/${id}.jpg`,
    hash: id,
    fieldNoteID: null,
    contentType: 'image/jpeg',
    caption: null,
    takenAt: '2026-11-28T09:15:00.000Z',
    width: 2048,
    height: 1536,
    uploaded: true,
    full: jpeg(`full ${id}`),
    thumbnail: jpeg(`thumb ${id}`),
    loading: false,
    moving: false,
    ...overrides,
  };
}

async function renderGallery(photos: readonly PhotoView[], inputs: Record<string, unknown> = {}) {
  const picks: PhotoPick[] = [];
  const loads: PhotoView[] = [];
  const removals: PhotoView[] = [];
  await render(PhotoGallery, {
    inputs: { photos, ...inputs },
    on: {
      attach: (pick: PhotoPick) => picks.push(pick),
      loadPhoto: (view: PhotoView) => loads.push(view),
      removePhoto: (view: PhotoView) => removals.push(view),
    },
  });
  return { picks, loads, removals };
}

describe('PhotoGallery', () => {
  it('hands the chosen files on, with the location choice, and lets the same file be picked again', async () => {
    const { picks } = await renderGallery([], { canLocate: true });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Add my location' }));
    const input = screen.getByLabelText<HTMLInputElement>('Photo files');
    const file = new File(['x'], 'IMG_1.jpg', { type: 'image/jpeg' });

    await userEvent.upload(input, file);

    expect(picks.length).toBe(1);
    expect(picks[0]?.files.map((f) => f.name)).toEqual(['IMG_1.jpg']);
    expect(picks[0]?.withLocation).toBe(true);
    expect(input.value).toBe('');
    expect(screen.getByLabelText<HTMLInputElement>('Photo from the camera').getAttribute('capture')).toBe(
      'environment',
    );
  });

  it('hands the typed caption on with the picked photo, then clears it for the next one', async () => {
    const { picks } = await renderGallery([]);
    const caption = screen.getByRole('textbox', { name: 'Caption' });

    await userEvent.type(caption, ' Gauge before clearing ');
    await userEvent.upload(screen.getByLabelText('Photo files'), new File(['x'], 'IMG_3.jpg', { type: 'image/jpeg' }));
    await userEvent.upload(screen.getByLabelText('Photo files'), new File(['y'], 'IMG_4.jpg', { type: 'image/jpeg' }));

    expect(picks.map((pick) => pick.caption)).toEqual(['Gauge before clearing', null]);
    expect((caption as HTMLInputElement).value).toBe('');
  });

  it('takes a photo for a field note when one is chosen, and names the note on its thumbnail', async () => {
    const notes = [{ id: 'n1', label: 'Note 1 · 28 Nov 2026, 09:15' }];
    const { picks } = await renderGallery([photo('a', { fieldNoteID: 'n1' })], { notes });

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'For' }), 'Note 1 · 28 Nov 2026, 09:15');
    await userEvent.upload(screen.getByLabelText('Photo files'), new File(['x'], 'IMG_2.jpg', { type: 'image/jpeg' }));

    expect(picks[0]?.fieldNoteID).toBe('n1');
    expect(screen.getByRole('button', { name: 'Photo 1 of 1, on Note 1 · 28 Nov 2026, 09:15, uploaded' })).toBeTruthy();
  });

  it('names each thumbnail with its place and upload state, and says how many wait', async () => {
    await renderGallery([photo('a', { uploaded: false }), photo('b')], { waiting: 1 });

    expect(screen.getByRole('button', { name: 'Photo 1 of 2, waiting to upload' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Photo 2 of 2, uploaded' })).toBeTruthy();
    expect(screen.getByText('1 photo waiting to upload')).toBeTruthy();
  });

  it('shows a placeholder for a photo taken on another device, loaded on tap when online', async () => {
    const remote = photo('r', { full: null, thumbnail: null });
    const { loads } = await renderGallery([remote], { online: true });

    await userEvent.click(screen.getByRole('button', { name: 'Load Photo 1 of 1' }));

    expect(loads.map((view) => view.id)).toEqual(['r']);
  });

  it('offline, a photo not on the device says so instead of offering to load it', async () => {
    await renderGallery([photo('r', { full: null, thumbnail: null })], { online: false });

    expect(screen.queryByRole('button', { name: /^Load/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Photo 1 of 1, not on this device' })).toBeTruthy();
  });

  it('a photo whose job moved to another crew says it is being moved there, not that it failed or can load', async () => {
    const moving = photo('m', { full: null, thumbnail: null, moving: true });
    await renderGallery([moving], { online: true });

    expect(screen.queryByRole('button', { name: /^Load/ })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Photo 1 of 1, being moved to its new crew' }));
    const viewer = screen.getByRole('dialog', { name: 'Photo 1 of 1' });
    expect(within(viewer).getByText(/being moved to the folder of this job’s new crew/)).toBeTruthy();
    expect(within(viewer).queryByRole('button', { name: 'Load photo' })).toBeNull();
  });

  it('shows a photo full size on tap and pages with the buttons and the arrow keys', async () => {
    await renderGallery([photo('a'), photo('b'), photo('c')]);

    await userEvent.click(screen.getByRole('button', { name: 'Photo 2 of 3, uploaded' }));
    const viewer = screen.getByRole('dialog', { name: 'Photo 2 of 3' });
    expect(within(viewer).getByRole('img', { name: 'Photo 2 of 3' })).toBeTruthy();

    await userEvent.click(within(viewer).getByRole('button', { name: 'Next' }));
    expect(screen.getByRole('dialog', { name: 'Photo 3 of 3' })).toBeTruthy();
    expect(within(screen.getByRole('dialog')).getByRole<HTMLButtonElement>('button', { name: 'Next' }).disabled).toBe(
      true,
    );

    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'ArrowLeft' });
    fireEvent.keyDown(screen.getByRole('dialog'), { key: 'ArrowLeft' });
    expect(await screen.findByRole('dialog', { name: 'Photo 1 of 3' })).toBeTruthy();
  });

  it('pages with a swipe', async () => {
    await renderGallery([photo('a'), photo('b')]);
    await userEvent.click(screen.getByRole('button', { name: 'Photo 1 of 2, uploaded' }));
    const viewer = screen.getByRole('dialog');

    fireEvent.pointerDown(viewer, { clientX: 300 });
    fireEvent.pointerUp(viewer, { clientX: 120 });

    expect(await screen.findByRole('dialog', { name: 'Photo 2 of 2' })).toBeTruthy();
  });

  it('deletes only after the confirm step, and Keep photo keeps it', async () => {
    const { removals } = await renderGallery([photo('a'), photo('b')]);
    await userEvent.click(screen.getByRole('button', { name: 'Photo 2 of 2, uploaded' }));

    const deleteButton = within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' });
    await userEvent.click(deleteButton);
    expect(removals).toEqual([]);
    // The confirm step has the focus, on the choice that keeps the photo.
    await until('the confirm step has the focus', () => document.activeElement?.textContent?.trim() === 'Keep photo');
    await userEvent.keyboard('{Enter}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(removals).toEqual([]);
    expect(document.activeElement).toBe(deleteButton);

    await userEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Delete' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete this photo on every device?' });
    await userEvent.click(within(confirm).getByRole('button', { name: 'Delete photo' }));

    expect(removals.map((view) => view.id)).toEqual(['b']);
  });

  it('says why the last upload failed while photos wait', async () => {
    await renderGallery([photo('a', { uploaded: false })], { waiting: 1, uploadProblem: 'Access Denied' });

    expect(screen.getByRole('status').textContent).toContain(
      '1 photo waiting to upload · Last upload attempt failed (Access Denied); trying again.',
    );
  });

  it('online with no signal, says a waiting photo uploads once the server can be reached, not that it failed', async () => {
    await renderGallery([photo('a', { uploaded: false })], { waiting: 1, uploadProblem: 'Network Error' });

    expect(screen.getByRole('status').textContent?.trim()).toBe(
      '1 photo waiting to upload · Uploads once the server can be reached; trying again.',
    );
  });

  it('offline, says a waiting photo uploads once online, not that an attempt failed', async () => {
    await renderGallery([photo('a', { uploaded: false })], {
      waiting: 1,
      online: false,
      uploadProblem: 'A network error has occurred.',
    });

    expect(screen.getByRole('status').textContent?.trim()).toBe(
      '1 photo waiting to upload · Uploads once the device is online again.',
    );
  });

  it('shows the message of a refused file', async () => {
    await renderGallery([], { message: '“plan.pdf” was not attached: “plan.pdf” is not a photo.' });

    expect(screen.getByRole('alert').textContent).toContain('“plan.pdf” is not a photo');
  });
});
