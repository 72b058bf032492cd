import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isFieldRule } from '../../core/http/field-rules.js';
import { isLeapYear, pad, type Sex } from './common.js';
import { maskNik, validateNik, type NikOptions } from './nik.js';

/** Kota Padang's 11 kecamatan plus two elsewhere, standing in for the national list. */
const KNOWN = [...Array.from({ length: 11 }, (_, i) => `13.71.${pad(i + 1, 2)}`), '11.01.01', '31.71.01'];
const knownSet = new Set(KNOWN);
const isKnownKecamatan = (code: string) => knownSet.has(code);
const base: NikOptions = { isKnownKecamatan };

/** Man born 12 Mar 1990, first registered in Bungus Teluk Kabung, serial 0003. */
const VALID = '1371051203900003';

const rules = (input: string, options: Partial<NikOptions> = {}) => {
  const result = validateNik(input, { ...base, ...options });
  return result.ok ? [] : result.violations.map((v) => v.rule);
};

function nikOf(kecamatan: string, date: { year: number; month: number; day: number }, sex: Sex, serial: number): string {
  const dd = sex === 'P' ? date.day + 40 : date.day;
  return kecamatan.replaceAll('.', '') + pad(dd, 2) + pad(date.month, 2) + pad(date.year % 100, 2) + pad(serial, 4);
}

describe('validateNik: parsing and normalisation', () => {
  it('parses a valid NIK into its parts, with both centuries as candidates', () => {
    assert.deepEqual(validateNik(VALID, base), {
      ok: true,
      value: VALID,
      kecamatan: '13.71.05',
      sex: 'L',
      birthDates: ['1990-03-12', '2090-03-12'],
      serial: '0003',
    });
  });

  it('strips spaces, dots and dashes', () => {
    for (const input of ['1371 0512 0390 0003', '13.71.05.120390.0003', '137105-120390-0003', ' 1371051203900003\t']) {
      const result = validateNik(input, base);
      assert.ok(result.ok, input);
      assert.equal(result.value, VALID);
    }
  });

  it('drops candidate dates after today when today is given', () => {
    const result = validateNik(VALID, { ...base, today: '2025-06-01' });
    assert.ok(result.ok);
    assert.deepEqual(result.birthDates, ['1990-03-12']);
    const young = validateNik('1371051203150003', { ...base, today: new Date('2025-06-01T00:00:00Z') });
    assert.ok(young.ok);
    assert.deepEqual(young.birthDates, ['1915-03-12', '2015-03-12']);
  });

  it('reads a day plus 40 as a woman', () => {
    const result = validateNik('1371055203900003', base);
    assert.ok(result.ok);
    assert.equal(result.sex, 'P');
    assert.deepEqual(result.birthDates, ['1990-03-12', '2090-03-12']);
    assert.ok(validateNik('1371054101900003', base).ok, 'day 41 = 1st');
    assert.ok(validateNik('1371057101900003', base).ok, 'day 71 = 31st');
  });

  it('knows leap years in both centuries', () => {
    // 29 Feb 00: 1900 is not a leap year, 2000 is.
    const y2000 = validateNik('1371052902000003', base);
    assert.ok(y2000.ok);
    assert.deepEqual(y2000.birthDates, ['2000-02-29']);
    // 29 Feb 88: both 1988 and 2088 are leap years; a woman's 69 = 29.
    const y88 = validateNik('1371056902880003', base);
    assert.ok(y88.ok);
    assert.deepEqual(y88.birthDates, ['1988-02-29', '2088-02-29']);
    assert.equal(y88.sex, 'P');
    // 29 Feb 90: neither century.
    assert.deepEqual(rules('1371052902900003'), ['nik.birth_date']);
    assert.deepEqual(rules('1371056902900003'), ['nik.birth_date']);
  });

  it('masks all but the first 6 and last 4 digits', () => {
    assert.equal(maskNik(VALID), '137105******0003');
    assert.equal(maskNik('1371 0512 0390 0003'), '137105******0003');
  });
});

