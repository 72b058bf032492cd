import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { chromium, type Browser, type Page } from 'playwright-core';
import { webDist } from '../../core/http/app.js';
import { startTestServer, type TestServer } from '../../../test/helpers/server.js';

const CHROMIUM = '/usr/bin/chromium';
const NIK = '1371015203880002'; // a woman (day 12 + 40) born 12 March 1988, first registered in 13.71.01
const NO_KK = '1371010101260001';

describe('penduduk page in Chromium: masked list, full view with a reason, access log', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    assert.ok(existsSync(`${webDist}/index.html`), 'web/dist is missing: npm run build:web');
    t = await startTestServer();
    const created = async (path: string, body: unknown) => {
      const res = await t.admin.post(path, body);
      assert.equal(res.status, 201, JSON.stringify(res.body));
    };
    await created('/api/v1/keluarga', { noKk: NO_KK, kodeKelurahan: '13.71.01.1001', alamat: 'Jl. Batang Arau No. 7', rt: '002', rw: '001' });
    await created('/api/v1/penduduk', {
      nik: NIK, noKk: NO_KK, nama: 'Rosmaini Chaniago', jenisKelamin: 'P', tempatLahir: 'Padang', tanggalLahir: '1988-03-12',
      agama: 1, pendidikan: 5, pekerjaan: 15, statusKawin: 2, shdk: 1,
    });
    await created('/api/v1/users', {
      username: 'petugas-batang-arau', displayName: 'Petugas Batang Arau', password: 'kata-sandi-petugas-1',
      roles: [{ role: 'petugas_kelurahan', scopeCode: '13.71.01.1001' }],
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('a kelurahan officer sees masked residents, opens one in full only with a reason, and the view is logged', async () => {
    await page.goto(`${t.url}/`);
    await page.getByLabel('Nama pengguna').fill('petugas-batang-arau');
    await page.getByLabel('Kata sandi').fill('kata-sandi-petugas-1');
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('navigation').first().getByRole('link', { name: 'Penduduk', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Penduduk' }).waitFor();

    const row = page.getByRole('row').filter({ hasText: 'Rosmaini Chaniago' });
    await row.waitFor();
    await row.getByText('137101******0002').waitFor();
    assert.ok(!(await page.content()).includes(NIK), 'the list shows a full NIK');

    await row.getByRole('button', { name: 'Tampilkan data lengkap' }).click();
    const reason = page.getByLabel('Alasan (minimal 10 karakter)');
    await reason.fill('Verifikasi permohonan surat domisili');
    await page.getByRole('form').getByRole('button', { name: 'Tampilkan data lengkap' }).click();
    await page.getByRole('heading', { name: 'Data lengkap: Rosmaini Chaniago' }).waitFor();
    await page.getByText(NIK).waitFor();

    const log = await sql<{ reason: string; actor_name: string | null }>`
      SELECT reason, actor_name FROM penduduk.akses_log ORDER BY at DESC LIMIT 1`.execute(t.kernel.db);
    assert.equal(log.rows[0]?.reason, 'Verifikasi permohonan surat domisili');
    assert.equal(log.rows[0]?.actor_name, 'petugas-batang-arau');

    await page.getByRole('button', { name: 'Tutup dan sembunyikan' }).click();
    assert.ok(!(await page.content()).includes(NIK), 'the full NIK stays on screen after closing');
  });
});
