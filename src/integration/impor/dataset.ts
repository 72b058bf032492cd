import type { Kysely, Transaction } from 'kysely';
import type pg from 'pg';
import type { Actor } from '../../core/audit/actor.js';
import type { DB } from '../../core/db/schema.js';
import type { EventBus } from '../../core/events/bus.js';
import type { Text } from '../../core/i18n/locale.js';
import {
  checkPegawaiImpor,
  checkPenempatanImpor,
  PEGAWAI_IMPOR_COMPARED,
  PEGAWAI_IMPOR_FIELDS,
  PEGAWAI_IMPOR_REQUIRED,
  pegawaiImporRules,
  pegawaiSaatIni,
  terapkanImporPegawai,
  kelengkapanPegawai,
} from '../../registry/pegawai/index.js';
import {
  checkOpdImpor,
  kelengkapanOpd,
  OPD_IMPOR_COMPARED,
  OPD_IMPOR_FIELDS,
  OPD_IMPOR_REQUIRED,
  opdImporRules,
  opdSaatIni,
  terapkanImporOpd,
} from '../../registry/organisasi/index.js';
import {
  checkPendudukImpor,
  duplikatPenduduk,
  kelengkapanPenduduk,
  keluargaTerdaftar,
  PENDUDUK_IMPOR_COMPARED,
  PENDUDUK_IMPOR_FIELDS,
  PENDUDUK_IMPOR_REQUIRED,
  pendudukImporRules,
  pendudukSaatIni,
  terapkanImporPenduduk,
} from '../../registry/penduduk/index.js';

/**
 * What the import needs to know of a registry dataset, all through the registry's own functions:
 * its fields and natural key, its row rules, the stored values of many records, and the batch write.
 */
export interface Violation {
  field: string;
  rule: string;
  params?: Record<string, string | number>;
}

export type Values = Record<string, string>;
export type Raw = Record<string, string | null>;

export interface ApplyRow {
  values: Values;
  tulis: string[];
  baru: boolean;
}

export interface Stored {
  id: string;
  values: Record<string, string | null>;
  archived: boolean;
  /** The registry's bulk load that created the record (datasets whose imports load in bulk). */
  muatanId?: string | null;
  /** Fields changed since the record was created. */
  berubah?: string[];
}

export interface Dataset {
  nama: DatasetName;
  key: string;
  /** The key as provenance and conflicts store it (OPD codes are unique whatever their case). */
  normalKey?: (key: string) => string;
  fields: readonly string[];
  required: readonly string[];
  /** Fields compared with the stored record (provenance and conflicts). */
  compared: readonly string[];
  /** Header names (lower-case, without spaces/underscores) each field is recognised by. */
  aliases: Record<string, string[]>;
  labels: Record<string, Text>;
  rules(db: Kysely<DB>, pemda: string): Promise<unknown>;
  check(raw: Raw, rules: unknown): { values: Values; violations: Violation[] };
  /** Rows that must be applied in one batch share this key (a new family and its residents); none = any split. */
  kelompok?(values: Values): string | undefined;
  /** Checks across rows against the registry (e.g. the family of a new resident exists); returns violations by row index. */
  checkSet?(db: Kysely<DB>, rows: { values: Values; baru: boolean }[]): Promise<Map<number, Violation[]>>;
  current(db: Kysely<DB> | Transaction<DB>, keys: string[]): Promise<Map<string, Stored>>;
  /**
   * Writes one batch. A dataset that loads new records in bulk returns the load (`muatan`) they
   * belong to: their provenance is then one row per load instead of one per record.
   */
  apply(trx: Transaction<DB>, client: pg.PoolClient, events: EventBus, actor: Actor, sumber: string, rows: ApplyRow[]): Promise<{ dibuat: number; diubah: number; muatan?: string | null }>;
  /** New records are attributed through their load (see `apply`), not by a provenance row each. */
  provenansPerMuatan?: boolean;
  kelengkapan(db: Kysely<DB>): Promise<{ total: number; terisi: Record<string, number> }>;
  duplikat?(db: Kysely<DB>): Promise<{ total: number; contoh: unknown[] }>;
}

export const DATASETS = ['penduduk', 'pegawai', 'organisasi'] as const;
export type DatasetName = (typeof DATASETS)[number];

const L = (id: string, en: string): Text => ({ id, en });

