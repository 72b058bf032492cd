import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldRuleMessages } from '../../core/http/field-rules.js';
import { format } from '../../core/i18n/locale.js';
import { atField, calendarToday, isRealDate, parseIsoDate, stripSeparators, type Violation } from './common.js';
import { validateKodeProgram, validateKodeWilayah, validateNik, validateNip, validateNoKk } from './index.js';

describe('identity helpers', () => {
  it('strips whitespace, dots and dashes only', () => {
    assert.equal(stripSeparators(' 13.71-05\u00a012\t03/90 '), '13710512' + '03/90');
  });

  it('knows real dates and leap years', () => {
    assert.ok(isRealDate(2000, 2, 29));
    assert.ok(isRealDate(2024, 2, 29));
    assert.ok(!isRealDate(1900, 2, 29));
    assert.ok(!isRealDate(2023, 2, 29));
    assert.ok(!isRealDate(2023, 4, 31));
    assert.ok(!isRealDate(2023, 0, 1));
    assert.equal(parseIsoDate('2000-02-29')?.day, 29);
    assert.equal(parseIsoDate('1900-02-29'), null);
    assert.equal(parseIsoDate('2000-2-29'), null);
  });

  it('reads an instant as a day in WIB', () => {
    assert.deepEqual(calendarToday(new Date('2024-12-31T16:59:59Z')), { year: 2024, month: 12, day: 31 });
    assert.deepEqual(calendarToday(new Date('2024-12-31T17:00:00Z')), { year: 2025, month: 1, day: 1 });
    assert.deepEqual(calendarToday('2024-02-29'), { year: 2024, month: 2, day: 29 });
  });

  it('puts violations on a request field', () => {
    assert.deepEqual(atField('nik', [{ rule: 'nik.serial_zero' }]), [{ field: 'nik', rule: 'nik.serial_zero' }]);
  });
});

describe('identity rule messages', () => {
  const isKnownKecamatan = (code: string) => code === '13.71.01';
  const today = '2025-06-15';
  /** Failing inputs that, together, break every identity rule. */
  const produced: Violation[] = [
    validateNik('x', { isKnownKecamatan }),
    validateNik('1371991390900000', { isKnownKecamatan, sex: 'P' }),
    validateNik('1371011203900003', { isKnownKecamatan, birthDate: '1990-03-13', sex: 'P' }),
    validateNip('x', { today }),
    validateNip('196613011980139000', { today }),
    validateNip('196608011988031001', { today, birthDate: '1966-08-02', sex: 'P' }),
    validateNoKk('x', { isKnownKecamatan }),
    validateNoKk('1371992005120000', { isKnownKecamatan }),
    validateKodeWilayah('x'),
    validateKodeWilayah('0070000000', { level: 'kecamatan' }),
    validateKodeProgram('x.x'),
    validateKodeProgram('X.00.100', { level: 'kegiatan' }),
  ].flatMap((result) => (result.ok ? [] : result.violations));

  it('exist for every rule the validators report, and render every placeholder in both languages', () => {
    for (const v of produced) {
      const text = fieldRuleMessages[v.rule];
      for (const message of [text.id, text.en]) assert.doesNotMatch(format(message, v.params), /\{\w+\}/, `${v.rule}: ${message}`);
    }
  });

  it('are all reachable: no message without a validator that reports it', () => {
    const identityRules = Object.keys(fieldRuleMessages).filter((rule) => /^(nik|nip|no_kk|kode_wilayah|kode_program)\./.test(rule));
    assert.deepEqual(new Set(produced.map((v) => v.rule)), new Set(identityRules));
  });
});
