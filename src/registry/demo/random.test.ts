import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SeededRandom } from './random.js';

describe('seeded random', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = new SeededRandom(1371);
    const b = new SeededRandom(1371);
    const c = new SeededRandom(1372);
    const seqA = Array.from({ length: 20 }, () => a.int(0, 1000));
    assert.deepEqual(seqA, Array.from({ length: 20 }, () => b.int(0, 1000)));
    assert.notDeepEqual(seqA, Array.from({ length: 20 }, () => c.int(0, 1000)));
  });

  it('keeps values within bounds and dates within the range', () => {
    const r = new SeededRandom(7);
    for (let i = 0; i < 1000; i++) {
      const n = r.int(3, 9);
      assert.ok(n >= 3 && n <= 9);
      const d = r.date('1990-02-27', '1990-03-02');
      assert.ok(d >= '1990-02-27' && d <= '1990-03-02', d);
    }
  });
});
