import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { personName } from './names.js';
import { SeededRandom } from './random.js';

describe('demo names', () => {
  it('are deterministic and varied', () => {
    const first = Array.from({ length: 50 }, (_, i) => personName(new SeededRandom(i), i % 2 ? 'L' : 'P'));
    const again = Array.from({ length: 50 }, (_, i) => personName(new SeededRandom(i), i % 2 ? 'L' : 'P'));
    assert.deepEqual(first, again);
    assert.ok(new Set(first).size > 30);
  });
});
