import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { describe, it } from 'node:test';
import { sidikCocok, sidikNilai } from './sidik.js';

describe('value fingerprints of provenance', () => {
  it('are stable, 11 characters, and tell values apart', () => {
    assert.equal(sidikNilai('Siti Rahmah'), sidikNilai('Siti Rahmah'));
    assert.equal(sidikNilai('Siti Rahmah').length, 11);
    assert.match(sidikNilai(''), /^[0-9a-v]{11}$/);
    const seen = new Set(Array.from({ length: 100_000 }, (_v, i) => sidikNilai(`Warga ${i}`)));
    assert.equal(seen.size, 100_000);
    assert.notEqual(sidikNilai('1371010101900001'), sidikNilai('1371010101900002'));
  });

  it('match values whether taken now or by the earlier md5 form', () => {
    assert.ok(sidikCocok(sidikNilai('Padang'), 'Padang'));
    assert.ok(!sidikCocok(sidikNilai('Padang'), 'Pariaman'));
    const legacy = crypto.createHash('md5').update('Padang').digest('hex').slice(0, 16);
    assert.ok(sidikCocok(legacy, 'Padang'));
    assert.ok(!sidikCocok(legacy, 'Pariaman'));
    assert.ok(!sidikCocok(undefined, 'Padang'));
  });
});
