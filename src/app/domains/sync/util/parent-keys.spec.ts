import { schema } from '../../../../models/schema';
import { keepingParentKeys, type ModelFields } from './parent-keys';

const JOB = schema.models['Job'] as unknown as ModelFields;

describe('keepingParentKeys', () => {
  it('leaves out a parent answered null while the record keeps its key to it', () => {
    const item = { id: 'j1', siteID: 's1', title: 'Pumps', site: null };

    expect(keepingParentKeys<Record<string, unknown>>(JOB, item)).toEqual({ id: 'j1', siteID: 's1', title: 'Pumps' });
    expect(item.site).toBeNull();
  });

  it('keeps a parent that came, and a null parent with no key', () => {
    const withParent = { id: 'j1', siteID: 's1', site: { id: 's1' } };
    const noKey = { id: 'j1', siteID: null, site: null };

    expect(keepingParentKeys(JOB, withParent)).toBe(withParent);
    expect(keepingParentKeys(JOB, noKey)).toBe(noKey);
  });

  it('changes nothing of a model it has no definition for', () => {
    const item = { id: 'x', site: null, siteID: 's1' };

    expect(keepingParentKeys(undefined, item)).toBe(item);
  });
});