const penduduk: Dataset = {
  nama: 'penduduk',
  key: 'nik',
  fields: PENDUDUK_IMPOR_FIELDS,
  required: PENDUDUK_IMPOR_REQUIRED,
  compared: PENDUDUK_IMPOR_COMPARED,
  aliases: {
    nik: ['nik', 'noinduk', 'nomorindukkependudukan', 'noktp', 'ktp'],
    noKk: ['nokk', 'kk', 'nomorkk', 'nomorkartukeluarga', 'nokartukeluarga'],
    nama: ['nama', 'namalengkap', 'namapenduduk', 'name'],
    jenisKelamin: ['jeniskelamin', 'jk', 'kelamin', 'sex', 'lp', 'gender'],
    tempatLahir: ['tempatlahir', 'tmplahir', 'tptlahir', 'birthplace'],
    tanggalLahir: ['tanggallahir', 'tgllahir', 'tgl_lahir', 'lahir', 'birthdate', 'dateofbirth'],
    agama: ['agama', 'religion'],
    pendidikan: ['pendidikan', 'pendidikanterakhir', 'pendidikankk'],
    pekerjaan: ['pekerjaan', 'jenispekerjaan', 'job', 'occupation'],
    statusKawin: ['statuskawin', 'statusperkawinan', 'kawin', 'perkawinan'],
    shdk: ['shdk', 'hubungan', 'hubungankeluarga', 'statushubungan', 'statushubungandalamkeluarga'],
    status: ['status', 'statusdasar'],
    kewarganegaraan: ['kewarganegaraan', 'wn', 'warganegara'],
    kodeKelurahan: ['kodekelurahan', 'kodedesa', 'kelurahan', 'kodewilayah'],
    alamat: ['alamat', 'jalan', 'address'],
    rt: ['rt'],
    rw: ['rw'],
  },
  labels: {
    nik: L('NIK', 'NIK'), noKk: L('Nomor KK', 'Family card no.'), nama: L('Nama', 'Name'), jenisKelamin: L('Jenis kelamin', 'Sex'),
    tempatLahir: L('Tempat lahir', 'Place of birth'), tanggalLahir: L('Tanggal lahir', 'Date of birth'), agama: L('Agama', 'Religion'),
    pendidikan: L('Pendidikan', 'Education'), pekerjaan: L('Pekerjaan', 'Occupation'), statusKawin: L('Status kawin', 'Marital status'),
    shdk: L('Hubungan dalam keluarga', 'Relation in family'), status: L('Status dasar', 'Basic status'), kewarganegaraan: L('Kewarganegaraan', 'Citizenship'),
    kodeKelurahan: L('Kode kelurahan', 'Kelurahan code'), alamat: L('Alamat', 'Address'), rt: L('RT', 'RT'), rw: L('RW', 'RW'),
  },
  rules: (db) => pendudukImporRules(db),
  kelompok: (values) => values.noKk,
  provenansPerMuatan: true,
  check: (raw, rules) => checkPendudukImpor(raw, rules as Awaited<ReturnType<typeof pendudukImporRules>>) as { values: Values; violations: Violation[] },
  async checkSet(db, rows) {
    const out = new Map<number, Violation[]>();
    const noKks = [...new Set(rows.filter((r) => r.baru && r.values.noKk).map((r) => r.values.noKk!))];
    const known = new Set<string>();
    for (let i = 0; i < noKks.length; i += 5000) for (const k of await keluargaTerdaftar(db, noKks.slice(i, i + 5000))) known.add(k);
    // A family is created by the first new resident that gives its whole address.
    rows.forEach((row, index) => {
      if (!row.baru || !row.values.noKk || known.has(row.values.noKk)) return;
      if (row.values.kodeKelurahan && row.values.alamat && row.values.rt && row.values.rw) known.add(row.values.noKk);
      else out.set(index, [{ field: 'noKk', rule: 'penduduk.keluarga_unknown' }]);
    });
    return out;
  },
  current: (db, keys) => pendudukSaatIni(db, keys),
  async apply(trx, client, events, actor, sumber, rows) {
    const result = await terapkanImporPenduduk(trx, client, events, actor, sumber, rows as Parameters<typeof terapkanImporPenduduk>[5]);
    return { dibuat: result.dibuat, diubah: result.diubah.length, muatan: result.muatan };
  },
  kelengkapan: (db) => kelengkapanPenduduk(db),
  duplikat: (db) => duplikatPenduduk(db),
};

