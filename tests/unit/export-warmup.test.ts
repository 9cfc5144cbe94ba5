/** When the page warms the export's renderer by itself (`app/export-warmup.ts`). */
import { describe, expect, it } from 'vitest';
import { warmsUnasked } from '../../src/app/export-warmup.ts';

describe('warming the export renderer unasked', () => {
  it('does on a desktop with memory to spare, or that does not say how much it has', () => {
    expect(warmsUnasked({ deviceMemory: 8 }, false)).toBe(true);
    expect(warmsUnasked({}, false)).toBe(true);
  });

  it('does not on a phone or tablet, short of memory, or saving data', () => {
    expect(warmsUnasked({ deviceMemory: 8 }, true)).toBe(false);
    expect(warmsUnasked({ deviceMemory: 2 }, false)).toBe(false);
    expect(warmsUnasked({ deviceMemory: 8, connection: { saveData: true } }, false)).toBe(false);
  });
});
