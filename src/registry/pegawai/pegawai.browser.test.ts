import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser, type Page } from 'playwright-core';
import { sql } from 'kysely';
import { ADMIN_PASSWORD, startTestServer, type TestServer } from '../../../test/helpers/server.js';
import { webDist } from '../../core/http/app.js';
import { peg } from './tables.js';

const CHROMIUM = '/usr/bin/chromium';
const KODE = '2.16.0.00.0.00.01.0000';
const KODE_LAIN = '1.02.0.00.0.00.01.0000';
const OPERATOR = 'operator-kominfo';
const OPERATOR_PASSWORD = 'kata-sandi-operator-1';
/** NIP of the employee the admin registers through the form: born 4 July 1987, CPNS January 2011, male. */
const NIP_BARU = '19870704 201101 1 003';
const ALASAN_ARSIP = 'Pindah ke Pemerintah Provinsi, SK 800/412/BKPSDM/2024';

/**
 * The journey from the issue: an OPD operator finds an employee, edits a field, and sees the
 * change in the history — with If-Match from the loaded ETag, a stale edit refused (412) and
 * field errors shown next to their field. Then an admin registers an employee through the
 * form (a NIP that does not match the birth date is named under the NIP first), transfers
 * them (mutasi, a stale attempt refused), sees both positions in riwayat jabatan, and archives them.
 */
