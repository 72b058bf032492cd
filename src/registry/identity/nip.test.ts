import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { isFieldRule } from '../../core/http/field-rules.js';
import { isLeapYear, pad, type Sex } from './common.js';
import { formatNip, validateNip, type NipOptions } from './nip.js';

const TODAY = '2025-06-15';
const base: NipOptions = { today: TODAY };
/** Man born 1 Aug 1966, CPNS from March 1988, serial 001 (the Perka BKN example). */
const VALID = '196608011988031001';

const rules = (input: string, options: Partial<NipOptions> = {}) => {
  const result = validateNip(input, { ...base, ...options });
  return result.ok ? [] : result.violations.map((v) => v.rule);
};

describe('validateNip: parsing and normalisation', () => {
  it('parses a valid NIP', () => {
    assert.deepEqual(validateNip(VALID, base), {
      ok: true,
      value: VALID,
      birthDate: '1966-08-01',
      tmtCpns: '1988-03',
      sex: 'L',
      serial: '001',
    });
  });

  it('accepts the printed form with spaces, and formats it back', () => {
    const result = validateNip('19660801 198803 1 001', base);
    assert.ok(result.ok);
    assert.equal(result.value, VALID);
    assert.equal(formatNip(VALID), '19660801 198803 1 001');
    assert.equal(formatNip('not a nip'), 'not a nip');
  });

  it('reads gender digit 2 as a woman', () => {
    const result = validateNip('198012302010012005', base);
    assert.ok(result.ok);
    assert.equal(result.sex, 'P');
  });

  it('knows 29 February', () => {
    assert.ok(validateNip('200002292020011001', base).ok, '2000 is a leap year');
    assert.ok(validateNip('198802292010011001', base).ok);
    assert.deepEqual(rules('190002291920011001'), ['nip.birth_date'], '1900 is not');
    assert.deepEqual(rules('199002292010011001'), ['nip.birth_date']);
  });

  it('takes today as a day or as an instant in WIB', () => {
    // 2025-06-30T17:00Z is already 1 July in Padang.
    assert.deepEqual(rules('199001012025071001', { today: new Date('2025-06-30T16:59:59Z') }), ['nip.tmt_cpns']);
    assert.ok(validateNip('199001012025071001', { today: new Date('2025-06-30T17:00:00Z') }).ok);
    assert.throws(() => validateNip(VALID, { today: 'yesterday' }), RangeError);
    assert.throws(() => validateNip(VALID, { today: new Date('nope') }), RangeError);
  });
});

