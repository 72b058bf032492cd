import { Type, type TSchema } from 'typebox';
import { Text, Uuid } from '../../core/http/schemas.js';
import { NextCursor, NullableTimestamp, Timestamp, orNull } from '../../registry/kernel/http-schemas.js';
import { STATUSES } from './permohonan.js';

const optional = <T extends TSchema>(schema: T) => Type.Optional(schema);
const IsoDate = Type.String({ format: 'date', pattern: '^(19|2[01])\\d{2}-\\d{2}-\\d{2}$', examples: ['2026-11-28'] });
const Name = Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$' });

export const FieldSchema = Type.Object(
  {
    name: Name,
    label: Type.Object({ id: Text(1, 200), en: Text(1, 200) }, { additionalProperties: false }),
    type: Type.Enum(['text', 'number', 'date', 'select']),
    required: Type.Boolean(),
    minLength: optional(Type.Integer({ minimum: 0, maximum: 2000 })),
    maxLength: optional(Type.Integer({ minimum: 1, maximum: 2000 })),
    min: optional(Type.Number()),
    max: optional(Type.Number()),
    options: optional(Type.Array(Text(1, 200), { minItems: 1, maxItems: 50, uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const SyaratSchema = Type.Object({ name: Name, label: Text(1, 200), required: Type.Boolean() }, { additionalProperties: false });

const TemplateText = Type.String({ minLength: 1, maxLength: 4000, pattern: '^[^\\u0000-\\u001f\\u007f]*$' });
export const TemplateSchema = Type.Object(
  {
    judul: Text(1, 200),
    pembuka: TemplateText,
    rincian: optional(Type.Array(Type.Tuple([Text(1, 100), Text(0, 500)]), { maxItems: 30, description: '[label, text with [placeholders]]; a standard table of the holder’s data when left out' })),
    isi: Type.Array(TemplateText, { minItems: 1, maxItems: 20 }),
  },
  { additionalProperties: false, description: 'Texts may hold `[placeholder]`s: the holder’s registry data (nama, nik, ttl, alamat, kelurahan, …) and the form’s field names' },
);

const MasaBerlakuSchema = orNull<{ nilai: number; satuan: 'hari' | 'bulan' }>(
  { properties: { nilai: { type: 'integer', minimum: 1, maximum: 3650 }, satuan: { enum: ['hari', 'bulan'] } }, required: ['nilai', 'satuan'], additionalProperties: false },
  'object',
);

const jenisInput = {
  kode: Type.String({ minLength: 2, maxLength: 40, pattern: '^[a-z0-9][a-z0-9_-]*$', description: 'Stable code, e.g. domisili' }),
  kodeSurat: Text(1, 20),
  nama: Text(1, 200),
  deskripsi: optional(orNull<string>({ maxLength: 1000, pattern: '^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f]*$' }, 'string')),
  fields: Type.Array(FieldSchema, { maxItems: 40 }),
  syarat: Type.Array(SyaratSchema, { maxItems: 20 }),
  slaHari: Type.Integer({ minimum: 0, maximum: 60, description: 'SLA in working days' }),
  penandatangan: Type.Enum(['lurah', 'sekretaris']),
  masaBerlaku: MasaBerlakuSchema,
  template: TemplateSchema,
  online: Type.Boolean({ description: 'Residents may request it online' }),
  formatNomor: optional(Type.String({ minLength: 3, maxLength: 120, pattern: '^[^\\u0000-\\u001f\\u007f]*$', description: 'Tokens [kode_surat] [nomor,N] [kode_kelurahan] [bulan_romawi] [bulan] [tahun]' })),
};

export const NewJenisSchema = Type.Object(jenisInput, { additionalProperties: false });
/** Every field but `kode`, which stays (requests, numbers and the seeded catalogue refer to it). */
export const JenisPatchSchema = Type.Object(
  Object.fromEntries(Object.entries(jenisInput).filter(([k]) => k !== 'kode').map(([k, v]) => [k, Type.Optional(v as TSchema)])) as unknown as { [K in keyof typeof jenisInput]: TSchema },
  { additionalProperties: false, description: 'The kode cannot change' },
);

export const JenisSchema = Type.Object({
  id: Uuid,
  kode: Type.String(),
  kodeSurat: Type.String(),
  nama: Type.String(),
  deskripsi: orNull<string>({}, 'string'),
  fields: Type.Array(FieldSchema),
  syarat: Type.Array(SyaratSchema),
  slaHari: Type.Integer(),
  penandatangan: Type.String(),
  masaBerlaku: orNull<object>({ properties: { nilai: { type: 'integer' }, satuan: { type: 'string' } } }, 'object'),
  template: Type.Object({}, { additionalProperties: true }),
  online: Type.Boolean(),
  formatNomor: Type.String(),
  version: Type.Integer(),
  archivedAt: NullableTimestamp,
  archiveReason: orNull<string>({}, 'string'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const JenisListQuery = Type.Object(
  { semua: Type.Boolean({ default: false, description: 'Include types not requestable online and archived ones (staff views)' }) },
  { additionalProperties: false },
);

export const RefParams = Type.Object({ ref: Type.String({ minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$', description: 'Id, or kode' }) });
export const ArsipSchema = Type.Object({ alasan: Text(3, 500) }, { additionalProperties: false });

export const HariLiburSchema = Type.Object({
  id: Uuid,
  tanggal: Type.String({ format: 'date' }),
  nama: Type.String(),
  jenis: Type.String(),
  perkiraan: Type.Boolean({ description: 'The date may still move; confirm or correct it' }),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});
const JenisLibur = Type.Enum(['nasional', 'cuti_bersama', 'daerah']);
export const NewHariLiburSchema = Type.Object({ tanggal: IsoDate, nama: Text(1, 200), jenis: JenisLibur, perkiraan: optional(Type.Boolean()) }, { additionalProperties: false });
export const HariLiburPatchSchema = Type.Object(
  { tanggal: optional(IsoDate), nama: optional(Text(1, 200)), jenis: optional(JenisLibur), perkiraan: optional(Type.Boolean()) },
  { additionalProperties: false },
);
export const HariLiburQuery = Type.Object({ tahun: optional(Type.Integer({ minimum: 1900, maximum: 2199 })) }, { additionalProperties: false });
export const HariKerjaQuery = Type.Object(
  { mulai: IsoDate, hari: Type.Integer({ minimum: -366, maximum: 366, description: 'Working days to add' }) },
  { additionalProperties: false },
);

const StatusSchema = Type.Enum([...STATUSES]);

export const PemohonSchema = Type.Object({}, { additionalProperties: true, description: 'The holder as the registry knows them, in the words the letter prints' });

export const PermohonanSchema = Type.Object({
  id: Uuid,
  kodeLacak: Type.String({ description: '10 characters; give it to track the request without signing in' }),
  jenis: Type.Object({ id: Uuid, kode: Type.String(), nama: Type.String() }),
  nik: Type.String(),
  namaPemohon: Type.String(),
  kodeKelurahan: Type.String(),
  kodeKecamatan: Type.String(),
  kanal: Type.String(),
  status: StatusSchema,
  petugas: orNull<object>({ properties: { id: { type: 'string' }, nama: { type: ['string', 'null'] } } }, 'object'),
  catatan: orNull<string>({ description: 'The last comment: what to fix, or why refused' }, 'string'),
  email: orNull<string>({}, 'string'),
  telepon: orNull<string>({}, 'string'),
  data: Type.Object({}, { additionalProperties: true }),
  diajukanAt: Timestamp,
  jatuhTempo: Type.String({ format: 'date', description: 'SLA due date (working days, WIB)' }),
  sisaHariKerja: orNull<number>({ description: 'Working days left (negative: overdue); null once finished' }, 'integer'),
  terlambat: Type.Boolean(),
  selesaiAt: NullableTimestamp,
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
});

export const LampiranSchema = Type.Object({
  id: Uuid,
  syarat: Type.String(),
  namaBerkas: Type.String(),
  mediaType: Type.String(),
  ukuran: Type.Integer(),
  sha256: Type.String(),
  diverifikasi: Type.Enum(['belum', 'sah', 'tidak_sah']),
  catatanVerifikasi: orNull<string>({}, 'string'),
  diverifikasiOleh: orNull<string>({}, 'string'),
  diverifikasiAt: NullableTimestamp,
  createdAt: Timestamp,
});

export const SuratSchema = Type.Object({
  id: Uuid,
  permohonanId: Uuid,
  jenis: Type.String(),
  nomor: Type.String(),
  tanggal: Type.String({ format: 'date' }),
  berlakuSampai: orNull<string>({ format: 'date' }, 'string'),
  kodeKelurahan: Type.String(),
  penandatangan: Type.Object({ jabatan: Type.String(), nama: Type.String(), nip: orNull<string>({}, 'string') }),
  sha256: Type.String(),
  ukuran: Type.Integer(),
  verifikasiUrl: Type.String(),
  dicabutAt: NullableTimestamp,
  alasanCabut: orNull<string>({}, 'string'),
  createdAt: Timestamp,
});

export const DetailSchema = Type.Object({
  ...PermohonanSchema.properties,
  pemohon: PemohonSchema,
  fields: Type.Array(FieldSchema),
  syarat: Type.Array(Type.Object({ name: Type.String(), label: Type.String(), required: Type.Boolean(), terpenuhi: Type.Boolean({ description: 'A file is there and not found invalid' }) })),
  riwayat: Type.Array(Type.Object({ dari: orNull<string>({}, 'string'), ke: Type.String(), catatan: orNull<string>({}, 'string'), oleh: orNull<string>({}, 'string'), at: Timestamp })),
  lampiran: Type.Array(LampiranSchema),
  surat: orNull<object>({ description: 'The issued letter, once approved', properties: SuratSchema.properties }, 'object'),
});

export const DrafSchema = Type.Object({
  jenis: JenisSchema,
  pemohon: PemohonSchema,
  terisi: Type.Object({}, { additionalProperties: true, description: 'Registry placeholders already filled (what the resident never retypes)' }),
});

export const JenisParams = Type.Object({ jenis: Type.String({ minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9][A-Za-z0-9_-]*$' }) });
export const PermohonanParams = Type.Object({ ref: Type.String({ minLength: 1, maxLength: 60, pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$', description: 'Request id, or its tracking code' }) });
export const LampiranParams = Type.Object({ ref: PermohonanParams.properties.ref, lampiranId: Uuid });

const Email = orNull<string>({ maxLength: 200, anyOf: [{ format: 'email' }, { const: '' }] }, 'string');
const Phone = orNull<string>({ maxLength: 30, pattern: '^[0-9+() .-]*$' }, 'string');

export const AjukanSchema = Type.Object(
  {
    jenis: Type.String({ minLength: 1, maxLength: 60, description: 'Letter type, id or kode' }),
    data: Type.Object({}, { additionalProperties: true, description: 'The form’s extra fields (the holder’s data comes from the registry)' }),
    email: optional({ ...Email, description: 'For notifications; online requests default to the account’s e-mail, null opts out' } as typeof Email),
    telepon: optional({ ...Phone, description: 'For SMS/WhatsApp notifications' } as typeof Phone),
  },
  { additionalProperties: false },
);
export const AjukanLoketSchema = Type.Object(
  { ...AjukanSchema.properties, nik: Type.String({ minLength: 16, maxLength: 30, pattern: '^[0-9 .-]+$' }) },
  { additionalProperties: false },
);
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9._:-]+$', description: 'The same key twice makes one request and gets the same answer' })),
});
export const OptionalIfMatch = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'Optional ETag of the version acted on (412 when stale)' })),
});

export const CatatanSchema = Type.Object({ catatan: optional(orNull<string>({ maxLength: 1000, pattern: '^[^\\u0000-\\u0008\\u000b-\\u001f\\u007f]*$' }, 'string')) }, { additionalProperties: false });
export const CatatanWajibSchema = Type.Object({ catatan: Text(5, 1000) }, { additionalProperties: false });
export const AlasanSchema = Type.Object({ alasan: Text(5, 1000) }, { additionalProperties: false });
export const BatalSchema = Type.Object({ alasan: optional(orNull<string>({ maxLength: 1000, pattern: '^[^\\u0000-\\u001f\\u007f]*$' }, 'string')) }, { additionalProperties: false });
export const AjukanUlangSchema = Type.Object(
  { data: optional(Type.Object({}, { additionalProperties: true })), catatan: optional(orNull<string>({ maxLength: 1000, pattern: '^[^\\u0000-\\u001f\\u007f]*$' }, 'string')) },
  { additionalProperties: false },
);
export const VerifikasiLampiranSchema = Type.Object({ sah: Type.Boolean(), catatan: optional(orNull<string>({ maxLength: 500, pattern: '^[^\\u0000-\\u001f\\u007f]*$' }, 'string')) }, { additionalProperties: false });
export const UnggahQuery = Type.Object(
  {
    syarat: Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z][a-z0-9_]*$', description: 'The requirement this file meets, or `lainnya`' }),
    nama: optional(Type.String({ minLength: 1, maxLength: 200, description: 'The file name to show' })),
  },
  { additionalProperties: false },
);

export const QueueQuery = Type.Object(
  {
    status: optional(StatusSchema),
    saya: Type.Boolean({ default: false, description: 'Only requests assigned to me' }),
    terlambat: Type.Boolean({ default: false, description: 'Only open requests past their SLA due date' }),
    kelurahan: optional(Type.String({ pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}$' })),
    kecamatan: optional(Type.String({ pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}$' })),
    jenis: optional(Type.String({ minLength: 1, maxLength: 40, pattern: '^[a-z0-9][a-z0-9_-]*$' })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: optional(Type.String({ minLength: 1, maxLength: 500, pattern: '^[A-Za-z0-9_-]+$' })),
  },
  { additionalProperties: false },
);
export const QueuePageSchema = Type.Object({ items: Type.Array(PermohonanSchema), nextCursor: NextCursor });
export const LimitQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }) }, { additionalProperties: false });
export const SayaQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: optional(Type.String({ minLength: 1, maxLength: 500, pattern: '^[A-Za-z0-9_-]+$', description: 'The `nextCursor` of the page before' })),
  },
  { additionalProperties: false },
);

/** What an attachment may be: the limits the server applies, for forms to say and check before sending. */
export const BatasSchema = Type.Object({
  maxBytes: Type.Integer({ description: 'Largest file, in bytes (413 above it)' }),
  maxFiles: Type.Integer({ description: 'Most files on one request (422 above it)' }),
  mediaTypes: Type.Array(Type.String(), { description: 'Accepted types, recognised by content (415 otherwise)' }),
  ekstensi: Type.Array(Type.String(), { description: 'The usual file name endings of those types, for a file picker' }),
});

export const LoketDrafQuery = Type.Object(
  { nik: Type.String({ minLength: 16, maxLength: 30, pattern: '^[0-9 .-]+$', description: 'The resident’s NIK (spaces, dots and dashes ignored)' }) },
  { additionalProperties: false },
);
export const LoketDrafSchema = Type.Object({
  jenis: JenisSchema,
  pemohon: Type.Object({}, { additionalProperties: true, description: 'The holder as the registry knows them; NIK, No. KK and birth date masked as in every staff view' }),
});

export const NotifikasiSchema = Type.Object({
  items: Type.Array(Type.Object({ id: Uuid, permohonanId: Uuid, judul: Type.String(), pesan: Type.String(), dibacaAt: NullableTimestamp, createdAt: Timestamp })),
});
export const NotifikasiParams = Type.Object({ id: Uuid });

export const StatistikQuery = Type.Object(
  {
    tahun: Type.Integer({ minimum: 2000, maximum: 2100 }),
    kelurahan: optional(Type.String({ pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}\\.\\d{4}$' })),
    kecamatan: optional(Type.String({ pattern: '^\\d{2}\\.\\d{2}\\.\\d{2}$' })),
  },
  { additionalProperties: false },
);
const AngkaProperties = {
  diajukan: Type.Integer(),
  selesai: Type.Integer(),
  tepatWaktu: Type.Integer(),
  medianHariSelesai: orNull<number>({ description: 'Days from submission to issue (median); null with none finished' }, 'number'),
  persenTepatWaktu: orNull<number>({ description: 'Share issued within the SLA, 0–100; null with none finished' }, 'number'),
};
export const StatistikSchema = Type.Object({
  tahun: Type.Integer(),
  ringkasan: Type.Object({
    diajukan: Type.Integer(),
    selesai: Type.Integer(),
    ditolak: Type.Integer(),
    dibatalkan: Type.Integer(),
    berjalan: Type.Integer(),
    terlambat: Type.Integer(),
    medianHariSelesai: orNull<number>({ description: 'Days from submission to issue (median)' }, 'number'),
    persenTepatWaktu: orNull<number>({ description: 'Share issued within the SLA, 0–100' }, 'number'),
  }),
  perBulan: Type.Array(Type.Object({ bulan: Type.String(), kodeKelurahan: Type.String(), jenis: Type.String(), diajukan: Type.Integer(), selesai: Type.Integer(), tepatWaktu: Type.Integer() })),
  menurutKelurahan: Type.Array(
    Type.Object({ kodeKelurahan: Type.String(), kelurahan: Type.String({ description: 'Name from the wilayah registry' }), kodeKecamatan: Type.String(), kecamatan: Type.String(), ...AngkaProperties }),
    { description: 'Per kelurahan; a lurah’s or camat’s kelurahan without requests are listed with zeros' },
  ),
  menurutJenis: Type.Array(Type.Object({ jenis: Type.String({ description: 'Letter type kode' }), nama: Type.String(), ...AngkaProperties })),
  menurutBulan: Type.Array(Type.Object({ bulan: Type.String({ description: 'YYYY-MM of submission (WIB)' }), ...AngkaProperties })),
});

export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_-]+$' }) });
export const VerifikasiSchema = Type.Object({
  status: Type.Enum(['valid', 'dicabut']),
  jenis: Type.String(),
  nomor: Type.String(),
  tanggal: Type.String({ format: 'date' }),
  pemegang: Type.String({ description: 'The holder’s name, partly masked' }),
  kelurahan: Type.String(),
  dicabutPada: NullableTimestamp,
  alasanCabut: orNull<string>({}, 'string'),
});
export const CocokSchema = Type.Object({ cocok: Type.Boolean({ description: 'The upload is byte for byte the issued PDF (SHA-256)' }) });
export const KodeParams = Type.Object({ kode: Type.String({ minLength: 1, maxLength: 30, pattern: '^[A-Za-z0-9-]+$' }) });
export const LacakSchema = Type.Object({
  kodeLacak: Type.String(),
  jenis: Type.String(),
  status: StatusSchema,
  diajukanPada: Timestamp,
  jatuhTempo: Type.String({ format: 'date' }),
  selesaiPada: NullableTimestamp,
  riwayat: Type.Array(Type.Object({ status: StatusSchema, pada: Timestamp })),
});
