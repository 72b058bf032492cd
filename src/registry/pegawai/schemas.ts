import { Type, type TSchema } from 'typebox';
import { NextCursor, NullableTimestamp, Timestamp, Total, listItemSchema, orNull } from '../kernel/http-schemas.js';
import { Text, Uuid } from '../../core/http/schemas.js';
import { GOLONGAN, JENIS_PEGAWAI, STATUS_PEGAWAI } from './model.js';

const nullableText = (min: number, max: number) => orNull<string>({ minLength: min, maxLength: max, pattern: '^[^\\u0000-\\u001f\\u007f]*$' }, 'string');
const optional = <T extends TSchema>(schema: T) => Type.Optional(schema);

/** A calendar day; years 1900–2199 keep every value inside PostgreSQL's and the calendar's range. */
export const IsoDate = Type.String({ format: 'date', pattern: '^(19|2[01])\\d{2}-\\d{2}-\\d{2}$', examples: ['1990-05-17'] });
const NullableUuid = orNull<string>({ pattern: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$' }, 'string');

export const JenisSchema = Type.Enum([...JENIS_PEGAWAI], { description: 'pns, pppk, or non_asn (no NIP)' });
export const StatusSchema = Type.Enum([...STATUS_PEGAWAI]);
export const GolonganSchema = Type.Enum([...GOLONGAN], { description: 'PNS I/a–IV/e; PPPK I–XVII' });
const Sex = Type.Enum(['L', 'P'], { description: 'L = laki-laki, P = perempuan' });
/** NIP as typed: 18 digits, spaces, dots and dashes allowed (e.g. `19660801 198803 1 001`). The rules are checked by the service (422). */
const NipInput = orNull<string>({ minLength: 1, maxLength: 40, pattern: '^[^\\u0000-\\u001f\\u007f]*$', examples: ['19660801 198803 1 001'] }, 'string');
const Email = orNull<string>({ maxLength: 200, anyOf: [{ format: 'email' }, { const: '' }] }, 'string');
const Phone = orNull<string>({ maxLength: 30, pattern: '^[0-9+() .-]*$' }, 'string');

export const RefParams = Type.Object({
  ref: Type.String({ minLength: 1, maxLength: 60, pattern: '^[0-9A-Fa-f][0-9A-Fa-f .-]*$', description: 'Employee id (uuid) or NIP (spaces allowed)' }),
});

const pegawaiProperties = {
  nip: orNull<string>({ description: '18 digits; null for non-ASN' }, 'string'),
  nama: Type.String(),
  gelarDepan: orNull<string>({}, 'string'),
  gelarBelakang: orNull<string>({}, 'string'),
  jenisKelamin: Sex,
  tanggalLahir: Type.String({ description: 'YYYY-MM-DD; masked (YYYY-**-**) in lists and for readers outside the OPD' }),
  jenis: JenisSchema,
  golongan: orNull<string>({}, 'string'),
  pangkat: orNull<string>({ description: 'From the PNS golongan' }, 'string'),
  opdId: Uuid,
  unitId: Uuid,
  jabatanId: orNull<string>({}, 'string'),
  namaJabatan: orNull<string>({}, 'string'),
  tmtJabatan: orNull<string>({ format: 'date' }, 'string'),
  status: StatusSchema,
  email: orNull<string>({ description: 'Masked in lists' }, 'string'),
  telepon: orNull<string>({ description: 'Masked in lists' }, 'string'),
  version: Type.Integer({ minimum: 1 }),
  archivedAt: NullableTimestamp,
  archiveReason: orNull<string>({}, 'string'),
  createdAt: Timestamp,
  updatedAt: Timestamp,
};

export const PegawaiSchema = Type.Object({ id: Uuid, ...pegawaiProperties });

/** With `fields=`, a list row holds the id and only the fields asked for. */
export const PegawaiListItemSchema = listItemSchema(pegawaiProperties);

export const PegawaiPageSchema = Type.Object({
  items: Type.Array(PegawaiListItemSchema),
  nextCursor: NextCursor,
  total: Total,
});

export const PEGAWAI_SORTS = ['nama', '-nama', 'nip', '-nip', 'tmt', '-tmt'] as const;

export const PegawaiListQuery = Type.Object(
  {
    opd: optional(Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z][0-9A-Za-z.-]*$', description: 'OPD id or kode' })),
    unit: optional(Uuid),
    jenis: optional(JenisSchema),
    golongan: optional(GolonganSchema),
    status: optional(StatusSchema),
    q: optional(Text(0, 100)),
    includeArchived: Type.Boolean({ default: false }),
    sort: Type.Enum([...PEGAWAI_SORTS], { default: 'nama', description: '`tmt` is the TMT of the current position' }),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: optional(Type.String({ minLength: 1, maxLength: 1000, pattern: '^[A-Za-z0-9_-]+$' })),
    fields: optional(Type.String({ minLength: 1, maxLength: 400, pattern: '^[A-Za-z, ]+$', description: 'Comma-separated field names; id is always included' })),
    total: Type.Boolean({ default: false }),
  },
  { additionalProperties: false },
);

const inputProperties = {
  nip: optional(NipInput),
  nama: Text(1, 200),
  gelarDepan: optional(nullableText(0, 50)),
  gelarBelakang: optional(nullableText(0, 50)),
  jenisKelamin: Sex,
  tanggalLahir: IsoDate,
  jenis: JenisSchema,
  golongan: optional(orNull<string>({ enum: [...GOLONGAN, null] }, 'string')),
  status: optional(StatusSchema),
  email: optional(Email),
  telepon: optional(Phone),
};

export const NewPegawaiSchema = Type.Object(
  {
    ...inputProperties,
    opdRef: Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z][0-9A-Za-z.-]*$', description: 'OPD id or kode' }),
    unitId: Uuid,
    jabatanId: optional(NullableUuid),
    namaJabatan: optional(Text(1, 200)),
    tmtJabatan: optional(IsoDate),
  },
  { additionalProperties: false },
);

export const PegawaiPatchSchema = Type.Object(
  {
    nip: inputProperties.nip,
    nama: optional(Text(1, 200)),
    gelarDepan: inputProperties.gelarDepan,
    gelarBelakang: inputProperties.gelarBelakang,
    jenisKelamin: optional(Sex),
    tanggalLahir: optional(IsoDate),
    jenis: optional(JenisSchema),
    golongan: inputProperties.golongan,
    status: inputProperties.status,
    email: inputProperties.email,
    telepon: inputProperties.telepon,
  },
  { additionalProperties: false, description: 'OPD and unit change only through mutasi' },
);

export const ArsipBodySchema = Type.Object({ alasan: Text(3, 500) }, { additionalProperties: false });

export const MutasiBodySchema = Type.Object(
  {
    opdRef: Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z][0-9A-Za-z.-]*$', description: 'Target OPD, id or kode' }),
    unitId: Uuid,
    jabatanId: optional(NullableUuid),
    namaJabatan: optional(Text(1, 200)),
    tmt: IsoDate,
  },
  { additionalProperties: false },
);

