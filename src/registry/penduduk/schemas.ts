import { Type } from 'typebox';
import { NextCursor, NullableTimestamp, Timestamp, Total, listItemSchema, orNull } from '../kernel/http-schemas.js';
import { Text, Uuid } from '../../core/http/schemas.js';
import { KEWARGANEGARAAN, STATUS } from './tables.js';

/** A calendar day, 1900–2199. */
const IsoDate = Type.String({ format: 'date', pattern: '^(19|2[01])\\d{2}-\\d{2}-\\d{2}$', examples: ['1990-03-12'] });
/** NIK or No. KK as typed: the validator names each broken rule (422), so the schema stays loose. */
const Number16 = (description: string) => Type.String({ minLength: 1, maxLength: 40, description, examples: ['1371051203900003'] });
const Kode = (list: string) => Type.Integer({ minimum: 1, maximum: 999, description: `Code of the ${list} list (GET /api/v1/penduduk/referensi)` });
const RtRw = Type.String({ pattern: '^[0-9]{1,3}$', description: 'Up to 3 digits; stored zero-padded', examples: ['003'] });

export const StatusSchema = Type.Enum([...STATUS]);
export const KewarganegaraanSchema = Type.Enum([...KEWARGANEGARAAN]);
export const JenisKelaminSchema = Type.Enum(['L', 'P']);

const pendudukProperties = {
  nik: Type.String({ description: 'Masked (137105******0003) unless the full record was asked for with a reason' }),
  noKk: Type.String({ description: 'Masked like the NIK in the default view' }),
  keluargaId: { ...Uuid, description: 'The family card (GET /api/v1/keluarga/{id}), without exposing the No. KK' },
  nama: Type.String(),
  jenisKelamin: JenisKelaminSchema,
  tempatLahir: Type.String(),
  tanggalLahir: orNull<string>({ format: 'date', description: 'null in the masked view (see tahunLahir)' }, 'string'),
  tahunLahir: Type.Integer(),
  agama: Type.Integer(),
  pendidikan: Type.Integer(),
  pekerjaan: Type.Integer(),
  statusKawin: Type.Integer(),
  shdk: Type.Integer({ description: 'Status hubungan dalam keluarga' }),
  status: StatusSchema,
  kewarganegaraan: KewarganegaraanSchema,
  kodeKelurahan: Type.String(),
  alamat: Type.String({ description: 'Masked in the default view' }),
  rt: Type.String(),
  rw: Type.String(),
  masked: Type.Boolean(),
  version: Type.Integer({ minimum: 1 }),
  archivedAt: NullableTimestamp,
  archiveReason: orNull<string>({}, 'string'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const PendudukSchema = Type.Object({ id: Uuid, ...pendudukProperties });

export const PendudukListItemSchema = listItemSchema(pendudukProperties);

export const PendudukPageSchema = Type.Object({
  items: Type.Array(PendudukListItemSchema),
  nextCursor: NextCursor,
  total: Total,
});

export const PENDUDUK_SORT_VALUES = ['nama', '-nama', 'createdAt', '-createdAt'] as const;

export const PendudukListQuery = Type.Object(
  {
    q: Type.Optional(Text(1, 100)),
    kelurahan: Type.Optional(Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$', description: 'Kode kelurahan, e.g. 13.71.01.1001' })),
    noKk: Type.Optional(Type.String({ pattern: '^[0-9 .-]{16,40}$' })),
    status: Type.Optional(StatusSchema),
    jenisKelamin: Type.Optional(JenisKelaminSchema),
    includeArchived: Type.Boolean({ default: false }),
    sort: Type.Enum([...PENDUDUK_SORT_VALUES], { default: 'nama' }),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 1000, pattern: '^[A-Za-z0-9_-]+$' })),
    fields: Type.Optional(Type.String({ minLength: 1, maxLength: 400, pattern: '^[A-Za-z, ]+$', description: 'Comma-separated field names; id is always included' })),
    total: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

export const RefParams = Type.Object({
  ref: Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z.-]+$', description: 'Resident id (uuid) or NIK. Prefer POST /penduduk/cari for a NIK: URLs end up in logs.' }),
});

export const KeluargaParams = Type.Object({
  noKk: Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z.-]+$', description: 'Family id (uuid) or No. KK' }),
});

export const NewPendudukSchema = Type.Object(
  {
    nik: Number16('NIK, 16 digits'),
    noKk: Number16('No. KK of a registered family'),
    nama: Text(1, 150),
    jenisKelamin: JenisKelaminSchema,
    tempatLahir: Text(1, 100),
    tanggalLahir: IsoDate,
    agama: Kode('agama'),
    pendidikan: Kode('pendidikan'),
    pekerjaan: Kode('pekerjaan'),
    statusKawin: Kode('statusKawin'),
    shdk: Kode('shdk'),
    status: Type.Optional(StatusSchema),
    kewarganegaraan: Type.Optional(KewarganegaraanSchema),
  },
  { additionalProperties: false },
);

