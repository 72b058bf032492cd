import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isFieldRule } from '../../core/http/field-rules.js';
import { validateKodeProgram, type ProgramLevel } from './kode-program.js';

const rules = (input: string, level?: ProgramLevel) => {
  const result = validateKodeProgram(input, { level });
  return result.ok ? [] : result.violations.map((v) => v.rule);
};

describe('validateKodeProgram', () => {
  it('returns level and parent at every level', () => {
    const cases: [string, ProgramLevel, string | null][] = [
      ['1', 'urusan', null],
      ['1.02', 'bidang_urusan', '1'],
      ['1.02.02', 'program', '1.02'],
      ['1.02.02.2.02', 'kegiatan', '1.02.02'],
      ['1.02.02.2.02.0008', 'sub_kegiatan', '1.02.02.2.02'],
    ];
    for (const [value, level, parent] of cases) assert.deepEqual(validateKodeProgram(value), { ok: true, value, level, parent });
  });

  it('normalises zero-padding variants', () => {
    for (const [input, value] of [
      ['1.2.1.2.1.1', '1.02.01.2.01.0001'],
      ['1.02.01.2.01.01', '1.02.01.2.01.0001'],
      ['1.01.01.02.01.0001', '1.01.01.2.01.0001'],
      ['01.002.0001.02.001.00008', '1.02.01.2.01.0008'],
      [' 2.12.2 ', '2.12.02'],
    ]) {
      const result = validateKodeProgram(input!);
      assert.ok(result.ok, input);
      assert.equal(result.value, value);
    }
  });

  it('accepts the X.XX placeholder as a pair, in either case', () => {
    assert.deepEqual(validateKodeProgram('x.xx.01.2.01.1'), {
      ok: true,
      value: 'X.XX.01.2.01.0001',
      level: 'sub_kegiatan',
      parent: 'X.XX.01.2.01',
    });
    assert.ok(validateKodeProgram('X').ok);
  });

  it('kode_program.format', () => {
    for (const input of ['', '.', '1.', '1..02', '1.02.01.2', '1.02.01.2.01.0001.1', 'A.01', '1.02a', '1 .02', '1.X', 'XX.01', '1.02.X', '١']) {
      assert.deepEqual(rules(input), ['kode_program.format'], input);
    }
  });
  it('kode_program.segment_width', () => {
    assert.deepEqual(validateKodeProgram('1.02.123'), {
      ok: false,
      violations: [{ rule: 'kode_program.segment_width', params: { part: 'PP', width: 2 } }],
    });
    assert.deepEqual(rules('12.02'), ['kode_program.segment_width']);
    assert.deepEqual(rules('1.02.01.12.01'), ['kode_program.segment_width']);
    assert.deepEqual(rules('1.02.01.2.01.10000'), ['kode_program.segment_width']);
  });
  it('kode_program.segment_zero', () => {
    assert.deepEqual(validateKodeProgram('1.02.01.2.01.0000'), {
      ok: false,
      violations: [{ rule: 'kode_program.segment_zero', params: { part: 'SSSS' } }],
    });
    for (const input of ['0', '1.00', '1.02.00', '1.02.01.0.01', '1.02.01.2.000']) assert.deepEqual(rules(input), ['kode_program.segment_zero'], input);
  });
  it('kode_program.placeholder', () => {
    assert.deepEqual(rules('X.01'), ['kode_program.placeholder']);
    assert.deepEqual(rules('1.XX.01'), ['kode_program.placeholder']);
  });
  it('kode_program.level', () => {
    assert.deepEqual(validateKodeProgram('1.02.02.2.02', { level: 'sub_kegiatan' }), {
      ok: false,
      violations: [{ rule: 'kode_program.level', params: { expected: 'sub_kegiatan', actual: 'kegiatan' } }],
    });
  });
  it('every broken rule at once, one per part', () => {
    assert.deepEqual(validateKodeProgram('X.00.100.0.001.00000', { level: 'program' }), {
      ok: false,
      violations: [
        { rule: 'kode_program.segment_zero', params: { part: 'BB' } },
        { rule: 'kode_program.segment_width', params: { part: 'PP', width: 2 } },
        { rule: 'kode_program.segment_zero', params: { part: 'K' } },
        { rule: 'kode_program.segment_zero', params: { part: 'SSSS' } },
        { rule: 'kode_program.placeholder' },
        { rule: 'kode_program.level', params: { expected: 'program', actual: 'sub_kegiatan' } },
      ],
    });
  });

  it('property: any padding of a valid code normalises to the same code, whose parent is a valid code one level up', () => {
    const widths = [1, 2, 2, 1, 2, 4];
    const code = fc
      .tuple(...widths.map((width) => fc.integer({ min: 1, max: 10 ** width - 1 })))
      .chain((numbers) =>
        fc.record({
          numbers: fc.constant(numbers),
          count: fc.constantFrom(1, 2, 3, 5, 6),
          extraZeros: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 6, maxLength: 6 }),
        }),
      );
    const levels: ProgramLevel[] = ['urusan', 'bidang_urusan', 'program', 'kegiatan', 'sub_kegiatan'];
    fc.assert(
      fc.property(code, ({ numbers, count, extraZeros }) => {
        const canonical = numbers.slice(0, count).map((n, i) => String(n).padStart(widths[i]!, '0')).join('.');
        const padded = numbers.slice(0, count).map((n, i) => '0'.repeat(extraZeros[i]!) + String(n)).join('.');
        const result = validateKodeProgram(padded);
        assert.ok(result.ok, padded);
        assert.equal(result.value, canonical);
        assert.deepEqual(validateKodeProgram(canonical), result);
        if (result.parent !== null) {
          const parent = validateKodeProgram(result.parent);
          assert.ok(parent.ok);
          assert.equal(levels.indexOf(parent.level), levels.indexOf(result.level) - 1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on arbitrary strings', () => {
    const codeish = fc.string({ unit: fc.constantFrom('0', '1', '2', 'x', 'X', '.', ' '), maxLength: 24 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), codeish), (input) => {
        const result = validateKodeProgram(input, { level: 'kegiatan' });
        if (!result.ok) for (const v of result.violations) assert.ok(isFieldRule(v.rule), v.rule);
      }),
      { numRuns: 1000 },
    );
  });
});
