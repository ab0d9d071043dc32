import { render, screen, within } from '@testing-library/angular';

import { type ChangeToReview } from '../util/change-to-review';
import { ConflictCard } from './conflict-card';

const jobChange: ChangeToReview = {
  id: 'c1',
  kind: 'conflict',
  model: 'Job',
  recordId: 'job-1',
  operation: 'update',
  mine: { description: 'Check the sump pump and the float switch', status: 'DONE' },
  theirs: { description: 'Check the sump pump', status: 'ON_HOLD' },
  reason: 'Someone else changed this on the server before your change arrived.',
  at: Date.now(),
  label: 'Sump inspection',
};

/** How many lines a piece of text takes where it is laid out. */
function linesOf(element: Element, text: string): number {
  const node = Array.from(element.childNodes).find((child) => child.textContent?.includes(text));
  if (!node) throw new Error(`no “${text}” in ${element.textContent}`);
  const range = document.createRange();
  range.selectNodeContents(node);
  return new Set(Array.from(range.getClientRects()).map((rect) => Math.round(rect.top))).size;
}

describe('ConflictCard', () => {
  it('shows statuses in words and keeps a field’s name whole at larger text sizes', async () => {
    document.documentElement.style.fontSize = '150%';
    try {
      await render(ConflictCard, { inputs: { change: jobChange } });

      const description = screen.getByRole('rowheader', { name: /Description/ });
      expect(linesOf(description, 'Description')).withContext('“Description” on one line').toBe(1);
      const status = screen.getByRole('row', { name: /Status/ });
      expect(
        within(status)
          .getAllByRole('cell')
          .map((cell) => cell.textContent?.trim()),
      ).toEqual(['Done', 'On hold']);
    } finally {
      document.documentElement.style.fontSize = '';
    }
  });
});