const pegawai: Dataset = {
  nama: 'pegawai',
  key: 'nip',
  fields: PEGAWAI_IMPOR_FIELDS,
  required: PEGAWAI_IMPOR_REQUIRED,
  compared: PEGAWAI_IMPOR_COMPARED,
  aliases: {
    nip: ['nip', 'nipbaru', 'nomorindukpegawai', 'nipppk', 'nipppk'],
    nama: ['nama', 'namapegawai', 'namalengkap', 'name'],
    gelarDepan: ['gelardepan'],
    gelarBelakang: ['gelarbelakang'],
    jenisKelamin: ['jeniskelamin', 'jk', 'kelamin', 'sex', 'gender'],
    tanggalLahir: ['tanggallahir', 'tgllahir', 'lahir', 'birthdate'],
    jenis: ['jenis', 'jenispegawai', 'statuspegawai', 'statusasn'],
    golongan: ['golongan', 'gol', 'golru', 'golonganruang', 'pangkatgolongan'],
    status: ['status', 'statuskerja', 'kedudukan'],
    email: ['email', 'surel', 'e-mail'],
    telepon: ['telepon', 'telp', 'hp', 'nohp', 'phone'],
    opd: ['opd', 'kodeopd', 'skpd', 'kodeskpd', 'unitkerja', 'instansi'],
    unitId: ['unit', 'unitid', 'idunit'],
    namaJabatan: ['jabatan', 'namajabatan'],
    tmtJabatan: ['tmtjabatan', 'tmt'],
  },
  labels: {
    nip: L('NIP', 'NIP'), nama: L('Nama', 'Name'), gelarDepan: L('Gelar depan', 'Title (before)'), gelarBelakang: L('Gelar belakang', 'Title (after)'),
    jenisKelamin: L('Jenis kelamin', 'Sex'), tanggalLahir: L('Tanggal lahir', 'Date of birth'), jenis: L('Jenis pegawai', 'Employee type'),
    golongan: L('Golongan', 'Grade'), status: L('Status', 'Status'), email: L('Surel', 'Email'), telepon: L('Telepon', 'Phone'),
    opd: L('OPD (kode)', 'Agency (code)'), unitId: L('Unit (id)', 'Unit (id)'), namaJabatan: L('Jabatan', 'Position'), tmtJabatan: L('TMT jabatan', 'Position start'),
  },
  rules: (db) => pegawaiImporRules(db),
  check: (raw, rules) => checkPegawaiImpor(raw, rules as Awaited<ReturnType<typeof pegawaiImporRules>>) as { values: Values; violations: Violation[] },
  async checkSet(db, rows) {
    const out = new Map<number, Violation[]>();
    const placed: { index: number; opd: string; unitId: string; namaJabatan: string; tmt: string }[] = [];
    const today = new Date().toISOString().slice(0, 10);
    rows.forEach((row, index) => {
      if (!row.baru) return;
      const missing = (['opd', 'unitId', 'namaJabatan'] as const).filter((f) => !row.values[f]);
      if (missing.length > 0) out.set(index, missing.map((field) => ({ field, rule: 'required' })));
      else placed.push({ index, opd: row.values.opd!, unitId: row.values.unitId!, namaJabatan: row.values.namaJabatan!, tmt: row.values.tmtJabatan ?? today });
    });
    const found = await checkPenempatanImpor(db, placed);
    for (const [i, violations] of found) out.set(placed[i]!.index, violations);
    return out;
  },
  current: (db, keys) => pegawaiSaatIni(db, keys),
  apply: (trx, _client, events, actor, sumber, rows) => terapkanImporPegawai(trx, events, actor, sumber, rows as Parameters<typeof terapkanImporPegawai>[4]),
  kelengkapan: (db) => kelengkapanPegawai(db),
};

const organisasi: Dataset = {
  nama: 'organisasi',
  key: 'kode',
  normalKey: (key) => key.toLowerCase(),
  fields: OPD_IMPOR_FIELDS,
  required: OPD_IMPOR_REQUIRED,
  compared: OPD_IMPOR_COMPARED,
  aliases: {
    kode: ['kode', 'kodeopd', 'kodeskpd', 'kodeunitkerja', 'kodeinstansi'],
    nama: ['nama', 'namaopd', 'namaskpd', 'namainstansi', 'unitkerja'],
    singkatan: ['singkatan', 'akronim', 'alias'],
    jenis: ['jenis', 'jenisopd', 'tipe'],
    kodeWilayah: ['kodewilayah', 'kodekecamatan', 'kodekelurahan'],
    alamat: ['alamat', 'alamatkantor', 'address'],
    latitude: ['latitude', 'lat', 'lintang'],
    longitude: ['longitude', 'lon', 'lng', 'bujur'],
  },
  labels: {
    kode: L('Kode OPD', 'Agency code'), nama: L('Nama', 'Name'), singkatan: L('Singkatan', 'Abbreviation'), jenis: L('Jenis', 'Kind'),
    kodeWilayah: L('Kode wilayah', 'Region code'), alamat: L('Alamat', 'Address'), latitude: L('Lintang', 'Latitude'), longitude: L('Bujur', 'Longitude'),
  },
  rules: async (_db, pemda) => opdImporRules(pemda),
  check: (raw, rules) => checkOpdImpor(raw, rules as ReturnType<typeof opdImporRules>) as { values: Values; violations: Violation[] },
  current: (db, keys) => opdSaatIni(db, keys),
  apply: (trx, _client, events, actor, sumber, rows) => terapkanImporOpd(trx, events, actor, sumber, rows),
  kelengkapan: (db) => kelengkapanOpd(db),
};

export const datasets: Record<DatasetName, Dataset> = { penduduk, pegawai, organisasi };

export const isDataset = (name: string): name is DatasetName => (DATASETS as readonly string[]).includes(name);