describe('validateNip: each rule on its own', () => {
  it('nip.digits', () => assert.deepEqual(rules('19660801198803100I'), ['nip.digits']));
  it('nip.length', () => {
    assert.deepEqual(validateNip('19660801 198803 1 01', base), { ok: false, violations: [{ rule: 'nip.length', params: { length: 17 } }] });
    assert.deepEqual(rules('1966080119880310011'), ['nip.length']);
  });
  it('nip.birth_date', () => {
    for (const birth of ['19661301', '19660800', '19660832', '19660931', '18990801']) {
      assert.deepEqual(rules(`${birth}1988031001`), ['nip.birth_date'], birth);
    }
    assert.deepEqual(validateNip('196613011988031001', base), {
      ok: false,
      violations: [{ rule: 'nip.birth_date', params: { min: 1900, max: TODAY } }],
    });
  });
  it('nip.tmt_cpns', () => {
    for (const tmt of ['198800', '198813', '198312', '202507', '203001']) {
      assert.deepEqual(rules(`19660801${tmt}1001`), ['nip.tmt_cpns'], tmt);
    }
    assert.ok(validateNip('196608011984011001', base).ok, 'birth year + 18 is the earliest');
    assert.ok(validateNip('199001012025061001', base).ok, 'the current month is allowed');
    assert.deepEqual(validateNip('196608011983121001', base), {
      ok: false,
      violations: [{ rule: 'nip.tmt_cpns', params: { min: 1984, max: '2025-06' } }],
    });
  });
  it('nip.gender_digit', () => {
    for (const digit of '03456789') assert.deepEqual(rules(`19660801198803${digit}001`), ['nip.gender_digit'], digit);
  });
  it('nip.serial_zero', () => assert.deepEqual(rules('196608011988031000'), ['nip.serial_zero']));
  it('nip.mismatch_birth_date', () => {
    for (const birthDate of ['1966-08-02', '1967-08-01', '2066-08-01', 'garbage']) {
      assert.deepEqual(rules(VALID, { birthDate }), ['nip.mismatch_birth_date'], birthDate);
    }
  });
  it('nip.mismatch_sex', () => {
    assert.deepEqual(rules(VALID, { sex: 'P' }), ['nip.mismatch_sex']);
    assert.deepEqual(rules('198012302010012005', { sex: 'L' }), ['nip.mismatch_sex']);
  });
  it('every broken rule at once', () => {
    assert.deepEqual(rules('196613011980139000', { sex: 'P', birthDate: '1966-08-01' }), [
      'nip.birth_date',
      'nip.tmt_cpns',
      'nip.gender_digit',
      'nip.serial_zero',
    ]);
    assert.deepEqual(rules('196608011988031000', { sex: 'P', birthDate: '1966-08-02' }), [
      'nip.serial_zero',
      'nip.mismatch_birth_date',
      'nip.mismatch_sex',
    ]);
  });
  it('cross-checks pass when they match', () => {
    assert.ok(validateNip(VALID, { ...base, birthDate: '1966-08-01', sex: 'L' }).ok);
  });
});

// ---- properties ----