export const PendudukPatchSchema = Type.Object(
  {
    nik: Type.Optional(Type.String({ maxLength: 40, description: 'Not changeable: sending it answers 422' })),
    noKk: Type.Optional(Number16('Move to another registered family')),
    nama: Type.Optional(Text(1, 150)),
    jenisKelamin: Type.Optional(JenisKelaminSchema),
    tempatLahir: Type.Optional(Text(1, 100)),
    tanggalLahir: Type.Optional(IsoDate),
    agama: Type.Optional(Kode('agama')),
    pendidikan: Type.Optional(Kode('pendidikan')),
    pekerjaan: Type.Optional(Kode('pekerjaan')),
    statusKawin: Type.Optional(Kode('statusKawin')),
    shdk: Type.Optional(Kode('shdk')),
    status: Type.Optional(StatusSchema),
    kewarganegaraan: Type.Optional(KewarganegaraanSchema),
  },
  { additionalProperties: false },
);

export const AlasanBody = Type.Object(
  { alasan: Type.String({ minLength: 10, maxLength: 500, pattern: '^[^\\u0000-\\u001f\\u007f]*$', description: 'Why the full record is needed (at least 10 characters); written to the access log the resident can read' }) },
  { additionalProperties: false },
);

/** The list's filters (GET /api/v1/penduduk) and a reason: every exported resident gets an access-log row. */
export const EksporBody = Type.Object(
  {
    alasan: AlasanBody.properties.alasan,
    q: Type.Optional(Text(1, 100)),
    kelurahan: Type.Optional(Type.String({ pattern: '^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$', description: 'Kode kelurahan, e.g. 13.71.01.1001' })),
    noKk: Type.Optional(Type.String({ pattern: '^[0-9 .-]{16,40}$' })),
    status: Type.Optional(StatusSchema),
    jenisKelamin: Type.Optional(JenisKelaminSchema),
    includeArchived: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

export const ArchiveBody = Type.Object({ alasan: Text(3, 500) }, { additionalProperties: false });

export const CariBody = Type.Object({ nik: Number16('NIK to look up; sent in the body so it stays out of URLs and access logs') }, { additionalProperties: false });

export const VerifikasiBody = Type.Object(
  { nik: Type.String({ minLength: 1, maxLength: 40 }), nama: Text(1, 150), tanggalLahir: Type.String({ minLength: 1, maxLength: 10 }) },
  { additionalProperties: false },
);
export const VerifikasiResult = Type.Object({ cocok: Type.Boolean({ description: 'true only when NIK, name and birth date all match a living, unarchived resident' }) });

export const HistorySchema = Type.Object({
  items: Type.Array(
    Type.Object({
      version: Type.Integer(),
      action: Type.String(),
      changed: Type.Array(Type.String()),
      snapshot: Type.Record(Type.String(), Type.Unknown(), { description: 'The record at this version, masked' }),
      at: Timestamp,
      actorType: Type.String(),
      actorId: orNull<string>({}, 'string'),
      actorName: orNull<string>({}, 'string'),
      requestId: orNull<string>({}, 'string'),
    }),
  ),
});

export const AksesLogSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      at: Timestamp,
      action: Type.Enum(['view_full', 'export']),
      reason: Type.String(),
      actorType: Type.String(),
      actorId: orNull<string>({}, 'string'),
      actorName: orNull<string>({}, 'string'),
      appId: orNull<string>({}, 'string'),
      requestId: orNull<string>({}, 'string'),
    }),
  ),
});
export const AksesLogQuery = Type.Object({ limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }) }, { additionalProperties: false });

const KodeItems = Type.Array(Type.Object({ kode: Type.Integer(), nama: Type.String() }));
export const ReferensiSchema = Type.Object({
  agama: KodeItems,
  pendidikan: KodeItems,
  pekerjaan: KodeItems,
  statusKawin: KodeItems,
  shdk: KodeItems,
  status: Type.Array(Type.String()),
  kewarganegaraan: Type.Array(Type.String()),
});

export const NewKeluargaSchema = Type.Object(
  { noKk: Number16('No. KK, 16 digits'), kodeKelurahan: Type.String({ minLength: 1, maxLength: 20 }), alamat: Text(1, 300), rt: RtRw, rw: RtRw },
  { additionalProperties: false },
);

export const KeluargaSchema = Type.Object({
  id: Uuid,
  noKk: Type.String({ description: 'Masked' }),
  kodeKelurahan: Type.String(),
  alamat: Type.String({ description: 'Masked' }),
  rt: Type.String(),
  rw: Type.String(),
  masked: Type.Boolean(),
  version: Type.Integer(),
  archivedAt: NullableTimestamp,
  createdAt: Timestamp,
  updatedAt: Timestamp,
  anggota: Type.Array(PendudukSchema),
});
