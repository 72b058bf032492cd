import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { webDist } from '../../src/core/http/app.js';
import { ADMIN_PASSWORD, startTestServer, type ApiClient, type TestServer } from '../helpers/server.js';
import { qrOfPdf } from '../helpers/qr.js';

const CHROMIUM = '/usr/bin/chromium';
const KELURAHAN = '13.71.01.1001';
const NIK = '1371011203900001'; // Rahmat Hidayat, a man born 12 March 1990, living in 13.71.01.1001
const NO_KK = '1371010101250001';
const NIP_LURAH = '196608011988031001';
/** The resident signs up herself on /daftar; she signs in with her NIK. */
const WARGA = { password: 'kata-sandi-warga-rahmat' };
const PETUGAS = { username: 'petugas-1001', password: 'kata-sandi-petugas-1001', nama: 'Petugas Batang Arau' };
const LURAH = { username: 'lurah-1001', password: 'kata-sandi-lurah-1001', nama: 'Lurah Batang Arau' };
const CAMAT = { username: 'camat-padang-selatan', password: 'kata-sandi-camat-ps' };
const KEPERLUAN = 'Melamar pekerjaan di Padang';
/** The NIK as staff see it (masked like the registry's lists); the No. KK happens to mask the same way. */
const NIK_MASKED = '137101******0001';

/** The value of one row of a details list, by its label. */
const nilai = (scope: Locator, label: string) => scope.locator('.layanan-details__row').filter({ has: scope.page().locator('dt').getByText(label, { exact: true }) }).locator('dd');

/** A few bytes that are a PNG, a PDF and a JPEG by their content. */
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-uji-lampiran')]);
const PDF = Buffer.from('%PDF-1.4\n% pengantar RT\n%%EOF\n');
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-uji')]);
/** A Windows executable renamed to .pdf. */
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

/**
 * The whole e-kelurahan journey in Chromium: a resident signs in with her NIK at phone width,
 * requests a domisili letter (registry data shown read-only, field errors from the API next to
 * the field, three files, one request for a double click), tracks it publicly by its code; an
 * officer assigns it to herself, verifies the files (forwarding before that is refused, naming
 * the missing file) and forwards it; the lurah approves it; the resident sees the timeline and
 * the notification, downloads the signed PDF, and the QR code's page says the letter is valid.
 */