describe('validateNik: each rule on its own', () => {
  it('nik.digits', () => assert.deepEqual(rules('13710512039O0003'), ['nik.digits']));
  it('nik.length', () => {
    assert.deepEqual(rules('137105120390003'), ['nik.length']);
    assert.deepEqual(rules('13710512039000003'), ['nik.length']);
    assert.deepEqual(validateNik('', base), { ok: false, violations: [{ rule: 'nik.length', params: { length: 0 } }] });
  });
  it('nik.digits and nik.length together', () => assert.deepEqual(rules('abc'), ['nik.digits', 'nik.length']));
  it('nik.kecamatan_unknown', () => {
    assert.deepEqual(validateNik('1371991203900003', base), {
      ok: false,
      violations: [{ rule: 'nik.kecamatan_unknown', params: { kecamatan: '13.71.99' } }],
    });
  });
  it('nik.birth_date', () => {
    for (const ddmmyy of ['001390', '321390', '401390', '721390', '120090', '121390', '310490', '300290', '710490']) {
      assert.deepEqual(rules(`137105${ddmmyy}0003`), ['nik.birth_date'], ddmmyy);
    }
  });
  it('nik.serial_zero', () => assert.deepEqual(rules('1371051203900000'), ['nik.serial_zero']));
  it('nik.mismatch_birth_date', () => {
    for (const birthDate of ['1990-03-13', '1990-04-12', '1991-03-12', '1890-03-12x', 'not a date', '1990-02-30']) {
      assert.deepEqual(rules(VALID, { birthDate }), ['nik.mismatch_birth_date'], birthDate);
    }
  });
  it('nik.mismatch_sex', () => {
    assert.deepEqual(rules(VALID, { sex: 'P' }), ['nik.mismatch_sex']);
    assert.deepEqual(rules('1371055203900003', { sex: 'L' }), ['nik.mismatch_sex']);
  });
  it('every broken rule at once', () => {
    assert.deepEqual(rules('1371991390900000', { sex: 'P', birthDate: '1990-03-13' }), [
      'nik.kecamatan_unknown',
      'nik.birth_date',
      'nik.serial_zero',
      'nik.mismatch_sex',
    ]);
    assert.deepEqual(rules('1371051203900000', { sex: 'P', birthDate: '1990-03-13' }), [
      'nik.serial_zero',
      'nik.mismatch_birth_date',
      'nik.mismatch_sex',
    ]);
  });
});

describe('validateNik: cross-checks', () => {
  it('accepts a stored date in either century and the matching sex', () => {
    assert.ok(validateNik(VALID, { ...base, birthDate: '1990-03-12', sex: 'L' }).ok);
    assert.ok(validateNik('1371055203900003', { ...base, birthDate: '1990-03-12', sex: 'P' }).ok);
    assert.ok(validateNik('1371050101050003', { ...base, birthDate: '2005-01-01' }).ok);
  });
  it('compares the woman\'s real day, not the day plus 40', () => {
    assert.deepEqual(rules('1371055203900003', { birthDate: '1990-03-52' }), ['nik.mismatch_birth_date']);
  });
});

// ---- properties ----

