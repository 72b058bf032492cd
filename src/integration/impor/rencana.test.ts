import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { datasets } from './dataset.js';
import { rencanaBatch } from './pekerja.js';

const row = (nik: string, noKk: string) => ({ values: { nik, noKk } });

describe('the batch plan of an import', () => {
  it('never splits a family, keeps the file order otherwise, and is the same every time', () => {
    // Family A's third member comes last in the file; family C has no number (an invalid row).
    const rows = [row('1', 'A'), row('2', 'A'), row('3', 'B'), row('4', 'B'), row('5', 'C'), row('6', 'D'), row('7', 'A'), row('8', 'D')];
    rows[4]!.values.noKk = undefined as unknown as string;
    const plan = rencanaBatch(datasets.penduduk, rows, 2);
    assert.deepEqual(plan.map((batch) => batch.map((r) => r.values.nik)), [['1', '2', '7'], ['3', '4'], ['5', '6', '8']]);
    const families = new Map<string, number>();
    plan.forEach((batch, k) => batch.forEach((r) => {
      if (!r.values.noKk) return;
      assert.equal(families.get(r.values.noKk) ?? k, k, `family ${r.values.noKk} split`);
      families.set(r.values.noKk, k);
    }));
    assert.deepEqual(rencanaBatch(datasets.penduduk, rows, 2), plan);
    assert.equal(plan.flat().length, rows.length);
  });

  it('slices datasets without groups by size', () => {
    const rows = Array.from({ length: 5 }, (_v, i) => ({ values: { nip: String(i) } }));
    assert.deepEqual(rencanaBatch(datasets.pegawai, rows, 2).map((b) => b.length), [2, 2, 1]);
  });
});
