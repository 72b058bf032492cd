import assert from 'node:assert/strict';
import type { ApiClient, ApiResponse, TestServer } from '../../../test/helpers/server.js';

/**
 * A small e-kelurahan world for the API tests: two kelurahan of Kecamatan Padang Selatan
 * (13.71.01.1001 and 13.71.01.1002), residents in each, the kelurahan and kecamatan offices, a
 * lurah and a sekretaris with NIPs, and accounts: residents linked to their NIK, officers,
 * signers, a camat and a leader.
 */
export const KEL_A = '13.71.01.1001';
export const KEL_B = '13.71.01.1002';
export const KEC = '13.71.01';
export const NIK_A = '1371011203900001'; // Rahmat Hidayat, man born 12 March 1990, in KEL_A
export const NIK_A2 = '1371015506920002'; // Siti Aminah, woman born 15 June 1992, in KEL_A
export const NIK_B = '1371011203900003'; // in KEL_B
export const NIP_LURAH = '196608011988031001';
export const NIP_SEKRETARIS = '197501012000031002';

export interface World {
  warga: ApiClient;
  warga2: ApiClient;
  wargaB: ApiClient;
  wargaUnlinked: ApiClient;
  petugas: ApiClient;
  petugasB: ApiClient;
  lurah: ApiClient;
  lurahUnlinked: ApiClient;
  sekretaris: ApiClient;
  camat: ApiClient;
  pimpinan: ApiClient;
  ids: Record<string, string>;
}