describe('pegawai pages in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let page: Page;
  let rinaId = '';
  let adminPage: Page;
  let andiId = '';

  const ok = (res: { status: number; body: any }, status = 201) => {
    assert.equal(res.status, status, JSON.stringify(res.body));
    return res.body;
  };

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    assert.ok(existsSync(`${webDist}/index.html`), 'web/dist is missing: npm run build:web');
    t = await startTestServer();
    ok(await t.admin.post('/api/v1/opd', { kode: KODE, nama: 'Dinas Komunikasi dan Informatika', singkatan: 'Diskominfo', jenis: 'dinas' }));
    ok(await t.admin.post('/api/v1/opd', { kode: KODE_LAIN, nama: 'Dinas Kesehatan', jenis: 'dinas' }));
    const unit = ok(await t.admin.post(`/api/v1/opd/${KODE}/unit`, { nama: 'Bidang Aplikasi Informatika', jenis: 'bidang', berlakuMulai: '2020-01-01' }));
    // The form offers a unit's positions when it has some; Dinas Kesehatan's unit has none (free text).
    ok(await t.admin.post(`/api/v1/unit/${unit.id}/jabatan`, { nama: 'Pranata Komputer Ahli Muda', jenis: 'fungsional' }));
    const unitLain = ok(await t.admin.post(`/api/v1/opd/${KODE_LAIN}/unit`, { nama: 'Bidang Pelayanan Kesehatan', jenis: 'bidang', berlakuMulai: '2020-01-01' }));
    const rina = ok(
      await t.admin.post('/api/v1/pegawai', {
        nip: '19850312 201001 2 001',
        nama: 'Rina Marlina',
        jenisKelamin: 'P',
        tanggalLahir: '1985-03-12',
        jenis: 'pns',
        golongan: 'III/b',
        opdRef: KODE,
        unitId: unit.id,
        namaJabatan: 'Pranata Komputer Ahli Pertama',
        tmtJabatan: '2021-04-01',
        email: 'rina.marlina@padang.go.id',
        telepon: '081234567890',
      }),
    );
    rinaId = rina.id;
    ok(
      await t.admin.post('/api/v1/pegawai', {
        nip: '19800517 200503 1 001',
        nama: 'Budi Saputra',
        jenisKelamin: 'L',
        tanggalLahir: '1980-05-17',
        jenis: 'pns',
        golongan: 'III/d',
        opdRef: KODE,
        unitId: unit.id,
        namaJabatan: 'Kepala Seksi Aplikasi',
      }),
    );
    // Another OPD's employee: the operator must not see her.
    ok(
      await t.admin.post('/api/v1/pegawai', {
        nip: '19900101 201503 2 001',
        nama: 'Rahmi Yulia',
        jenisKelamin: 'P',
        tanggalLahir: '1990-01-01',
        jenis: 'pns',
        golongan: 'III/a',
        opdRef: KODE_LAIN,
        unitId: unitLain.id,
        namaJabatan: 'Perawat Ahli Pertama',
      }),
    );
    ok(
      await t.admin.post('/api/v1/users', {
        username: OPERATOR,
        displayName: 'Operator Diskominfo',
        password: OPERATOR_PASSWORD,
        roles: [{ role: 'opd_operator', scopeCode: KODE }],
      }),
    );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    await page.goto(`${t.url}/`);
    await page.getByLabel('Nama pengguna').fill(OPERATOR);
    await page.getByLabel('Kata sandi').fill(OPERATOR_PASSWORD);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
  });

  after(async () => {
    await adminPage?.context().close();
    await browser?.close();
    await t?.close();
  });

  it('the operator opens Pegawai, sees only their OPD, filters and searches by name', async () => {
    await page.getByRole('navigation').first().getByRole('link', { name: 'Pegawai', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Pegawai' }).waitFor();
    await page.getByText('Menampilkan 1–2 dari 2').waitFor();
    const table = page.getByRole('table', { name: 'Daftar pegawai' });
    await table.getByRole('link', { name: 'Budi Saputra' }).waitFor();
    assert.equal(await table.getByRole('link', { name: 'Rahmi Yulia' }).count(), 0, 'another OPD’s employee is hidden');

    await page.getByLabel('Status').selectOption('pensiun');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.getByText('Tidak ada pegawai yang cocok.').waitFor();
    await page.getByLabel('Status').selectOption('');
    await page.getByLabel('Jenis pegawai').selectOption('pns');

    await page.getByLabel('Awal nama atau NIP').fill('Rina');
    await page.getByRole('button', { name: 'Cari', exact: true }).click();
    await page.getByText('Menampilkan 1–1 dari 1').waitFor();
    assert.match(page.url(), /q=Rina/);
    await table.getByRole('link', { name: 'Rina Marlina' }).click();
  });

  it('shows the record in full to its OPD, the current position and riwayat jabatan', async () => {
    await page.getByRole('heading', { level: 1, name: 'Rina Marlina' }).waitFor();
    const data = page.getByRole('region', { name: 'Data pegawai' });
    await data.getByText('19850312 201001 2 001').waitFor();
    await data.getByText('12 Maret 1985').waitFor();
    await data.getByText('III/b — Penata Muda Tingkat I').waitFor();
    await data.getByText('rina.marlina@padang.go.id').waitFor();
    const jabatan = page.getByRole('region', { name: 'Jabatan sekarang' });
    await jabatan.getByText('Bidang Aplikasi Informatika').first().waitFor();
    await jabatan.getByText('Dinas Komunikasi dan Informatika').first().waitFor();
    await page.getByRole('region', { name: 'Riwayat jabatan, terbaru di atas' }).getByRole('rowheader', { name: 'Pranata Komputer Ahli Pertama' }).waitFor();
    const history = page.getByRole('region', { name: 'Setiap versi data pegawai, terbaru di atas' });
    await history.getByRole('cell', { name: 'Dibuat' }).waitFor();
  });

  it('puts a field error next to the field and focuses it', async () => {
    await page.getByRole('button', { name: 'Ubah data' }).click();
    const form = page.getByRole('form', { name: 'Ubah data pegawai' });
    const nama = form.getByLabel('Nama', { exact: true });
    await nama.fill('');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await form.locator('.field__error').first().waitFor();
    assert.equal(await nama.getAttribute('aria-invalid'), 'true');
    assert.ok(await nama.evaluate((element) => element === document.activeElement), 'focus on the first invalid field');
    const describedBy = (await nama.getAttribute('aria-describedby')) ?? '';
    assert.ok((await page.locator(`[id="${describedBy.split(' ').pop()}"]`).innerText()).length > 0, 'the message is tied to the field');
  });

  it('refuses a stale edit with a clear message, then saves against the reloaded version', async () => {
    // Someone else changes the record after the page loaded it (version 1 → 2).
    ok(await t.admin.patch(`/api/v1/pegawai/${rinaId}`, { telepon: '081298765432' }, { headers: { 'if-match': '"v1"' } }), 200);

    const form = page.getByRole('form', { name: 'Ubah data pegawai' });
    await form.getByLabel('Nama', { exact: true }).fill('Rina Marlina Putri');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await form.getByRole('alert').filter({ hasText: 'Data sudah berubah sejak Anda membukanya' }).waitFor();
    await form.getByRole('button', { name: 'Muat ulang data' }).click();
    await page.getByRole('region', { name: 'Data pegawai' }).getByText('081298765432').waitFor();

    const fresh = page.getByRole('form', { name: 'Ubah data pegawai' });
    await fresh.getByLabel('Nama', { exact: true }).fill('Rina Marlina Putri');
    await fresh.getByLabel('Golongan').selectOption('III/c');
    await fresh.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByText('Perubahan disimpan (versi 3).').waitFor();
    await page.getByRole('heading', { level: 1, name: 'Rina Marlina Putri' }).waitFor();
    await page.getByRole('region', { name: 'Data pegawai' }).getByText('III/c — Penata').waitFor();
  });

  it('shows the new version in the history with the operator and the changed fields, and the row changed', async () => {
    const history = page.getByRole('region', { name: 'Setiap versi data pegawai, terbaru di atas' });
    const row = history.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '3', exact: true }) });
    await row.getByRole('cell', { name: OPERATOR }).waitFor();
    await row.getByRole('cell', { name: 'Diubah' }).waitFor();
    const changed = await row.getByRole('cell').nth(1).innerText();
    assert.deepEqual(changed.split(', ').sort(), ['Golongan', 'Nama']);
    await history.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '2', exact: true }) }).getByRole('cell', { name: 'admin' }).waitFor();

    const stored = await peg(t.kernel.db).selectFrom('pegawai.pegawai').select(['nama', 'golongan', 'telepon', 'version']).where('id', '=', rinaId).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { nama: 'Rina Marlina Putri', golongan: 'III/c', telepon: '081298765432', version: 3 });
    const api = ok(await t.admin.get(`/api/v1/pegawai/${rinaId}`), 200);
    assert.equal(api.nama, 'Rina Marlina Putri');
  });

  it('fits a 360 px wide phone', async () => {
    const phone = await browser.newPage({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
    await phone.context().addCookies(await page.context().cookies());
    await phone.goto(`${t.url}/pegawai/${rinaId}`);
    await phone.getByRole('heading', { level: 1, name: 'Rina Marlina Putri' }).waitFor();
    await phone.getByRole('region', { name: 'Setiap versi data pegawai, terbaru di atas' }).waitFor();
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `page is ${width}px wide`);
    await phone.getByRole('button', { name: 'Ubah data' }).click();
    await phone.getByRole('form', { name: 'Ubah data pegawai' }).getByLabel('Golongan').waitFor();
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 360, 'the edit form fits too');
    if (process.env.PEGAWAI_SCREENSHOT) await phone.screenshot({ path: process.env.PEGAWAI_SCREENSHOT, fullPage: true });
    await phone.close();
  });

  it('offers an OPD operator only their own OPD in the "Tambah pegawai" form', async () => {
    await page.goto(`${t.url}/pegawai`);
    await page.getByRole('link', { name: 'Tambah pegawai' }).click();
    await page.getByRole('heading', { level: 1, name: 'Tambah pegawai' }).waitFor();
    const opd = page.getByLabel('OPD', { exact: true });
    await opd.waitFor();
    assert.deepEqual(await opd.locator('option').allInnerTexts(), ['Dinas Komunikasi dan Informatika (Diskominfo)']);
    // The OPD is chosen already, so its units are on offer.
    await page.getByLabel('Unit kerja').locator('option', { hasText: 'Bidang Aplikasi Informatika' }).waitFor({ state: 'attached' });
  });

  it('an admin registers an employee: a NIP that does not match the birth date is named under the NIP', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID' });
    adminPage = await context.newPage();
    await adminPage.goto(`${t.url}/`);
    await adminPage.getByLabel('Nama pengguna').fill('admin');
    await adminPage.getByLabel('Kata sandi').fill(ADMIN_PASSWORD);
    await adminPage.getByRole('button', { name: 'Masuk' }).click();
    await adminPage.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
    await adminPage.getByRole('navigation').first().getByRole('link', { name: 'Pegawai', exact: true }).click();
    await adminPage.getByRole('link', { name: 'Tambah pegawai' }).click();

    const form = adminPage.getByRole('form', { name: 'Data pegawai baru' });
    await form.getByLabel('Jenis pegawai').selectOption('pns');
    const nip = form.getByLabel('NIP', { exact: true });
    await nip.fill(NIP_BARU);
    await form.getByLabel('Nama', { exact: true }).fill('Andi Pratama');
    await form.getByLabel('Gelar belakang').fill('S.Kom.');
    await form.getByLabel('Jenis kelamin').selectOption('L');
    await form.getByLabel('Tanggal lahir').fill('1987-07-05'); // the NIP says 4 July
    await form.getByLabel('Golongan').selectOption('III/a');
    await form.getByLabel('TMT jabatan').fill('2022-01-03');
    await form.getByLabel('OPD', { exact: true }).selectOption({ label: 'Dinas Komunikasi dan Informatika (Diskominfo)' });
    await form.getByLabel('Unit kerja').selectOption({ label: 'Bidang Aplikasi Informatika' });
    await form.getByLabel('Jabatan', { exact: true }).selectOption({ label: 'Pranata Komputer Ahli Muda' });
    await form.getByLabel('Email').fill('andi.pratama@padang.go.id');
    await form.getByRole('button', { name: 'Simpan pegawai' }).click();

    await form.getByText('Tanggal lahir tidak sesuai dengan NIP.').waitFor();
    assert.equal(await nip.getAttribute('aria-invalid'), 'true');
    assert.ok(await nip.evaluate((element) => element === document.activeElement), 'focus on the NIP');
    const describedBy = (await nip.getAttribute('aria-describedby')) ?? '';
    assert.equal(await adminPage.locator(`[id="${describedBy.split(' ').pop()}"]`).innerText(), 'Tanggal lahir tidak sesuai dengan NIP.');
    await form.getByRole('alert').filter({ hasText: 'Ada aturan data pegawai yang dilanggar' }).waitFor();
    assert.equal(await peg(t.kernel.db).selectFrom('pegawai.pegawai').select('id').where('nama', '=', 'Andi Pratama').executeTakeFirst(), undefined, 'nothing stored');

    await form.getByLabel('Tanggal lahir').fill('1987-07-04');
    await form.getByRole('button', { name: 'Simpan pegawai' }).click();
    await adminPage.getByRole('heading', { level: 1, name: 'Andi Pratama, S.Kom.' }).waitFor();
    await adminPage.getByText('Pegawai telah ditambahkan.').waitFor();
    andiId = decodeURIComponent(new URL(adminPage.url()).pathname.split('/').pop()!);
    const data = adminPage.getByRole('region', { name: 'Data pegawai' });
    await data.getByText('19870704 201101 1 003').waitFor();
    await data.getByText('III/a — Penata Muda', { exact: true }).waitFor();
    const riwayat = adminPage.getByRole('region', { name: 'Riwayat jabatan, terbaru di atas' });
    await riwayat.getByRole('rowheader', { name: 'Pranata Komputer Ahli Muda' }).waitFor();
    assert.equal(await riwayat.getByRole('rowheader').count(), 1);

    const stored = await peg(t.kernel.db)
      .selectFrom('pegawai.pegawai')
      .select(['nip', 'nama', 'gelar_belakang', 'jenis_kelamin', 'golongan', 'email', 'version'])
      .where('id', '=', andiId)
      .executeTakeFirstOrThrow();
    assert.deepEqual(stored, { nip: '198707042011011003', nama: 'Andi Pratama', gelar_belakang: 'S.Kom.', jenis_kelamin: 'L', golongan: 'III/a', email: 'andi.pratama@padang.go.id', version: 1 });
  });

  it('says clearly when the NIP is already registered (409)', async () => {
    await adminPage.goto(`${t.url}/pegawai/baru`);
    const form = adminPage.getByRole('form', { name: 'Data pegawai baru' });
    await form.getByLabel('NIP', { exact: true }).fill(NIP_BARU);
    await form.getByLabel('Nama', { exact: true }).fill('Andi Pratama Kembar');
    await form.getByLabel('Jenis kelamin').selectOption('L');
    await form.getByLabel('Tanggal lahir').fill('1987-07-04');
    await form.getByLabel('Golongan').selectOption('III/a');
    await form.getByLabel('OPD', { exact: true }).selectOption({ label: 'Dinas Kesehatan' });
    await form.getByLabel('Unit kerja').selectOption({ label: 'Bidang Pelayanan Kesehatan' });
    // Dinas Kesehatan's unit has no list of positions: the name is typed.
    await form.getByLabel('Nama jabatan').fill('Pranata Komputer Ahli Muda');
    await form.getByRole('button', { name: 'Simpan pegawai' }).click();
    await form.getByRole('alert').filter({ hasText: 'NIP ini sudah dipakai pegawai lain' }).waitFor();
    assert.equal(await form.getByLabel('NIP', { exact: true }).getAttribute('aria-invalid'), 'true');
    const count = await peg(t.kernel.db).selectFrom('pegawai.pegawai').select((eb) => eb.fn.countAll<string>().as('n')).where('nip', '=', '198707042011011003').executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1);
  });

  it('transfers the employee with the mutasi form; a stale attempt is refused (412) and riwayat jabatan shows both positions', async () => {
    await adminPage.goto(`${t.url}/pegawai/${andiId}`);
    await adminPage.getByRole('heading', { level: 1, name: 'Andi Pratama, S.Kom.' }).waitFor();
    await adminPage.getByRole('button', { name: 'Mutasi' }).click();
    let form = adminPage.getByRole('form', { name: 'Mutasi Andi Pratama, S.Kom.' });
    await form.getByLabel('OPD', { exact: true }).waitFor();
    // Someone else changes the record after the page loaded it (version 1 → 2).
    ok(await t.admin.patch(`/api/v1/pegawai/${andiId}`, { telepon: '081377788899' }, { headers: { 'if-match': '"v1"' } }), 200);
    const fill = async () => {
      await form.getByLabel('TMT jabatan baru').fill('2024-07-01');
      await form.getByLabel('OPD', { exact: true }).selectOption({ label: 'Dinas Kesehatan' });
      await form.getByLabel('Unit kerja').selectOption({ label: 'Bidang Pelayanan Kesehatan' });
      await form.getByLabel('Nama jabatan').fill('Pranata Komputer Ahli Muda pada Dinas Kesehatan');
      await form.getByRole('button', { name: 'Simpan mutasi' }).click();
    };
    await fill();
    await form.getByRole('alert').filter({ hasText: 'Data pegawai sudah berubah sejak Anda membukanya, jadi mutasi belum disimpan' }).waitFor();
    assert.equal(
      (await peg(t.kernel.db).selectFrom('pegawai.riwayat_jabatan').select('id').where('pegawai_id', '=', andiId).execute()).length,
      1,
      'nothing moved on a stale version',
    );
    await form.getByRole('button', { name: 'Muat ulang data' }).click();
    await adminPage.getByRole('region', { name: 'Data pegawai' }).getByText('081377788899').waitFor();

    form = adminPage.getByRole('form', { name: 'Mutasi Andi Pratama, S.Kom.' });
    await fill();
    await adminPage.getByText('Mutasi disimpan (versi 3).').waitFor();
    assert.ok(await adminPage.getByRole('button', { name: 'Mutasi' }).evaluate((element) => element === document.activeElement), 'focus back on the Mutasi button');

    const jabatan = adminPage.getByRole('region', { name: 'Jabatan sekarang' });
    await jabatan.getByText('Dinas Kesehatan').first().waitFor();
    const riwayat = adminPage.getByRole('region', { name: 'Riwayat jabatan, terbaru di atas' });
    await riwayat.getByRole('rowheader', { name: 'Pranata Komputer Ahli Muda pada Dinas Kesehatan' }).waitFor();
    assert.equal(await riwayat.getByRole('rowheader').count(), 2);
    const baru = riwayat.getByRole('row').filter({ has: adminPage.getByRole('rowheader', { name: 'Pranata Komputer Ahli Muda pada Dinas Kesehatan' }) });
    assert.deepEqual(await baru.getByRole('cell').allInnerTexts(), ['Bidang Pelayanan Kesehatan', 'Dinas Kesehatan', '1 Juli 2024', 'sekarang']);
    const lama = riwayat.getByRole('row').filter({ has: adminPage.getByRole('rowheader', { name: 'Pranata Komputer Ahli Muda', exact: true }) });
    assert.deepEqual(await lama.getByRole('cell').allInnerTexts(), ['Bidang Aplikasi Informatika', 'Dinas Komunikasi dan Informatika', '3 Januari 2022', '1 Juli 2024']);
    const history = adminPage.getByRole('region', { name: 'Setiap versi data pegawai, terbaru di atas' });
    await history.getByRole('row').filter({ has: adminPage.getByRole('rowheader', { name: '3', exact: true }) }).getByRole('cell', { name: 'Mutasi' }).waitFor();

    const rows = await peg(t.kernel.db)
      .selectFrom('pegawai.riwayat_jabatan')
      .select(['nama_jabatan', sql<string>`tmt::text`.as('tmt'), sql<string | null>`selesai::text`.as('selesai')])
      .where('pegawai_id', '=', andiId)
      .orderBy('tmt')
      .execute();
    assert.deepEqual(rows, [
      { nama_jabatan: 'Pranata Komputer Ahli Muda', tmt: '2022-01-03', selesai: '2024-07-01' },
      { nama_jabatan: 'Pranata Komputer Ahli Muda pada Dinas Kesehatan', tmt: '2024-07-01', selesai: null },
    ]);
  });

  it('archives the employee with a required reason', async () => {
    await adminPage.getByRole('button', { name: 'Arsipkan' }).click();
    const form = adminPage.getByRole('form', { name: 'Arsipkan Andi Pratama, S.Kom.' });
    const alasan = form.getByLabel('Alasan pengarsipan');
    await form.getByRole('button', { name: 'Arsipkan pegawai' }).click();
    await form.locator('.field__error').first().waitFor();
    assert.equal(await alasan.getAttribute('aria-invalid'), 'true');
    assert.equal((await peg(t.kernel.db).selectFrom('pegawai.pegawai').select('archived_at').where('id', '=', andiId).executeTakeFirstOrThrow()).archived_at, null);

    await alasan.fill(ALASAN_ARSIP);
    await form.getByRole('button', { name: 'Arsipkan pegawai' }).click();
    await adminPage.getByText(`Pegawai ini sudah diarsipkan: ${ALASAN_ARSIP}`).waitFor();
    await adminPage.getByText('Pegawai telah diarsipkan (versi 4).').waitFor();
    assert.equal(await adminPage.getByRole('button', { name: 'Mutasi' }).count(), 0, 'an archived record offers no changes');
    assert.equal(await adminPage.getByRole('button', { name: 'Ubah data' }).count(), 0);

    const stored = await peg(t.kernel.db).selectFrom('pegawai.pegawai').select(['archive_reason', 'version']).where('id', '=', andiId).executeTakeFirstOrThrow();
    assert.deepEqual(stored, { archive_reason: ALASAN_ARSIP, version: 4 });
    await adminPage.goto(`${t.url}/pegawai?q=Andi`);
    await adminPage.getByText('Tidak ada pegawai yang cocok.').waitFor();
  });

  it('fits the new-employee and mutasi forms on a 360 px wide phone', async () => {
    const phone = await adminPage.context().newPage();
    await phone.setViewportSize({ width: 360, height: 740 });
    await phone.goto(`${t.url}/pegawai/baru`);
    await phone.getByRole('form', { name: 'Data pegawai baru' }).getByLabel('Unit kerja').waitFor();
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 360, 'the new-employee form fits');
    if (process.env.PEGAWAI_SCREENSHOT_DIR) await phone.screenshot({ path: `${process.env.PEGAWAI_SCREENSHOT_DIR}/pegawai-baru.png`, fullPage: true });
    await phone.goto(`${t.url}/pegawai/${rinaId}`);
    await phone.getByRole('button', { name: 'Mutasi' }).click();
    await phone.getByRole('form', { name: 'Mutasi Rina Marlina Putri' }).getByLabel('Unit kerja').waitFor();
    assert.ok((await phone.evaluate(() => document.documentElement.scrollWidth)) <= 360, 'the mutasi form fits');
    if (process.env.PEGAWAI_SCREENSHOT_DIR) await phone.screenshot({ path: `${process.env.PEGAWAI_SCREENSHOT_DIR}/pegawai-mutasi.png`, fullPage: true });
    await phone.close();
  });
});