const knownKecamatan = fc.constantFrom(...KNOWN);
const sex = fc.constantFrom<Sex>('L', 'P');
const serial = fc.integer({ min: 1, max: 9999 });
const realDate = fc
  .record({ year: fc.integer({ min: 1900, max: 2099 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
  .map(({ year, month, day }) => {
    const length = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
    return { year, month, day: Math.min(day, length) };
  });
const iso = (d: { year: number; month: number; day: number }) => `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
/** Spreads separators through a number the way people type them. */
const withSeparators = (digits: string) =>
  fc.array(fc.constantFrom('', '', '', ' ', '.', '-'), { minLength: digits.length, maxLength: digits.length })
    .map((seps) => [...digits].map((d, i) => d + seps[i]).join(''));

describe('validateNik: properties', () => {
  const validParts = fc.record({ kecamatan: knownKecamatan, date: realDate, sex, serial });

  it('a NIK built from a valid kecamatan, date, sex and serial validates and round-trips', () => {
    const typed = validParts.chain((parts) => {
      const nik = nikOf(parts.kecamatan, parts.date, parts.sex, parts.serial);
      return fc.oneof(fc.constant(nik), withSeparators(nik)).map((input) => ({ ...parts, nik, input }));
    });
    fc.assert(
      fc.property(typed, ({ kecamatan, date, sex: s, serial: n, nik, input }) => {
        const result = validateNik(input, { ...base, birthDate: iso(date), sex: s });
        assert.ok(result.ok, `${input}: ${JSON.stringify(result)}`);
        assert.equal(result.value, nik);
        assert.equal(result.kecamatan, kecamatan);
        assert.equal(result.sex, s);
        assert.equal(result.serial, pad(n, 4));
        assert.ok(result.birthDates.includes(iso(date)));
        for (const candidate of result.birthDates) assert.equal(candidate.slice(2), iso(date).slice(2));
      }),
      { numRuns: 500 },
    );
  });

  /** Day (before the +40), month and two-digit year that make no real date in either century. */
  const badDate = fc.oneof(
    fc.record({ day: fc.constantFrom(0, 32, 35, 40, 72, 80, 99), month: fc.integer({ min: 1, max: 12 }), yy: fc.integer({ min: 0, max: 99 }) }),
    fc.record({ day: fc.integer({ min: 1, max: 28 }), month: fc.constantFrom(0, 13, 20, 99), yy: fc.integer({ min: 0, max: 99 }) }),
    fc.record({ day: fc.constantFrom(30, 31), month: fc.constant(2), yy: fc.integer({ min: 0, max: 99 }) }),
    fc.record({ day: fc.constant(31), month: fc.constantFrom(4, 6, 9, 11), yy: fc.integer({ min: 0, max: 99 }) }),
    fc.record({ day: fc.constant(29), month: fc.constant(2), yy: fc.integer({ min: 0, max: 99 }).filter((y) => y % 4 !== 0) }),
  );
  const corruption = fc.oneof(
    fc.constantFrom('00.00.00', '13.71.12', '13.72.01', '99.99.99').map((code) => ({ kecamatan: code })),
    fc.constant({ serial: true }),
    fc.constant({ sex: true }),
    fc.integer({ min: 1, max: 365 }).map((days) => ({ storedDateShift: days })),
    badDate.map((date) => ({ date })),
  );

  it('corrupting one component fires exactly its rule', () => {
    fc.assert(
      fc.property(validParts, corruption, (parts, broken) => {
        const options: NikOptions = { ...base, birthDate: iso(parts.date), sex: parts.sex };
        let nik = nikOf(parts.kecamatan, parts.date, parts.sex, parts.serial);
        let expected: string;
        if ('kecamatan' in broken) {
          nik = broken.kecamatan.replaceAll('.', '') + nik.slice(6);
          expected = 'nik.kecamatan_unknown';
        } else if ('serial' in broken) {
          nik = nik.slice(0, 12) + '0000';
          expected = 'nik.serial_zero';
        } else if ('sex' in broken) {
          nik = nikOf(parts.kecamatan, parts.date, parts.sex === 'L' ? 'P' : 'L', parts.serial);
          expected = 'nik.mismatch_sex';
        } else if ('storedDateShift' in broken) {
          const { year, month, day } = parts.date;
          options.birthDate = new Date(Date.UTC(year, month - 1, day + broken.storedDateShift)).toISOString().slice(0, 10);
          expected = 'nik.mismatch_birth_date';
        } else {
          const { day, month, yy } = broken.date;
          const dd = day >= 1 && day <= 31 && parts.sex === 'P' ? day + 40 : day;
          nik = nik.slice(0, 6) + pad(dd, 2) + pad(month, 2) + pad(yy, 2) + nik.slice(12);
          expected = 'nik.birth_date';
        }
        const result = validateNik(nik, options);
        assert.deepEqual(result.ok ? [] : result.violations.map((v) => v.rule), [expected], nik);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary strings and names only known rules', () => {
    const digitish = fc.string({ unit: fc.constantFrom('0', '1', '3', '4', '7', '9', ' ', '.', '-', 'x'), maxLength: 24 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), digitish), sex, (input, s) => {
        const result = validateNik(input, { ...base, sex: s, birthDate: '1990-03-12', today: '2025-01-01' });
        if (!result.ok) {
          assert.ok(result.violations.length > 0);
          for (const v of result.violations) assert.ok(isFieldRule(v.rule), v.rule);
        }
        assert.equal(typeof maskNik(input), 'string');
      }),
      { numRuns: 1000 },
    );
  });
});