describe('e-kelurahan pages in Chromium', () => {
  let t: TestServer;
  let browser: Browser;
  let warga: Page;
  let wargaApi: ApiClient;
  let permohonanId = '';
  let kodeLacak = '';

  const ok = (res: { status: number; body: any }, status = 201) => {
    assert.equal(res.status, status, JSON.stringify(res.body));
    return res.body;
  };

  async function signIn(page: Page, login: string, password: string): Promise<void> {
    await page.goto(`${t.url}/`);
    await page.getByLabel('Nama pengguna').fill(login);
    await page.getByLabel('Kata sandi').fill(password);
    await page.getByRole('button', { name: 'Masuk' }).click();
    await page.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
  }

  /** Follows a main-navigation link, through the menu button at phone width. */
  async function nav(page: Page, name: string): Promise<void> {
    const menu = page.getByRole('button', { name: 'Menu' });
    if (await menu.isVisible()) await menu.click();
    await page.getByRole('navigation', { name: 'Navigasi utama' }).getByRole('link', { name, exact: true }).click();
  }

  async function desktop(): Promise<Page> {
    return (await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'id-ID', acceptDownloads: true })).newPage();
  }

  async function api(login: { username: string; password: string }): Promise<ApiClient> {
    const client = t.client();
    ok(await client.login(login.username, login.password), 200);
    return client;
  }

  const count = async (table: string) =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.kernel.db)).rows[0]!.n);

  before(async () => {
    assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: apt-get install chromium`);
    assert.ok(existsSync(`${webDist}/index.html`), 'web/dist is missing: npm run build:web');
    t = await startTestServer();
    const admin = t.admin;
    ok(await admin.post('/api/v1/keluarga', { noKk: NO_KK, kodeKelurahan: KELURAHAN, alamat: 'Jl. Batang Arau No. 7', rt: '001', rw: '002' }));
    ok(await admin.post('/api/v1/penduduk', {
      nik: NIK, noKk: NO_KK, nama: 'Rahmat Hidayat', jenisKelamin: 'L', tempatLahir: 'Padang', tanggalLahir: '1990-03-12',
      agama: 1, pendidikan: 5, pekerjaan: 15, statusKawin: 2, shdk: 1,
    }));
    // The kelurahan office and its lurah, an employee whose NIP signs the letters.
    ok(await admin.post('/api/v1/opd', { kode: 'KEL-1001', nama: 'Kelurahan Batang Arau', jenis: 'kelurahan', kodeWilayah: KELURAHAN, alamat: 'Jl. Batang Arau No. 1, Padang' }));
    const unit = ok(await admin.post('/api/v1/opd/KEL-1001/unit', { nama: 'Kantor Lurah', jenis: 'bidang', berlakuMulai: '2000-01-01' }));
    ok(await admin.post('/api/v1/pegawai', {
      nip: NIP_LURAH, nama: 'Budi Saputra', gelarBelakang: 'S.Sos', jenisKelamin: 'L', tanggalLahir: '1966-08-01', jenis: 'pns', golongan: 'III/d',
      opdRef: 'KEL-1001', unitId: unit.id, namaJabatan: 'Lurah', tmtJabatan: '2020-01-01',
    }));
    const account = async (a: { username: string; password: string }, displayName: string, roles: object[], identitas?: object) => {
      const user = ok(await admin.post('/api/v1/users', { username: a.username, displayName, password: a.password, roles }));
      if (identitas) ok(await admin.put(`/api/v1/users/${user.id}/identitas`, identitas), 200);
    };
    await account(PETUGAS, PETUGAS.nama, [{ role: 'petugas_kelurahan', scopeCode: KELURAHAN }]);
    await account(LURAH, LURAH.nama, [{ role: 'lurah', scopeCode: KELURAHAN }], { nip: NIP_LURAH });
    ok(await admin.post('/api/v1/opd', { kode: 'KEC-PADANG-SELATAN', nama: 'Kecamatan Padang Selatan', jenis: 'kecamatan', kodeWilayah: '13.71.01' }));
    await account(CAMAT, 'Camat Padang Selatan', [{ role: 'camat', scopeCode: 'KEC-PADANG-SELATAN' }]);

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    warga = await (await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID', acceptDownloads: true })).newPage();
  });

  after(async () => {
    await browser?.close();
    await t?.close();
  });

  it('the resident signs up on her phone (NIK, name and birth date checked against the registry), then finds the letters with their SLA and requirements', async () => {
    await warga.goto(`${t.url}/`);
    await warga.getByRole('link', { name: 'Daftar akun warga' }).click();
    const daftar = warga.getByRole('form', { name: 'Daftar akun warga' });
    await daftar.getByLabel('NIK', { exact: true }).fill(NIK);
    await daftar.getByLabel('Nama lengkap').fill('Rahmat Hidayat');
    await daftar.getByLabel('Tanggal lahir').fill('1990-03-12');
    await daftar.getByLabel('Kata sandi', { exact: true }).fill(WARGA.password);
    await daftar.getByLabel('Ulangi kata sandi').fill(WARGA.password);
    await daftar.getByRole('button', { name: 'Daftar' }).click();
    await warga.getByRole('heading', { level: 1, name: 'Beranda' }).waitFor();
    const linked = await sql<{ n: string }>`SELECT count(*) AS n FROM core.app_user WHERE nik = ${NIK}`.execute(t.kernel.db);
    assert.equal(Number(linked.rows[0]!.n), 1, 'the sign-up made one account linked to her NIK');
    wargaApi = t.client();
    ok(await wargaApi.login(NIK, WARGA.password), 200);
    await nav(warga, 'Layanan Surat');
    await warga.getByRole('heading', { level: 1, name: 'Layanan Surat' }).waitFor();
    const card = warga.getByRole('listitem').filter({ has: warga.getByRole('heading', { name: 'Surat Keterangan Domisili', exact: true }) });
    await card.getByText('1 hari kerja').waitFor();
    await card.getByText('Surat Pengantar RT/RW').waitFor();
    await card.getByText('Kartu Keluarga').waitFor();
    await card.getByRole('link', { name: 'Ajukan Surat Keterangan Domisili' }).click();
    await warga.getByRole('heading', { level: 1, name: 'Surat Keterangan Domisili' }).waitFor();
  });

  it('shows her registry data read-only, checks the form, puts the API’s field error next to the field, and one request for a double click', async () => {
    const data = warga.getByRole('region', { name: 'Data Anda dari data kependudukan' });
    await data.getByText('Rahmat Hidayat').waitFor();
    await data.getByText(NIK).waitFor();
    await data.getByText('Padang, 12 Maret 1990').waitFor();
    await data.getByText('Jl. Batang Arau No. 7', { exact: false }).waitFor();
    assert.equal(await data.getByRole('textbox').count(), 0, 'the registry data can be typed over');

    const form = warga.getByRole('form', { name: 'Formulir permohonan' });
    const keperluan = form.getByLabel('Keperluan');
    // Nothing filled in: the browser names the field and each required file.
    await form.getByRole('button', { name: 'Kirim permohonan' }).click();
    await form.getByRole('alert').filter({ hasText: 'Periksa isian yang ditandai.' }).waitFor();
    assert.equal(await keperluan.getAttribute('aria-invalid'), 'true');
    assert.ok(await keperluan.evaluate((element) => element === document.activeElement), 'focus on the first invalid field');
    await form.getByText('Unggah Kartu Keluarga.').waitFor();
    // The limits said next to each file are the server's (GET /layanan/batas), and a file over them is refused before sending.
    await form.getByText('PDF, JPG atau PNG; maksimal 2 MB per berkas, paling banyak 10 berkas per permohonan.').first().waitFor();
    await form.getByLabel('Kartu Keluarga (wajib)').setInputFiles({ name: 'kk-besar.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.alloc(2 * 1024 * 1024, 0x20)]) });
    await form.getByRole('button', { name: 'Kirim permohonan' }).click();
    await form.getByText('Berkas kk-besar.pdf terlalu besar. Ukuran maksimal 2 MB per berkas.').waitFor();
    assert.equal(await count('layanan.permohonan'), 0);

    await form.getByLabel('Surat Pengantar RT/RW (wajib)').setInputFiles({ name: 'pengantar-rt.pdf', mimeType: 'application/pdf', buffer: PDF });
    await form.getByLabel('KTP-el (wajib)').setInputFiles({ name: 'ktp.jpg', mimeType: 'image/jpeg', buffer: JPG });
    await form.getByLabel('Kartu Keluarga (wajib)').setInputFiles({ name: 'kk.png', mimeType: 'image/png', buffer: PNG });
    await form.getByText('Dipilih: kk.png').waitFor();
    // Too short for the letter type's rule (5–200 characters): the API says so, next to the field.
    await keperluan.fill('abc');
    await form.getByRole('button', { name: 'Kirim permohonan' }).click();
    await form.getByRole('alert').filter({ hasText: 'Ada isian formulir yang tidak memenuhi aturan' }).waitFor();
    const describedBy = ((await keperluan.getAttribute('aria-describedby')) ?? '').split(' ').pop();
    assert.equal(await warga.locator(`[id="${describedBy}"]`).innerText(), 'Minimal 5 karakter.');
    assert.equal(await count('layanan.permohonan'), 0);

    const keys: string[] = [];
    warga.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/v1/layanan/saya/permohonan') keys.push(request.headers()['idempotency-key'] ?? '');
    });
    await keperluan.fill(KEPERLUAN);
    await form.getByRole('button', { name: 'Kirim permohonan' }).dblclick();
    const konfirmasi = warga.getByRole('region', { name: 'Permohonan terkirim' });
    await konfirmasi.waitFor();
    kodeLacak = (await konfirmasi.locator('.layanan-kode').innerText()).trim();
    assert.match(kodeLacak, /^[ABCDEFGHJKMNPQRSTUVWXYZ23456789]{10}$/);
    assert.ok(keys.length >= 1 && keys.every((key) => key === keys[0] && /^padu-/.test(key)), `keys ${JSON.stringify(keys)}`);
    assert.equal(await count('layanan.permohonan'), 1, 'a double click made two requests');
    assert.equal(await count('layanan.lampiran'), 3);
    const stored = await sql<{ id: string; data: any; status: string }>`SELECT id, data, status FROM layanan.permohonan`.execute(t.kernel.db);
    permohonanId = stored.rows[0]!.id;
    assert.deepEqual(stored.rows[0]!.data, { keperluan: KEPERLUAN });
    assert.equal(stored.rows[0]!.status, 'baru');
  });

  it('lists the request under "Permohonan saya"; an executable renamed .pdf is refused clearly', async () => {
    await warga.getByRole('region', { name: 'Permohonan terkirim' }).getByRole('link', { name: 'Permohonan saya' }).click();
    await warga.getByRole('heading', { level: 1, name: 'Permohonan saya' }).waitFor();
    const card = warga.getByRole('region', { name: 'Daftar permohonan' }).getByRole('listitem').filter({ hasText: kodeLacak });
    await card.getByText('Baru', { exact: true }).waitFor();
    await card.getByText('1 hari kerja lagi').waitFor();
    await card.getByRole('link', { name: 'Surat Keterangan Domisili' }).click();
    await warga.getByRole('heading', { level: 1, name: 'Surat Keterangan Domisili' }).waitFor();
    await warga.getByRole('list', { name: 'Riwayat status' }).getByText('Baru').waitFor();
    // Her own files open again, exactly as she sent them.
    const berkasSaya = warga.getByRole('region', { name: 'Berkas persyaratan', exact: true });
    const [unduhan] = await Promise.all([warga.waitForEvent('download'), berkasSaya.getByRole('link', { name: 'Unduh pengantar-rt.pdf' }).click()]);
    assert.equal(readFileSync((await unduhan.path())!).toString(), PDF.toString());

    const unggah = warga.getByRole('form', { name: 'Unggah berkas' });
    await unggah.getByLabel('Persyaratan').selectOption({ label: 'Berkas lain' });
    await unggah.getByLabel('Berkas', { exact: true }).setInputFiles({ name: 'surat.pdf', mimeType: 'application/pdf', buffer: EXE });
    await unggah.getByRole('button', { name: 'Unggah' }).click();
    await unggah.getByRole('alert').filter({ hasText: 'Berkas surat.pdf tidak diterima: hanya PDF, JPG atau PNG' }).waitFor();
    assert.equal(await count('layanan.lampiran'), 3);
  });

  it('anyone can track the request by its code without signing in: status and dates, no personal data', async () => {
    const context: BrowserContext = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(`${t.url}/lacak`);
    await page.getByRole('heading', { level: 1, name: 'Lacak Permohonan' }).waitFor();
    await page.getByLabel('Kode lacak').fill('ABC');
    await page.getByRole('button', { name: 'Lacak' }).click();
    await page.getByText('Kode lacak terdiri atas 10 huruf dan angka.').waitFor();
    // Typed in lower case with a dash: the page cleans it up.
    await page.getByLabel('Kode lacak').fill(`${kodeLacak.slice(0, 5).toLowerCase()}-${kodeLacak.slice(5)}`);
    await page.getByRole('button', { name: 'Lacak' }).click();
    const hasil = page.getByRole('region', { name: `Permohonan ${kodeLacak}` });
    await hasil.getByText('Surat Keterangan Domisili').waitFor();
    await hasil.getByRole('status').getByText('Baru').waitFor();
    const html = await page.content();
    assert.ok(!html.includes('Rahmat') && !html.includes(NIK) && !html.includes(KEPERLUAN), 'the public page shows personal data');
    await context.close();
  });

  it('the officer assigns it to herself, verifies the files (forwarding too early names what is missing) and forwards it', async () => {
    const page = await desktop();
    await signIn(page, PETUGAS.username, PETUGAS.password);
    await nav(page, 'Antrian Layanan');
    await page.getByRole('heading', { level: 1, name: 'Antrian Layanan' }).waitFor();
    const row = page.getByRole('table', { name: 'Antrian permohonan: Baru' }).getByRole('row').filter({ hasText: kodeLacak });
    await row.getByRole('cell', { name: 'Rahmat Hidayat' }).waitFor();
    await row.getByText('1 hari kerja lagi').waitFor();
    await row.getByRole('link', { name: kodeLacak }).click();
    await page.getByRole('heading', { level: 1, name: `Surat Keterangan Domisili · ${kodeLacak}` }).waitFor();
    const pemohon = page.getByRole('region', { name: 'Pemohon', exact: true });
    await pemohon.getByText(KEPERLUAN).waitFor();
    // Staff see NIK, No. KK and birth date masked, said so in words; the birth year stays readable.
    await pemohon.getByText('Rahmat Hidayat', { exact: true }).waitFor();
    await nilai(pemohon, 'NIK').getByText(NIK_MASKED).waitFor();
    await pemohon.getByText('Padang, tahun 1990').waitFor();
    await pemohon.getByText('NIK, nomor KK dan tanggal lahir disamarkan.', { exact: false }).waitFor();
    const staffHtml = await page.content();
    assert.ok(!staffHtml.includes(NIK) && !staffHtml.includes(NO_KK) && !staffHtml.includes('12 Maret 1990'), 'full holder data in the staff view');

    await page.getByRole('button', { name: 'Ambil dan mulai verifikasi' }).click();
    await page.getByRole('status').filter({ hasText: 'Permohonan Anda ambil; status: sedang diverifikasi.' }).waitFor();
    await page.getByRole('region', { name: 'Status permohonan' }).getByText(PETUGAS.nama).waitFor();

    const berkas = page.getByRole('region', { name: 'Berkas persyaratan', exact: true });
    await berkas.getByRole('button', { name: 'Nyatakan pengantar-rt.pdf sah' }).click();
    await berkas.getByRole('row').filter({ hasText: 'pengantar-rt.pdf' }).locator('.badge', { hasText: /^Sah$/ }).waitFor();
    await berkas.getByRole('button', { name: 'Nyatakan ktp.jpg sah' }).click();
    await berkas.getByRole('row').filter({ hasText: 'ktp.jpg' }).locator('.badge', { hasText: /^Sah$/ }).waitFor();

    await page.getByRole('button', { name: 'Teruskan ke lurah' }).click();
    let form = page.getByRole('form', { name: 'Teruskan ke lurah untuk ditandatangani' });
    await form.getByRole('button', { name: 'Teruskan', exact: true }).click();
    await form.getByRole('alert').filter({ hasText: 'persyaratan wajib belum diunggah atau belum dinyatakan sah' }).waitFor();
    await form.getByText('Kartu Keluarga belum diunggah atau belum dinyatakan sah.').waitFor();
    await form.getByRole('button', { name: 'Batal' }).click();

    await berkas.getByRole('button', { name: 'Nyatakan kk.png sah' }).click();
    await berkas.getByRole('row').filter({ hasText: 'kk.png' }).locator('.badge', { hasText: /^Sah$/ }).waitFor();
    await page.getByRole('button', { name: 'Teruskan ke lurah' }).click();
    form = page.getByRole('form', { name: 'Teruskan ke lurah untuk ditandatangani' });
    await form.getByLabel('Catatan untuk lurah (opsional)').fill('Berkas lengkap dan sah');
    await form.getByRole('button', { name: 'Teruskan', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Permohonan diteruskan ke lurah; status: menunggu tanda tangan.' }).waitFor();

    // "Assigned to me" finds it among every status.
    await page.getByRole('link', { name: '← Antrian Layanan' }).click();
    await page.getByRole('navigation', { name: 'Status permohonan' }).getByRole('link', { name: 'Semua' }).click();
    await page.getByRole('table', { name: 'Antrian permohonan: Semua' }).waitFor();
    await page.getByLabel('Hanya yang saya tangani').check();
    await page.getByRole('table', { name: 'Antrian permohonan: Semua' }).getByRole('row').filter({ hasText: kodeLacak }).getByText('Menunggu tanda tangan').waitFor();
    await page.context().close();
  });

  it('the lurah approves it: the letter gets its number', async () => {
    const page = await desktop();
    await signIn(page, LURAH.username, LURAH.password);
    await nav(page, 'Antrian Layanan');
    await page.getByRole('navigation', { name: 'Status permohonan' }).getByRole('link', { name: 'Menunggu tanda tangan' }).click();
    await page.getByRole('table', { name: 'Antrian permohonan: Menunggu tanda tangan' }).getByRole('link', { name: kodeLacak }).click();
    await page.getByRole('list', { name: 'Riwayat status' }).getByText('Catatan: Berkas lengkap dan sah').waitFor();
    await page.getByRole('button', { name: 'Setujui dan tandatangani' }).click();
    await page.getByRole('status').filter({ hasText: 'Permohonan disetujui' }).waitFor();
    const surat = page.getByRole('region', { name: 'Surat', exact: true });
    await surat.getByText(/^470\/001\/.+\/[IVX]+\/\d{4}$/).waitFor();
    await surat.getByText('Budi Saputra', { exact: false }).waitFor();
    await page.context().close();
  });

  it('the resident sees the timeline and the notification, downloads the signed PDF, and its QR page says it is valid', async () => {
    await warga.reload();
    await warga.getByRole('heading', { level: 1, name: 'Surat Keterangan Domisili' }).waitFor();
    await warga.getByRole('region', { name: 'Status permohonan' }).getByText('Selesai', { exact: true }).waitFor();
    const timeline = warga.getByRole('list', { name: 'Riwayat status' });
    assert.deepEqual(
      await timeline.locator('.layanan-timeline__status').allInnerTexts(),
      ['Baru', 'Sedang diverifikasi', 'Menunggu tanda tangan', 'Selesai'],
    );
    await timeline.getByText(`oleh ${PETUGAS.username}`).first().waitFor();

    const surat = warga.getByRole('region', { name: 'Surat', exact: true });
    await surat.getByText('Surat sudah terbit dan ditandatangani.').waitFor();
    const [download] = await Promise.all([warga.waitForEvent('download'), surat.getByRole('link', { name: /Unduh surat \(PDF\)/ }).click()]);
    const pdf = readFileSync((await download.path())!);
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const detail = ok(await wargaApi.get(`/api/v1/layanan/saya/permohonan/${permohonanId}`), 200);
    assert.equal(createHash('sha256').update(pdf).digest('hex'), detail.surat.sha256, 'the download is not the issued PDF');
    // The QR code printed on the letter, read as a phone would, leads to the verification page.
    const verifikasiUrl = qrOfPdf(pdf);
    assert.ok(verifikasiUrl, 'no QR code found on the letter');
    assert.equal(verifikasiUrl, detail.surat.verifikasiUrl);
    assert.match(verifikasiUrl, /\/verifikasi\/[A-Za-z0-9_-]+$/);
    assert.equal(await surat.getByRole('link', { name: verifikasiUrl }).getAttribute('href'), verifikasiUrl);

    // The notifications arrive through the outbox: reload until the last one is there.
    await warga.getByRole('link', { name: '← Permohonan saya' }).click();
    const notifikasi = warga.getByRole('region', { name: 'Pemberitahuan' });
    for (let attempt = 0; attempt < 30 && (await notifikasi.getByText('Surat sudah terbit', { exact: true }).count()) === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      await notifikasi.getByRole('button', { name: 'Muat ulang pemberitahuan' }).click();
    }
    await notifikasi.getByText('Surat sudah terbit', { exact: true }).waitFor();
    await notifikasi.getByText('Permohonan diterima', { exact: true }).waitFor();
    await notifikasi.getByRole('button', { name: /^Tandai sudah dibaca\W+Surat sudah terbit$/ }).click();
    await notifikasi.getByRole('status').filter({ hasText: 'Pemberitahuan ditandai sudah dibaca.' }).waitFor();

    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'id-ID' });
    const page = await context.newPage();
    await page.goto(verifikasiUrl);
    await page.getByText('Surat ini SAH / VALID').waitFor();
    await page.getByText(detail.surat.nomor).waitFor();
    await page.getByText('Ra**** Hi*****').waitFor();
    await context.close();
  });
  it('needs changes: the resident reads the officer’s comment, replaces a file, corrects the field and sends it back; then cancels', async () => {
    const petugas = await api(PETUGAS);
    const p = ok(await wargaApi.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: 'Mendaftar sekolah anak' } }));
    for (const syarat of ['pengantar_rt', 'ktp', 'kk']) {
      ok(await wargaApi.request('POST', `/api/v1/layanan/saya/permohonan/${p.id}/lampiran?syarat=${syarat}&nama=${syarat}.png`, { raw: PNG, headers: { 'content-type': 'image/png' } }));
    }
    ok(await petugas.post(`/api/v1/layanan/permohonan/${p.id}/ambil`, {}), 200);
    ok(await petugas.post(`/api/v1/layanan/permohonan/${p.id}/perbaikan`, { catatan: 'Foto KK tidak terbaca, mohon unggah ulang.' }), 200);

    await warga.goto(`${t.url}/layanan/saya/${p.id}`);
    const perbaikan = warga.getByRole('region', { name: 'Permohonan perlu diperbaiki' });
    await perbaikan.getByText('Foto KK tidak terbaca, mohon unggah ulang.').waitFor();
    const unggah = warga.getByRole('form', { name: 'Unggah berkas' });
    await unggah.getByLabel('Persyaratan').selectOption({ label: 'Kartu Keluarga' });
    await unggah.getByLabel('Berkas', { exact: true }).setInputFiles({ name: 'kk-baru.jpg', mimeType: 'image/jpeg', buffer: JPG });
    await unggah.getByRole('button', { name: 'Unggah' }).click();
    await warga.getByRole('region', { name: 'Berkas persyaratan', exact: true }).getByRole('cell', { name: 'kk-baru.jpg', exact: true }).waitFor();

    const form = perbaikan.getByRole('form', { name: 'Perbaiki dan kirim kembali' });
    await form.getByLabel('Keperluan').fill('');
    await form.getByRole('button', { name: 'Kirim kembali permohonan' }).click();
    await form.getByRole('alert').filter({ hasText: 'Periksa isian yang ditandai.' }).waitFor();
    await form.getByLabel('Keperluan').fill('Mendaftarkan anak ke sekolah dasar');
    await form.getByLabel('Pesan untuk petugas (opsional)').fill('KK sudah saya foto ulang');
    await form.getByRole('button', { name: 'Kirim kembali permohonan' }).click();
    await warga.getByRole('status').filter({ hasText: 'Permohonan dikirim kembali ke petugas.' }).waitFor();
    await warga.getByRole('region', { name: 'Status permohonan' }).getByText('Sedang diverifikasi', { exact: true }).waitFor();
    const stored = await sql<{ data: any; status: string }>`SELECT data, status FROM layanan.permohonan WHERE id = ${p.id}`.execute(t.kernel.db);
    assert.deepEqual(stored.rows[0], { data: { keperluan: 'Mendaftarkan anak ke sekolah dasar' }, status: 'verifikasi' });

    await warga.getByRole('button', { name: 'Batalkan permohonan' }).click();
    const batal = warga.getByRole('form', { name: 'Batalkan permohonan ini?' });
    await batal.getByLabel('Alasan (opsional)').fill('Sudah diurus langsung di kantor');
    await batal.getByRole('button', { name: 'Ya, batalkan' }).click();
    await warga.getByRole('status').filter({ hasText: 'Permohonan dibatalkan.' }).waitFor();
    await warga.getByRole('region', { name: 'Status permohonan' }).getByText('Dibatalkan', { exact: true }).waitFor();
    assert.equal(await warga.getByRole('button', { name: 'Batalkan permohonan' }).count(), 0);
  });

  it('a walk-in request is entered at the counter by NIK; once overdue the camat sees it across the kecamatan', async () => {
    const page = await desktop();
    await signIn(page, PETUGAS.username, PETUGAS.password);
    await nav(page, 'Antrian Layanan');
    await page.getByRole('link', { name: 'Permohonan di loket' }).click();
    const form = page.getByRole('form', { name: 'Data permohonan' });
    // An unknown NIK is said next to the NIK before anything is recorded.
    await form.getByLabel('NIK pemohon').fill('1371 0112 0390 9999');
    await form.getByLabel('Jenis surat').selectOption({ label: 'Surat Keterangan Domisili' });
    await form.getByRole('button', { name: 'Tampilkan data pemohon' }).click();
    const nik = form.getByLabel('NIK pemohon');
    await form.getByRole('alert').filter({ hasText: 'Periksa isian yang ditandai.' }).waitFor();
    assert.equal(await nik.getAttribute('aria-invalid'), 'true');
    const nikError = ((await nik.getAttribute('aria-describedby')) ?? '').split(' ').pop();
    assert.match(await page.locator(`[id="${nikError}"]`).innerText(), /NIK ini tidak terdaftar sebagai penduduk/);
    // The registry's data, masked, to check against the KTP in hand; then the letter's own fields.
    await nik.fill('1371 0112 0390 0001');
    await form.getByRole('button', { name: 'Tampilkan data pemohon' }).click();
    const data = form.getByRole('region', { name: 'Data pemohon dari data kependudukan' });
    await data.getByText('Rahmat Hidayat', { exact: true }).waitFor();
    await nilai(data, 'NIK').getByText(NIK_MASKED).waitFor();
    await data.getByText('Padang, tahun 1990').waitFor();
    await data.getByText('Jl. Batang Arau No. 7', { exact: false }).waitFor();
    assert.ok(!(await page.content()).includes(NIK), 'full NIK in the pre-fill');
    assert.equal(await count('layanan.permohonan'), 2);
    await form.getByLabel('Keperluan').fill('Persyaratan pembukaan rekening bank');
    await form.getByLabel('Kartu Keluarga (wajib)').setInputFiles({ name: 'kk-loket.pdf', mimeType: 'application/pdf', buffer: PDF });
    await form.getByRole('button', { name: 'Catat permohonan' }).click();
    const status = page.getByRole('status').filter({ hasText: 'Permohonan loket dicatat dengan kode lacak' });
    await status.waitFor();
    const kode = /kode lacak ([A-Z0-9]{10})/.exec(await status.innerText())![1]!;
    await page.getByRole('region', { name: 'Status permohonan' }).getByText('Loket kelurahan').waitFor();
    await page.getByRole('region', { name: 'Berkas persyaratan', exact: true }).getByRole('cell', { name: 'kk-loket.pdf', exact: true }).waitFor();
    await page.context().close();

    await sql`UPDATE layanan.permohonan SET jatuh_tempo = '2020-01-06' WHERE kode_lacak = ${kode}`.execute(t.kernel.db);
    const camat = await desktop();
    await signIn(camat, CAMAT.username, CAMAT.password);
    await nav(camat, 'Layanan Kecamatan');
    const row = camat.getByRole('table', { name: 'Permohonan yang melewati batas waktu' }).getByRole('row').filter({ hasText: kode });
    await row.getByText('Terlambat', { exact: true }).waitFor();
    await row.getByText(/lewat \d+ hari kerja/).waitFor();
    assert.equal(await camat.getByRole('table', { name: 'Permohonan yang melewati batas waktu' }).getByRole('row').filter({ hasText: kodeLacak }).count(), 0, 'a finished request is listed as overdue');
    // The camat opens it: read-only, the holder masked as for staff.
    await row.getByRole('link', { name: kode }).click();
    await camat.getByRole('heading', { level: 1, name: `Surat Keterangan Domisili · ${kode}` }).waitFor();
    await camat.getByText('Hanya untuk dilihat: permohonan ini diproses oleh petugas kelurahan.').waitFor();
    const pemohonCamat = camat.getByRole('region', { name: 'Pemohon', exact: true });
    await nilai(pemohonCamat, 'NIK').getByText(NIK_MASKED).waitFor();
    await pemohonCamat.getByText('Persyaratan pembukaan rekening bank').waitFor();
    await camat.getByRole('region', { name: 'Berkas persyaratan', exact: true }).getByRole('cell', { name: 'kk-loket.pdf', exact: true }).waitFor();
    assert.equal(await camat.getByRole('button').filter({ hasText: /Ambil|Teruskan|Tolak|Setujui/ }).count(), 0, 'actions in the camat’s view');
    assert.ok(!(await camat.content()).includes(NIK), 'full NIK in the camat’s view');
    await camat.getByRole('link', { name: '← Layanan Kecamatan' }).click();
    await camat.getByRole('table', { name: 'Permohonan yang melewati batas waktu' }).getByRole('row').filter({ hasText: kode }).waitFor();
    await camat.context().close();
  });

  it('the lurah’s figures: requests per kelurahan, letter type and month, time to completion, share within SLA', async () => {
    const page = await desktop();
    await signIn(page, LURAH.username, LURAH.password);
    await nav(page, 'Statistik Layanan');
    const ringkasan = page.getByRole('table', { name: /^Ringkasan \d{4}$/ });
    const value = (label: string) => ringkasan.getByRole('row').filter({ has: page.getByRole('rowheader', { name: label, exact: true }) }).getByRole('cell');
    assert.equal(await value('Diajukan').innerText(), '3');
    assert.equal(await value('Selesai').innerText(), '1');
    assert.equal(await value('Dibatalkan').innerText(), '1');
    assert.equal(await value('Masih diproses dan terlambat').innerText(), '1');
    assert.equal(await value('Selesai tepat waktu').innerText(), '100%');
    // Each group has its own median time to completion (the one letter was issued within the hour) and share within SLA.
    const jenis = page.getByRole('table', { name: 'Per jenis surat' }).getByRole('row').filter({ hasText: 'Surat Keterangan Domisili' });
    assert.deepEqual(await jenis.getByRole('cell').allInnerTexts(), ['3', '1', 'kurang dari 1 jam', '100%']);
    const kelurahan = page.getByRole('table', { name: 'Per kelurahan' }).getByRole('row').filter({ hasText: KELURAHAN });
    assert.deepEqual(await kelurahan.getByRole('cell').allInnerTexts(), ['3', '1', 'kurang dari 1 jam', '100%']);
    const kelurahanHeader = (await kelurahan.getByRole('rowheader').innerText()).trim();
    assert.ok(kelurahanHeader.endsWith(KELURAHAN) && !kelurahanHeader.startsWith(KELURAHAN), `the kelurahan is named with its code: ${kelurahanHeader}`);
    const bulan = page.getByRole('table', { name: 'Per bulan' }).getByRole('row').nth(1);
    assert.deepEqual(await bulan.getByRole('cell').allInnerTexts(), ['3', '1', 'kurang dari 1 jam', '100%']);
    await page.context().close();
  });

  it('the admin edits a letter type with If-Match (a stale save is refused, the field error stands next to the field) and the holidays', async () => {
    const page = await desktop();
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await nav(page, 'Katalog Layanan');
    await page.getByRole('table', { name: 'Jenis surat' }).getByRole('link', { name: 'Surat Keterangan Domisili' }).click();
    let form = page.getByRole('form', { name: 'Definisi jenis surat' });
    await form.getByLabel('Lama proses').fill('2');
    // Someone else saves first.
    const current = await t.admin.get('/api/v1/layanan/jenis/domisili');
    const changed = ok(await t.admin.patch('/api/v1/layanan/jenis/domisili', { deskripsi: 'Menerangkan tempat tinggal pemohon.' }, { headers: { 'if-match': current.headers.get('etag')! } }), 200);
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await form.getByRole('alert').filter({ hasText: 'Jenis surat ini sudah diubah orang lain' }).waitFor();
    await form.getByRole('button', { name: 'Muat versi terbaru' }).click();
    form = page.getByRole('form', { name: 'Definisi jenis surat' });
    await form.getByText(`Anda mengubah versi ${changed.version}.`, { exact: false }).waitFor();
    assert.equal(await form.getByLabel('Keterangan').inputValue(), 'Menerangkan tempat tinggal pemohon.');

    await form.getByLabel('Judul surat').fill('SURAT KETERANGAN [tidak_dikenal]');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    const judul = form.getByLabel('Judul surat');
    await form.getByRole('alert').first().waitFor();
    assert.equal(await judul.getAttribute('aria-invalid'), 'true');
    const describedBy = ((await judul.getAttribute('aria-describedby')) ?? '').split(' ').pop();
    assert.match(await page.locator(`[id="${describedBy}"]`).innerText(), /\[tidak_dikenal\] tidak dikenal/);

    await judul.fill('SURAT KETERANGAN DOMISILI');
    await form.getByLabel('Lama proses').fill('2');
    await form.getByRole('button', { name: 'Simpan perubahan' }).click();
    await page.getByRole('status').filter({ hasText: /Perubahan disimpan \(versi \d+\)\./ }).waitFor();
    assert.equal((await t.admin.get('/api/v1/layanan/jenis/domisili')).body.slaHari, 2);

    await page.getByRole('link', { name: '← Katalog Layanan' }).click();
    await page.getByRole('link', { name: 'Hari libur' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hari libur' }).waitFor();
    const year = new Date().getFullYear();
    const tambah = page.getByRole('form', { name: 'Tambah hari libur' });
    await tambah.getByLabel('Tanggal', { exact: true }).fill(`${year}-08-07`);
    await tambah.getByLabel('Nama hari libur').fill('Hari Jadi Kota Padang');
    await tambah.getByLabel('Jenis').selectOption('daerah');
    await tambah.getByRole('button', { name: 'Tambah', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Hari Jadi Kota Padang (7 Agustus' }).waitFor();
    const row = page.getByRole('row').filter({ hasText: 'Hari Jadi Kota Padang' });
    await row.getByRole('cell', { name: 'Libur daerah' }).waitFor();
    await row.getByRole('button', { name: /^Hapus/ }).click();
    await row.getByRole('button', { name: 'Ya, hapus Hari Jadi Kota Padang' }).click();
    await page.getByRole('status').filter({ hasText: 'dihapus' }).waitFor();
    await page.getByRole('row').filter({ hasText: 'Hari Jadi Kota Padang' }).waitFor({ state: 'detached' });
    assert.equal((await t.admin.get(`/api/v1/layanan/hari-libur?tahun=${year}`)).body.items.some((h: any) => h.nama === 'Hari Jadi Kota Padang'), false);
    await page.context().close();
  });

  it('“Permohonan saya” pages through many requests, newest first', async () => {
    for (let i = 1; i <= 11; i++) ok(await wargaApi.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan: `Permohonan halaman ${String(i).padStart(2, '0')}` } }));
    const total = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM layanan.permohonan WHERE nik = ${NIK}`.execute(t.kernel.db)).rows[0]!.n);
    assert.ok(total > 10 && total <= 20, `${total} requests`);
    await warga.goto(`${t.url}/layanan/saya`);
    const daftar = warga.getByRole('region', { name: 'Daftar permohonan' });
    await daftar.getByRole('status').filter({ hasText: 'Menampilkan permohonan 1–10' }).waitFor();
    assert.equal(await daftar.getByRole('listitem').count(), 10);
    const firstPage = await daftar.locator('.layanan-kode-inline').allInnerTexts();
    await daftar.getByRole('button', { name: 'Berikutnya' }).click();
    await daftar.getByRole('status').filter({ hasText: `Menampilkan permohonan 11–${total}` }).waitFor();
    const secondPage = await daftar.locator('.layanan-kode-inline').allInnerTexts();
    assert.equal(secondPage.length, total - 10);
    assert.ok(secondPage.every((kode) => !firstPage.includes(kode)), 'a request on both pages');
    assert.ok(secondPage.includes(kodeLacak), 'the oldest request is on the last page');
    assert.ok(await daftar.getByRole('button', { name: 'Berikutnya' }).isDisabled());
    await daftar.getByRole('button', { name: 'Sebelumnya' }).click();
    await daftar.getByRole('status').filter({ hasText: 'Menampilkan permohonan 1–10' }).waitFor();
  });
});