export const VerifikasiBodySchema = Type.Object(
  { nip: Type.String({ minLength: 1, maxLength: 40, pattern: '^[^\\u0000-\\u001f\\u007f]*$' }), nama: optional(Text(0, 200)) },
  { additionalProperties: false },
);
export const VerifikasiSchema = Type.Object({
  valid: Type.Boolean({ description: 'A registered, not archived employee with this NIP (and name, when given)' }),
  aktif: Type.Boolean({ description: 'In service: status aktif or cuti' }),
});

export const HistoryEntrySchema = Type.Object({
  version: Type.Integer(),
  action: Type.String({ examples: ['created', 'updated', 'mutasi', 'archived'] }),
  changed: Type.Array(Type.String()),
  snapshot: Type.Object({}, { additionalProperties: true, description: 'The record as it was at this version' }),
  at: Timestamp,
  actorType: Type.String(),
  actorId: orNull<string>({}, 'string'),
  actorName: orNull<string>({}, 'string'),
  requestId: orNull<string>({}, 'string'),
});
export const HistorySchema = Type.Object({ items: Type.Array(HistoryEntrySchema, { description: 'Newest version first' }) });

export const RiwayatJabatanSchema = Type.Object({
  items: Type.Array(
    Type.Object({
      id: Uuid,
      opdId: Uuid,
      opdNama: orNull<string>({}, 'string'),
      unitId: Uuid,
      unitNama: orNull<string>({}, 'string'),
      jabatanId: orNull<string>({}, 'string'),
      namaJabatan: Type.String(),
      tmt: Type.String({ format: 'date' }),
      selesai: orNull<string>({ format: 'date', description: 'TMT of the next position (exclusive); null = current' }, 'string'),
    }),
    { description: 'Newest first' },
  ),
});
