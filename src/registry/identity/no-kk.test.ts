import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isFieldRule } from '../../core/http/field-rules.js';
import { pad } from './common.js';
import { validateNoKk } from './no-kk.js';

const KNOWN = new Set(['13.71.01', '13.71.02', '13.71.05', '13.71.11']);
const options = { isKnownKecamatan: (code: string) => KNOWN.has(code) };
const VALID = '1371012005120017';

const rules = (input: string) => {
  const result = validateNoKk(input, options);
  return result.ok ? [] : result.violations.map((v) => v.rule);
};

describe('validateNoKk', () => {
  it('parses a valid number, separators stripped', () => {
    assert.deepEqual(validateNoKk('1371 0120 0512 0017', options), { ok: true, value: VALID, kecamatan: '13.71.01' });
    assert.deepEqual(validateNoKk('13.71.01-200512-0017', options), { ok: true, value: VALID, kecamatan: '13.71.01' });
  });

  it('does not read the middle digits as a date (no documented structure)', () => {
    assert.ok(validateNoKk('1371019999990017', options).ok);
  });

  it('no_kk.digits', () => assert.deepEqual(rules('137101200512001O'), ['no_kk.digits']));
  it('no_kk.length', () => {
    assert.deepEqual(validateNoKk('137101200512001', options), { ok: false, violations: [{ rule: 'no_kk.length', params: { length: 15 } }] });
  });
  it('no_kk.kecamatan_unknown', () => {
    assert.deepEqual(validateNoKk('1371992005120017', options), {
      ok: false,
      violations: [{ rule: 'no_kk.kecamatan_unknown', params: { kecamatan: '13.71.99' } }],
    });
  });
  it('no_kk.serial_zero', () => assert.deepEqual(rules('1371012005120000'), ['no_kk.serial_zero']));
  it('every broken rule at once', () => {
    assert.deepEqual(rules('1371992005120000'), ['no_kk.kecamatan_unknown', 'no_kk.serial_zero']);
    assert.deepEqual(rules('x'), ['no_kk.digits', 'no_kk.length']);
  });

  it('property: known kecamatan + any middle + non-zero serial validates; zero serial or unknown kecamatan fires its rule', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KNOWN),
        fc.stringMatching(/^[0-9]{6}$/),
        fc.integer({ min: 1, max: 9999 }),
        fc.constantFrom('none', 'serial', 'kecamatan'),
        (kecamatan, middle, serial, broken) => {
          const prefix = broken === 'kecamatan' ? '137199' : kecamatan.replaceAll('.', '');
          const number = prefix + middle + (broken === 'serial' ? '0000' : pad(serial, 4));
          const expected = { none: [], serial: ['no_kk.serial_zero'], kecamatan: ['no_kk.kecamatan_unknown'] }[broken];
          assert.deepEqual(rules(number), expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never throws on arbitrary strings', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })), (input) => {
        const result = validateNoKk(input, options);
        if (!result.ok) for (const v of result.violations) assert.ok(isFieldRule(v.rule), v.rule);
      }),
      { numRuns: 500 },
    );
  });
});