const todayArb = fc
  .record({ year: fc.integer({ min: 2008, max: 2060 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) })
  .map(({ year, month, day }) => `${year}-${pad(month, 2)}-${pad(day, 2)}`);

/** A valid NIP's parts for a given today: born 1900 or later, CPNS at 18 or older, not in the future. */
const validParts = todayArb.chain((today) => {
  const [ty, tm] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  return fc
    .record({
      year: fc.integer({ min: 1900, max: ty - 18 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 31 }),
      tmtOffset: fc.integer({ min: 0, max: 60 }),
      tmtMonth: fc.integer({ min: 1, max: 12 }),
      sex: fc.constantFrom<Sex>('L', 'P'),
      serial: fc.integer({ min: 1, max: 999 }),
    })
    .map(({ year, month, day, tmtOffset, tmtMonth, sex, serial }) => {
      const length = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
      const tmtYear = Math.min(year + 18 + tmtOffset, ty);
      return {
        today,
        birth: `${year}-${pad(month, 2)}-${pad(Math.min(day, length), 2)}`,
        tmtYear,
        tmtMonth: tmtYear === ty ? Math.min(tmtMonth, tm) : tmtMonth,
        sex,
        serial,
      };
    });
});

type Parts = { birth: string; tmtYear: number; tmtMonth: number; sex: Sex; serial: number };
const nipOf = (p: Parts, gender = p.sex === 'L' ? '1' : '2') =>
  p.birth.replaceAll('-', '') + pad(p.tmtYear, 4) + pad(p.tmtMonth, 2) + gender + pad(p.serial, 3);

describe('validateNip: properties', () => {
  it('a NIP built from valid parts validates and round-trips', () => {
    fc.assert(
      fc.property(validParts, (p) => {
        const nip = nipOf(p);
        const result = validateNip(formatNip(nip), { today: p.today, birthDate: p.birth, sex: p.sex });
        assert.ok(result.ok, `${nip} @ ${p.today}: ${JSON.stringify(result)}`);
        assert.deepEqual(result, {
          ok: true,
          value: nip,
          birthDate: p.birth,
          tmtCpns: `${pad(p.tmtYear, 4)}-${pad(p.tmtMonth, 2)}`,
          sex: p.sex,
          serial: pad(p.serial, 3),
        });
      }),
      { numRuns: 500 },
    );
  });

  const corruption = fc.oneof(
    // Birth month or day broken, year kept (so the TMT bounds stay the same).
    fc.record({ birthMonth: fc.constantFrom(0, 13, 50, 99) }),
    fc.record({ birthDay: fc.constantFrom(0, 32, 50, 99) }),
    fc.record({ tmtMonth: fc.constantFrom(0, 13, 21, 99) }),
    fc.record({ tmtTooEarly: fc.integer({ min: 1, max: 18 }) }),
    fc.record({ tmtFuture: fc.integer({ min: 1, max: 24 }) }),
    fc.record({ gender: fc.constantFrom('0', '3', '4', '5', '6', '7', '8', '9') }),
    fc.constant({ serialZero: true }),
    fc.constant({ sexFlip: true }),
    fc.integer({ min: 1, max: 3000 }).map((days) => ({ storedShift: days })),
  );

  it('corrupting one component fires exactly its rule', () => {
    fc.assert(
      fc.property(validParts, corruption, (p, broken) => {
        const options: NipOptions = { today: p.today, birthDate: p.birth, sex: p.sex };
        let nip = nipOf(p);
        let expected: string;
        if ('birthMonth' in broken) {
          nip = nip.slice(0, 4) + pad(broken.birthMonth, 2) + nip.slice(6);
          expected = 'nip.birth_date';
        } else if ('birthDay' in broken) {
          nip = nip.slice(0, 6) + pad(broken.birthDay, 2) + nip.slice(8);
          expected = 'nip.birth_date';
        } else if ('tmtMonth' in broken) {
          nip = nip.slice(0, 12) + pad(broken.tmtMonth, 2) + nip.slice(14);
          expected = 'nip.tmt_cpns';
        } else if ('tmtTooEarly' in broken) {
          nip = nipOf({ ...p, tmtYear: Number(p.birth.slice(0, 4)) + 18 - broken.tmtTooEarly });
          expected = 'nip.tmt_cpns';
        } else if ('tmtFuture' in broken) {
          const months = Number(p.today.slice(0, 4)) * 12 + Number(p.today.slice(5, 7)) - 1 + broken.tmtFuture;
          nip = nipOf({ ...p, tmtYear: Math.floor(months / 12), tmtMonth: (months % 12) + 1 });
          expected = 'nip.tmt_cpns';
        } else if ('gender' in broken) {
          nip = nipOf(p, broken.gender);
          expected = 'nip.gender_digit';
        } else if ('serialZero' in broken) {
          nip = nip.slice(0, 15) + '000';
          expected = 'nip.serial_zero';
        } else if ('sexFlip' in broken) {
          nip = nipOf({ ...p, sex: p.sex === 'L' ? 'P' : 'L' });
          expected = 'nip.mismatch_sex';
        } else {
          const stored = new Date(`${p.birth}T00:00:00Z`);
          stored.setUTCDate(stored.getUTCDate() + broken.storedShift);
          options.birthDate = stored.toISOString().slice(0, 10);
          expected = 'nip.mismatch_birth_date';
        }
        const result = validateNip(nip, options);
        assert.deepEqual(result.ok ? [] : result.violations.map((v) => v.rule), [expected], `${nip} @ ${p.today}`);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on arbitrary strings and names only known rules', () => {
    const digitish = fc.string({ unit: fc.constantFrom('0', '1', '2', '9', ' ', '.', '-', 'x'), maxLength: 24 });
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), digitish), (input) => {
        const result = validateNip(input, { today: TODAY, sex: 'L', birthDate: '1966-08-01' });
        if (!result.ok) {
          assert.ok(result.violations.length > 0);
          for (const v of result.violations) assert.ok(isFieldRule(v.rule), v.rule);
        }
        assert.equal(typeof formatNip(input), 'string');
      }),
      { numRuns: 1000 },
    );
  });
});
