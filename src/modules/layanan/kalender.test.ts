import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { SEED_HARI_LIBUR_2026 } from './data.js';
import { addDays, addWorkingDays, dayWib, isWeekend, isWorkingDay, workingDaysBetween } from './kalender.js';
import { berlakuSampai } from './terbit.js';
import { checkFormatNomor, formatNomor } from './nomor.js';

const LIBUR_2026 = new Set(SEED_HARI_LIBUR_2026.map((h) => h.tanggal));
const NONE = new Set<string>();

/** Days from 2020 to 2032; holidays drawn as any subset of weekdays and weekends in that range. */
const day = fc.integer({ min: 0, max: 365 * 12 }).map((n) => addDays('2020-01-01', n));
const holidays = fc.array(day, { maxLength: 40 }).map((days) => new Set(days));

describe('working-day calendar', () => {
  it('knows weekends and the 2026 holidays (Asia/Jakarta days)', () => {
    assert.equal(isWeekend('2026-11-28'), true); // Saturday
    assert.equal(isWeekend('2026-11-30'), false);
    assert.equal(isWorkingDay('2026-08-17', LIBUR_2026), false); // Kemerdekaan, a Monday
    assert.equal(isWorkingDay('2026-08-18', LIBUR_2026), true);
    // 17:30 UTC on 30 November is already 1 December in Jakarta (UTC+7).
    assert.equal(dayWib(new Date('2026-11-30T17:30:00Z')), '2026-12-01');
    assert.equal(dayWib(new Date('2026-11-30T16:59:59Z')), '2026-11-30');
  });

  it('adds working days over weekends and holidays', () => {
    assert.equal(addWorkingDays('2026-11-27', 1, NONE), '2026-11-30'); // Friday + 1 → Monday
    assert.equal(addWorkingDays('2026-11-28', 1, NONE), '2026-11-30'); // Saturday + 1 → Monday
    assert.equal(addWorkingDays('2026-11-27', 0, NONE), '2026-11-27');
    assert.equal(addWorkingDays('2026-08-14', 1, LIBUR_2026), '2026-08-18'); // Friday, then Monday 17 August
    // Idul Fitri 2026: 18–24 March off (Wednesday to Tuesday) with the weekend between.
    assert.equal(addWorkingDays('2026-03-17', 1, LIBUR_2026), '2026-03-25');
    assert.equal(addWorkingDays('2026-12-23', 2, LIBUR_2026), '2026-12-29'); // 24 cuti bersama, 25 Natal, the weekend, then 28 and 29
    assert.equal(addWorkingDays('2026-11-30', -1, NONE), '2026-11-27');
    assert.equal(workingDaysBetween('2026-03-17', '2026-03-25', LIBUR_2026), 1);
    assert.equal(workingDaysBetween('2026-11-30', '2026-11-23', NONE), -5);
  });

  it('property: counting the days added gives the same number (backwards too, from a working day)', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 60 }), holidays, (start, n, off) => {
        assert.equal(workingDaysBetween(start, addWorkingDays(start, n, off), off), n);
        if (isWorkingDay(start, off)) assert.equal(workingDaysBetween(start, addWorkingDays(start, -n, off), off), 0 - n);
      }),
      { numRuns: 400 },
    );
  });

  it('property: a non-zero step always lands on a working day, and later steps land later', () => {
    fc.assert(
      fc.property(day, fc.integer({ min: 1, max: 40 }), holidays, (start, n, off) => {
        const end = addWorkingDays(start, n, off);
        assert.ok(isWorkingDay(end, off));
        assert.ok(end > start);
        assert.ok(addWorkingDays(start, n + 1, off) > end);
        assert.equal(addWorkingDays(addWorkingDays(start, n, off), 1, off), addWorkingDays(start, n + 1, off));
      }),
      { numRuns: 400 },
    );
  });

  it('property: workingDaysBetween is antisymmetric, additive, and counts working days one by one', () => {
    fc.assert(
      fc.property(day, day, day, holidays, (a, b, c, off) => {
        assert.equal(workingDaysBetween(a, b, off), 0 - workingDaysBetween(b, a, off) + 0);
        assert.equal(workingDaysBetween(a, b, off) + workingDaysBetween(b, c, off), workingDaysBetween(a, c, off));
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        let slow = 0;
        for (let d = addDays(lo, 1); d <= hi; d = addDays(d, 1)) if (isWorkingDay(d, off)) slow++;
        assert.equal(Math.abs(workingDaysBetween(a, b, off)), slow);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses malformed days', () => {
    assert.throws(() => addWorkingDays('2026-02-30', 1, NONE), RangeError);
    assert.throws(() => workingDaysBetween('28-11-2026', '2026-11-28', NONE), RangeError);
  });
});

describe('letter numbers and validity', () => {
  it('fills the default format with a zero-padded number and the Roman month', () => {
    const format = '[kode_surat]/[nomor,3]/[kode_kelurahan]/[bulan_romawi]/[tahun]';
    assert.deepEqual(checkFormatNomor(format), []);
    assert.equal(formatNomor(format, { kodeSurat: '470', urut: 7, kodeKelurahan: '13.71.01.1001', tanggal: '2026-11-28' }), '470/007/13.71.01.1001/XI/2026');
    assert.equal(formatNomor('[nomor]/[bulan]/[tahun]', { kodeSurat: 'x', urut: 1234, kodeKelurahan: 'k', tanggal: '2026-01-05' }), '1234/01/2026');
  });

  it('refuses formats without a number or with unknown tokens', () => {
    assert.deepEqual(checkFormatNomor('[kode_surat]/[tahun]').map((b) => b.rule), ['layanan.format_tanpa_nomor']);
    assert.deepEqual(checkFormatNomor('[nomor,3]/[desa]').map((b) => b.rule), ['layanan.format_token']);
    assert.deepEqual(checkFormatNomor('[nomor,30]').map((b) => b.rule), ['layanan.format_token']);
    assert.deepEqual(checkFormatNomor('[nomor,3]/[tahun').map((b) => b.rule), ['layanan.format_token']);
  });

  it('validity ends n days or months later, clamped to the month’s last day', () => {
    assert.equal(berlakuSampai('2026-11-28', null), null);
    assert.equal(berlakuSampai('2026-11-28', { nilai: 30, satuan: 'hari' }), '2026-12-28');
    assert.equal(berlakuSampai('2026-11-28', { nilai: 6, satuan: 'bulan' }), '2027-05-28');
    assert.equal(berlakuSampai('2026-01-31', { nilai: 1, satuan: 'bulan' }), '2026-02-28');
    assert.equal(berlakuSampai('2026-12-15', { nilai: 1, satuan: 'bulan' }), '2027-01-15');
  });
});
