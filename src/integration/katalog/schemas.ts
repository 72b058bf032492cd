import { Type, type TSchema } from 'typebox';
import { Text, Uuid } from '../../core/http/schemas.js';
import { NextCursor, Timestamp, orNull } from '../../registry/kernel/http-schemas.js';
import { DATASETS, JENIS_APLIKASI, STATUS_APLIKASI } from './aplikasi.js';

const optional = <T extends TSchema>(schema: T) => Type.Optional(schema);
const nullableText = (min: number, max: number) => orNull<string>({ minLength: min, maxLength: max, pattern: '^[^\\u0000-\\u001f\\u007f]*$' }, 'string');

export const KodeAplikasi = Type.String({
  minLength: 2,
  maxLength: 63,
  pattern: '^[A-Za-z0-9][A-Za-z0-9-]{1,62}$',
  description: 'Stable slug (a–z, 0–9, `-`), stored lowercased; used in URLs such as /gw/<kode>/…',
  examples: ['simpeg-bkpsdm'],
});
const Jenis = Type.Enum([...JENIS_APLIKASI]);
const Status = Type.Enum([...STATUS_APLIKASI]);
const Dataset = Type.Enum([...DATASETS]);
const Datasets = Type.Array(Dataset, { maxItems: DATASETS.length, uniqueItems: true });
const Url = orNull<string>({ maxLength: 500, pattern: '^[Hh][Tt][Tt][Pp][Ss]?://[^\\s]+$', description: 'http(s) address' }, 'string');
const Email = orNull<string>({ maxLength: 200, anyOf: [{ format: 'email' }, { const: '' }] }, 'string');
const Phone = orNull<string>({ maxLength: 30, pattern: '^[0-9+() .-]*$' }, 'string');
const OpdKode = orNull<string>({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z][0-9A-Za-z.-]*$', description: 'Owner OPD code in the registry' }, 'string');

export const RefParams = Type.Object({
  ref: Type.String({ minLength: 1, maxLength: 63, pattern: '^[0-9A-Za-z][0-9A-Za-z-]*$', description: 'App id (uuid) or kode' }),
});

const inputProperties = {
  nama: Text(2, 200),
  opdKode: optional(OpdKode),
  jenis: Jenis,
  url: optional(Url),
  kontakNama: optional(nullableText(0, 200)),
  kontakEmail: optional(Email),
  kontakTelepon: optional(Phone),
  deskripsi: optional(nullableText(0, 2000)),
  datasetProduksi: optional(Datasets),
  datasetKonsumsi: optional(Datasets),
  batasPerMenit: optional(orNull<number>({ minimum: 1, maximum: 100000, description: 'Requests per minute per client; null = the default' }, 'integer')),
};

export const NewAplikasiSchema = Type.Object({ kode: KodeAplikasi, ...inputProperties, status: optional(Status) }, { additionalProperties: false });

export const AplikasiPatchSchema = Type.Object(
  {
    kode: optional(KodeAplikasi),
    nama: optional(inputProperties.nama),
    opdKode: inputProperties.opdKode,
    jenis: optional(Jenis),
    url: inputProperties.url,
    kontakNama: inputProperties.kontakNama,
    kontakEmail: inputProperties.kontakEmail,
    kontakTelepon: inputProperties.kontakTelepon,
    deskripsi: inputProperties.deskripsi,
    datasetProduksi: inputProperties.datasetProduksi,
    datasetKonsumsi: inputProperties.datasetKonsumsi,
    batasPerMenit: inputProperties.batasPerMenit,
  },
  { additionalProperties: false, minProperties: 1 },
);

export const StatusBodySchema = Type.Object({ status: Status, alasan: Text(3, 500) }, { additionalProperties: false });

const AlasanSchema = Type.Object({
  kode: Type.Enum(['terdaftar', 'klien_aktif', 'membaca', 'menulis_menerima', 'konsumsi_lewat_padu', 'tanpa_impor']),
  tingkat: Type.Integer({ minimum: 1, maximum: 5 }),
  terpenuhi: Type.Boolean(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
});

export const AplikasiSchema = Type.Object({
  id: Uuid,
  kode: Type.String(),
  nama: Type.String(),
  opdKode: orNull<string>({}, 'string'),
  opdNama: orNull<string>({}, 'string'),
  jenis: Jenis,
  url: orNull<string>({}, 'string'),
  status: Status,
  kontakNama: orNull<string>({}, 'string'),
  kontakEmail: orNull<string>({}, 'string'),
  kontakTelepon: orNull<string>({}, 'string'),
  deskripsi: orNull<string>({}, 'string'),
  datasetProduksi: Type.Array(Type.String()),
  datasetKonsumsi: Type.Array(Type.String()),
  batasPerMenit: orNull<number>({}, 'integer'),
  version: Type.Integer(),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  tingkat: Type.Integer({ minimum: 1, maximum: 5, description: 'Integration level, computed from activity (see the catalogue page for the rule)' }),
  alasan: Type.Array(AlasanSchema, { description: 'Each level’s condition, met or not, with its details' }),
  bolehKelola: Type.Boolean({ description: 'Whether the caller may change this app and its credentials' }),
});

export const AplikasiListQuery = Type.Object(
  {
    q: optional(Text(0, 100)),
    jenis: optional(Jenis),
    status: optional(Status),
    opd: optional(Type.String({ minLength: 1, maxLength: 40, pattern: '^[0-9A-Za-z][0-9A-Za-z.-]*$', description: 'Owner OPD kode' })),
    tingkat: optional(Type.Integer({ minimum: 1, maximum: 5 })),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    cursor: optional(Type.String({ minLength: 1, maxLength: 1000, pattern: '^[A-Za-z0-9_-]+$' })),
  },
  { additionalProperties: false },
);

export const AplikasiPageSchema = Type.Object({
  items: Type.Array(AplikasiSchema),
  nextCursor: NextCursor,
  total: Type.Integer({ description: 'Apps matching every filter' }),
  perTingkat: Type.Object(
    { 1: Type.Integer(), 2: Type.Integer(), 3: Type.Integer(), 4: Type.Integer(), 5: Type.Integer() },
    { description: 'Apps per level among those matching the other filters' },
  ),
});

export const HistorySchema = Type.Object({
  items: Type.Array(
    Type.Object({
      version: Type.Integer(),
      action: Type.String(),
      changed: Type.Array(Type.String()),
      snapshot: Type.Object({}, { additionalProperties: true }),
      at: Timestamp,
      actorType: Type.String(),
      actorId: orNull<string>({}, 'string'),
      actorName: orNull<string>({}, 'string'),
      requestId: orNull<string>({}, 'string'),
    }),
    { description: 'Newest version first' },
  ),
});

export const InventarisQuery = Type.Object(
  { apply: Type.Boolean({ default: false, description: 'false (default): dry-run with a per-row report; true: apply all rows or none' }) },
  { additionalProperties: false },
);

const RowProblemSchema = Type.Object({ column: Type.String(), field: Type.String(), rule: Type.String(), message: Type.String() });
const RowSchema = Type.Object({
  line: Type.Integer({ description: 'Line (CSV) or row (XLSX) in the file' }),
  kode: Type.String(),
  action: Type.Enum(['create', 'update', 'unchanged', 'invalid']),
  changed: Type.Array(Type.String()),
  problems: Type.Array(RowProblemSchema),
});
const reportProperties = {
  format: Type.Enum(['csv', 'xlsx']),
  applied: Type.Boolean(),
  summary: Type.Object({ rows: Type.Integer(), create: Type.Integer(), update: Type.Integer(), unchanged: Type.Integer(), invalid: Type.Integer() }),
  columns: Type.Object({ used: Type.Array(Type.Object({ column: Type.String(), header: Type.String() })), ignored: Type.Array(Type.String()) }),
  rows: Type.Array(RowSchema, { description: 'Rows with problems first when there are any (at most 500)' }),
  truncated: Type.Boolean(),
};
export const InventarisReportSchema = Type.Object(reportProperties);
export const InventarisProblemSchema = Type.Object({
  type: Type.String(), title: Type.String(), status: Type.Integer(), detail: Type.String(), code: Type.String(), instance: Type.String(), requestId: Type.String(),
  ...reportProperties,
});

const PetaNodeSchema = Type.Object({
  id: Type.String({ description: '`aplikasi:<kode>` or `dataset:<name>`' }),
  type: Type.Enum(['aplikasi', 'dataset']),
  kode: Type.String(),
  nama: Type.String(),
  tingkat: optional(Type.Integer()),
  status: optional(Type.String()),
  jenis: optional(Type.String()),
  opdKode: optional(orNull<string>({}, 'string')),
  island: optional(Type.Boolean()),
  datasetProduksi: optional(Type.Array(Type.String())),
  datasetKonsumsi: optional(Type.Array(Type.String())),
});
const PetaFlowSchema = Type.Object({
  from: Type.String(),
  to: Type.String(),
  kind: Type.Enum(['tulis', 'impor', 'baca', 'terima', 'panggil']),
  dataset: orNull<string>({}, 'string'),
  count: Type.Integer(),
  lastAt: Timestamp,
});
export const PetaQuery = Type.Object({ pensiun: Type.Boolean({ default: false, description: 'Include retired apps' }) }, { additionalProperties: false });
export const PetaSchema = Type.Object({
  days: Type.Integer({ description: 'Flows seen in this many days' }),
  nodes: Type.Array(PetaNodeSchema),
  flows: Type.Array(PetaFlowSchema),
  islands: Type.Array(Type.String({ description: 'Kode of each app with no flow' })),
});
