import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { assertBrowserReady, openBrowser, signIn } from '../../../test/helpers/browser.js';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { contohBaris, contohCsv, contohPenduduk } from './contoh.js';

const WALIDATA = 'walidata-kota';
const WALIDATA_PASSWORD = 'kata-sandi-walidata-1';

/**
 * The import journey from the issue: a walidata imports a small legacy CSV from an old app; one
 * resident already in the registry has another spelling of the name, which becomes a conflict
 * instead of being overwritten. The walidata resolves it in the reconciliation queue, and the
 * source app's integration level rises from 1 to 4 (an applied import is `write` activity).
 */
describe('imports and reconciliation in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  const existing = contohPenduduk(0);

  before(async () => {
    assertBrowserReady();
    t = await startTestServer();
    const ok = (res: { status: number; body: unknown }, status = 201) => assert.equal(res.status, status, JSON.stringify(res.body));
    ok(await t.admin.post('/api/v1/users', { username: WALIDATA, displayName: 'Walidata Kota', password: WALIDATA_PASSWORD, roles: [{ role: 'walidata' }] }));
    ok(await t.admin.post('/api/v1/integrasi/aplikasi', { kode: 'siak-kelurahan', nama: 'SIAK Kelurahan Lama', jenis: 'e_kelurahan' }));
    // A resident registered in Padu (by the kelurahan office), spelled "Siti Aminah".
    ok(await t.admin.post('/api/v1/keluarga', { noKk: existing.noKk, kodeKelurahan: '13.71.01.1001', alamat: 'Jl. Sudirman No. 5', rt: '001', rw: '002' }));
    ok(await t.admin.post('/api/v1/penduduk', {
      nik: existing.nik, noKk: existing.noKk, nama: 'Siti Aminah', jenisKelamin: existing.jenisKelamin, tempatLahir: 'Padang', tanggalLahir: existing.tanggalLahir,
      agama: 1, pendidikan: 5, pekerjaan: 15, statusKawin: 1, shdk: 4,
    }));
    ({ browser, page } = await openBrowser());
    await signIn(page, t.url, WALIDATA, WALIDATA_PASSWORD);
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the legacy app starts at integration level 1', async () => {
    await page.goto(`${t.url}/integrasi/aplikasi/siak-kelurahan`);
    await page.getByRole('heading', { level: 1, name: 'SIAK Kelurahan Lama' }).waitFor();
    assert.equal((await page.getByTestId('tingkat-integrasi').textContent())?.trim(), '1');
  });

  it('uploads a legacy CSV, maps it, dry-runs and applies it with a progress bar', async () => {
    await page.getByRole('link', { name: 'Impor', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Impor dari aplikasi lama' }).waitFor();
    // Nothing chosen: the errors are named next to their fields.
    await page.getByRole('button', { name: 'Unggah dan petakan kolom' }).click();
    await page.getByText('Pilih aplikasi sumbernya.').waitFor();
    await page.getByText('Pilih berkas yang akan diimpor.').waitFor();
    await page.getByLabel('Aplikasi sumber').selectOption('siak-kelurahan');
    await page.getByLabel('Dataset').selectOption('penduduk');
    const csv = contohCsv([contohBaris(existing, { 'Nama Lengkap': 'Siti Aminah Rangkuti' }), contohBaris(contohPenduduk(1)), contohBaris(contohPenduduk(2))]);
    await page.getByLabel('Berkas', { exact: true }).setInputFiles({ name: 'siak-kelurahan.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Unggah dan petakan kolom' }).click();
    await page.getByRole('heading', { level: 2, name: 'Pemetaan kolom' }).waitFor();
    // Indonesian headers were recognised.
    assert.equal(await page.getByLabel('Kolom "NIK"').inputValue(), 'nik');
    assert.equal(await page.getByLabel('Kolom "Tgl Lahir"').inputValue(), 'tanggalLahir');
    await page.getByRole('button', { name: 'Uji coba (tidak mengubah data)' }).click();
    await page.getByTestId('impor-ringkasan').getByText('3 baris valid, 0 tidak valid; 2 rekaman baru, 1 sudah ada di registri.').waitFor();
    await page.getByRole('button', { name: 'Terapkan', exact: true }).click();
    await page.getByTestId('impor-hasil').getByText('Selesai: 2 dibuat, 0 diubah, 0 sama, 1 konflik.').waitFor();
    assert.equal(await page.getByTestId('impor-progres').getAttribute('value'), '100');
    await page.getByText('3 dari 3 baris diterapkan (100%)').waitFor();
    const stored = await sql<{ nama: string }>`SELECT nama FROM penduduk.penduduk WHERE nik = ${existing.nik}`.execute(t.kernel.db);
    assert.equal(stored.rows[0]!.nama, 'Siti Aminah', 'the conflicting value did not overwrite the stored one');
  });

  it('resolves the conflict in the reconciliation queue', async () => {
    await page.getByRole('link', { name: '1 konflik menunggu di antrean rekonsiliasi →' }).click();
    await page.getByRole('heading', { level: 1, name: 'Antrean rekonsiliasi' }).waitFor();
    const card = page.getByTestId('konflik');
    await card.first().waitFor();
    assert.equal(await card.count(), 1);
    assert.equal(await card.getByTestId('nilai-sekarang').textContent(), 'Siti Aminah');
    assert.equal(await card.getByTestId('nilai-masuk').textContent(), 'Siti Aminah Rangkuti');
    await card.getByText('Nilai sekarang — sumber: registri (diubah lewat Padu)').waitFor();
    await card.getByLabel('Ambil nilai masuk').check();
    // A reason that is too short is named next to its field.
    await card.getByLabel('Alasan (minimal 5 karakter)').fill('ok');
    await card.getByRole('button', { name: 'Simpan keputusan' }).click();
    await card.locator('.field__error').waitFor();
    await card.getByLabel('Alasan (minimal 5 karakter)').fill('Sesuai KTP-el yang ditunjukkan warga');
    await card.getByRole('button', { name: 'Simpan keputusan' }).click();
    await page.getByText('0 konflik', { exact: true }).waitFor();
    const stored = await sql<{ nama: string }>`SELECT nama FROM penduduk.penduduk WHERE nik = ${existing.nik}`.execute(t.kernel.db);
    assert.equal(stored.rows[0]!.nama, 'Siti Aminah Rangkuti');
    await page.getByLabel('Status').selectOption('diputuskan');
    await page.getByText(/Ambil nilai masuk: Siti Aminah Rangkuti — oleh .*Sesuai KTP-el/).waitFor();
  });

  it('the source app’s integration level rose to 4; the data-quality page shows its import', async () => {
    await page.goto(`${t.url}/integrasi/aplikasi/siak-kelurahan`);
    await page.getByRole('heading', { level: 1, name: 'SIAK Kelurahan Lama' }).waitFor();
    assert.equal((await page.getByTestId('tingkat-integrasi').textContent())?.trim(), '4');
    await page.goto(`${t.url}/integrasi/kualitas?aplikasi=siak-kelurahan`);
    await page.getByRole('heading', { level: 2, name: 'Aplikasi SIAK Kelurahan Lama' }).waitFor();
    await page.getByTestId('konflik-terbuka').getByText('0 konflik terbuka.').waitFor();
    // At phone width the page still works: the tabs wrap, nothing needs sideways scrolling but tables.
    await page.setViewportSize({ width: 375, height: 800 });
    await page.getByRole('link', { name: 'Rekonsiliasi', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Antrean rekonsiliasi' }).waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 1, `the page scrolls sideways by ${overflow}px at phone width`);
  });
});