export function ok(res: ApiResponse, status = 201) {
  assert.equal(res.status, status, `${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

const resident = (nik: string, noKk: string, nama: string, jenisKelamin: 'L' | 'P', tanggalLahir: string) => ({
  nik, noKk, nama, jenisKelamin, tempatLahir: 'Padang', tanggalLahir, agama: 1, pendidikan: 5, pekerjaan: 15, statusKawin: 2, shdk: 1,
});

export async function buildWorld(t: TestServer): Promise<World> {
  const admin = t.admin;
  ok(await admin.post('/api/v1/keluarga', { noKk: '1371010101250001', kodeKelurahan: KEL_A, alamat: 'Jl. Batang Arau No. 7', rt: '001', rw: '002' }));
  ok(await admin.post('/api/v1/keluarga', { noKk: '1371010101250002', kodeKelurahan: KEL_B, alamat: 'Jl. Seberang No. 3', rt: '003', rw: '001' }));
  ok(await admin.post('/api/v1/penduduk', resident(NIK_A, '1371010101250001', 'Rahmat Hidayat', 'L', '1990-03-12')));
  ok(await admin.post('/api/v1/penduduk', { ...resident(NIK_A2, '1371010101250001', 'Siti Aminah', 'P', '1992-06-15'), shdk: 3 }));
  ok(await admin.post('/api/v1/penduduk', resident(NIK_B, '1371010101250002', 'Budi Santoso', 'L', '1990-03-12')));

  ok(await admin.post('/api/v1/opd', { kode: 'KEC-PADANG-SELATAN', nama: 'Kecamatan Padang Selatan', jenis: 'kecamatan', kodeWilayah: KEC }));
  ok(await admin.post('/api/v1/opd', { kode: 'KEL-1001', nama: 'Kelurahan Batang Arau', jenis: 'kelurahan', kodeWilayah: KEL_A, alamat: 'Jl. Batang Arau No. 1, Padang' }));
  const unit = ok(await admin.post('/api/v1/opd/KEL-1001/unit', { nama: 'Kantor Lurah', jenis: 'bidang', berlakuMulai: '2000-01-01' }));
  const pegawai = (nip: string, nama: string, tanggalLahir: string, namaJabatan: string, gelarBelakang: string | null = null) =>
    admin.post('/api/v1/pegawai', {
      nip, nama, gelarBelakang, jenisKelamin: 'L', tanggalLahir, jenis: 'pns', golongan: 'III/d', opdRef: 'KEL-1001', unitId: unit.id, namaJabatan, tmtJabatan: '2020-01-01',
    });
  ok(await pegawai(NIP_LURAH, 'Budi Saputra', '1966-08-01', 'Lurah', 'S.Sos'));
  ok(await pegawai(NIP_SEKRETARIS, 'Andi Pratama', '1975-01-01', 'Sekretaris Kelurahan'));

  const ids: Record<string, string> = {};
  const account = async (username: string, roles: object[], identitas?: { nik?: string; nip?: string }): Promise<ApiClient> => {
    const password = `kata-sandi-${username}`;
    const created = ok(await admin.post('/api/v1/users', { username, displayName: username, email: `${username}@contoh.id`, password, roles }));
    ids[username] = created.id;
    if (identitas) ok(await admin.put(`/api/v1/users/${created.id}/identitas`, { nik: identitas.nik ?? null, nip: identitas.nip ?? null }), 200);
    const client = t.client();
    ok(await client.login(username, password), 200);
    return client;
  };
  return {
    warga: await account('warga-a', [{ role: 'warga' }], { nik: NIK_A }),
    warga2: await account('warga-a2', [{ role: 'warga' }], { nik: NIK_A2 }),
    wargaB: await account('warga-b', [{ role: 'warga' }], { nik: NIK_B }),
    wargaUnlinked: await account('warga-tanpa-nik', [{ role: 'warga' }]),
    petugas: await account('petugas-a', [{ role: 'petugas_kelurahan', scopeCode: KEL_A }]),
    petugasB: await account('petugas-b', [{ role: 'petugas_kelurahan', scopeCode: KEL_B }]),
    lurah: await account('lurah-a', [{ role: 'lurah', scopeCode: KEL_A }], { nip: NIP_LURAH }),
    lurahUnlinked: await account('lurah-tanpa-nip', [{ role: 'lurah', scopeCode: KEL_A }]),
    sekretaris: await account('sekretaris-a', [{ role: 'sekretaris_kelurahan', scopeCode: KEL_A }], { nip: NIP_SEKRETARIS }),
    camat: await account('camat', [{ role: 'camat', scopeCode: 'KEC-PADANG-SELATAN' }]),
    pimpinan: await account('pimpinan', [{ role: 'pimpinan' }]),
    ids,
  };
}

/** A PNG's signature and a few bytes: enough for the content check. */
export const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-uji-lampiran')]);
export const PDF = Buffer.from('%PDF-1.4\n% uji lampiran\n%%EOF\n');
export const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-uji')]);
/** A Windows executable's first bytes. */
export const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

export const upload = (client: ApiClient, path: string, bytes: Buffer, contentType = 'application/octet-stream') =>
  client.request('POST', path, { raw: bytes, headers: { 'content-type': contentType } });

/** Submits a domisili request as the resident and takes it through verification to the lurah. */
export async function domisiliSampaiTtd(w: World, keperluan = 'Melamar pekerjaan di Padang'): Promise<any> {
  const created = ok(await w.warga.post('/api/v1/layanan/saya/permohonan', { jenis: 'domisili', data: { keperluan } }));
  for (const syarat of ['pengantar_rt', 'ktp', 'kk']) ok(await upload(w.warga, `/api/v1/layanan/saya/permohonan/${created.id}/lampiran?syarat=${syarat}&nama=${syarat}.png`, PNG));
  ok(await w.petugas.post(`/api/v1/layanan/permohonan/${created.id}/ambil`, {}), 200);
  const detail = ok(await w.petugas.get(`/api/v1/layanan/permohonan/${created.id}`), 200);
  for (const l of detail.lampiran) ok(await w.petugas.post(`/api/v1/layanan/permohonan/${created.id}/lampiran/${l.id}/verifikasi`, { sah: true }), 200);
  return ok(await w.petugas.post(`/api/v1/layanan/permohonan/${created.id}/teruskan`, {}), 200);
}
