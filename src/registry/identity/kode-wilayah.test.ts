import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isFieldRule } from '../../core/http/field-rules.js';
import { packageRoot } from '../../core/paths.js';
import { validateKodeWilayah, type WilayahLevel } from './kode-wilayah.js';

const rules = (input: string, level?: WilayahLevel) => {
  const result = validateKodeWilayah(input, { level });
  return result.ok ? [] : result.violations.map((v) => v.rule);
};

describe('validateKodeWilayah', () => {
  it('returns level, kind and parent at every level', () => {
    assert.deepEqual(validateKodeWilayah('13'), { ok: true, value: '13', level: 'provinsi', kind: 'provinsi', parent: null });
    assert.deepEqual(validateKodeWilayah('13.71'), { ok: true, value: '13.71', level: 'kabkota', kind: 'kota', parent: '13' });
    assert.deepEqual(validateKodeWilayah('13.06'), { ok: true, value: '13.06', level: 'kabkota', kind: 'kabupaten', parent: '13' });
    assert.deepEqual(validateKodeWilayah('13.71.01'), { ok: true, value: '13.71.01', level: 'kecamatan', kind: 'kecamatan', parent: '13.71' });
    assert.deepEqual(validateKodeWilayah('13.71.01.1001'), {
      ok: true,
      value: '13.71.01.1001',
      level: 'kelurahan_desa',
      kind: 'kelurahan',
      parent: '13.71.01',
    });
    assert.equal((validateKodeWilayah('13.06.01.2001') as { kind: string }).kind, 'desa');
    assert.equal((validateKodeWilayah('92.01.01.3001') as { kind: string }).kind, 'desa_adat');
  });

  it('normalises codes without dots, and trims', () => {
    for (const [input, value] of [['1371011001', '13.71.01.1001'], ['137101', '13.71.01'], ['1371', '13.71'], [' 13.71.01.1001 ', '13.71.01.1001']]) {
      const result = validateKodeWilayah(input!);
      assert.ok(result.ok, input);
      assert.equal(result.value, value);
    }
  });

  it('kode_wilayah.format', () => {
    for (const input of ['', '1', '137', '13.7', '13.71.1.1001', '13.71.01.101', '1371.01', '13.71.01.1001.01', '13710110011', '13 71 01', 'ab', '１３']) {
      assert.deepEqual(rules(input), ['kode_wilayah.format'], input);
    }
  });
  it('kode_wilayah.province_range', () => assert.deepEqual(rules('03.71'), ['kode_wilayah.province_range']));
  it('kode_wilayah.kabkota_range', () => {
    assert.deepEqual(rules('13.00'), ['kode_wilayah.kabkota_range']);
    assert.deepEqual(rules('13.70.01'), ['kode_wilayah.kabkota_range']);
  });
  it('kode_wilayah.kecamatan_zero', () => assert.deepEqual(rules('13.71.00.1001'), ['kode_wilayah.kecamatan_zero']));
  it('kode_wilayah.village_type', () => {
    for (const t of '0456789') assert.deepEqual(rules(`13.71.01.${t}001`), ['kode_wilayah.village_type'], t);
  });
  it('kode_wilayah.village_serial_zero', () => assert.deepEqual(rules('13.71.01.1000'), ['kode_wilayah.village_serial_zero']));
  it('kode_wilayah.level', () => {
    assert.deepEqual(validateKodeWilayah('13.71.01', { level: 'kelurahan_desa' }), {
      ok: false,
      violations: [{ rule: 'kode_wilayah.level', params: { expected: 'kelurahan_desa', actual: 'kecamatan' } }],
    });
    assert.ok(validateKodeWilayah('1371011001', { level: 'kelurahan_desa' }).ok);
  });
  it('every broken rule at once', () => {
    assert.deepEqual(rules('0070000000', 'kecamatan'), [
      'kode_wilayah.province_range',
      'kode_wilayah.kabkota_range',
      'kode_wilayah.kecamatan_zero',
      'kode_wilayah.village_type',
      'kode_wilayah.village_serial_zero',
      'kode_wilayah.level',
    ]);
  });

  it('accepts every Padang code of the reference list, with its level and parent', async () => {
    const csv = await fs.readFile(path.join(packageRoot, 'node_modules/idn-area-data/data/villages.csv'), 'utf8').catch(() => null);
    const lines = (csv ?? '').replaceAll('"', '').split('\n').slice(1).filter((line) => line.startsWith('13.71.'));
    assert.ok(csv === null || lines.length > 100);
    for (const line of lines) {
      const [code, parent] = line.split(',');
      const result = validateKodeWilayah(code!.replaceAll('.', ''), { level: 'kelurahan_desa' });
      assert.ok(result.ok, code);
      assert.equal(result.value, code);
      assert.equal(result.parent, parent);
      assert.equal(result.kind, 'kelurahan');
    }
  });

  it('property: any well-formed code round-trips dotted and undotted, and its parent validates one level up', () => {
    const code = fc
      .tuple(
        fc.integer({ min: 11, max: 99 }),
        fc.constantFrom(...Array.from({ length: 99 }, (_, i) => i + 1).filter((k) => k !== 70)),
        fc.integer({ min: 1, max: 99 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 999 }),
        fc.integer({ min: 1, max: 4 }),
      )
      .map(([p, k, c, t, s, depth]) =>
        [String(p), String(k).padStart(2, '0'), String(c).padStart(2, '0'), `${t}${String(s).padStart(3, '0')}`].slice(0, depth).join('.'),
      );
    const levels: WilayahLevel[] = ['provinsi', 'kabkota', 'kecamatan', 'kelurahan_desa'];
    fc.assert(
      fc.property(code, (dotted) => {
        const a = validateKodeWilayah(dotted);
        const b = validateKodeWilayah(dotted.replaceAll('.', ''));
        assert.ok(a.ok && b.ok, dotted);
        assert.deepEqual(a, b);
        assert.equal(a.value, dotted);
        assert.equal(a.level, levels[dotted.split('.').length - 1]);
        if (a.parent !== null) {
          const parent = validateKodeWilayah(a.parent);
          assert.ok(parent.ok);
          assert.equal(levels.indexOf(parent.level), levels.indexOf(a.level) - 1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary strings', () => {
    const codeish = fc.string({ unit: fc.constantFrom('0', '1', '3', '7', '.', ' '), maxLength: 16 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), codeish), (input) => {
        const result = validateKodeWilayah(input, { level: 'kecamatan' });
        if (!result.ok) for (const v of result.violations) assert.ok(isFieldRule(v.rule), v.rule);
      }),
      { numRuns: 1000 },
    );
  });
});
