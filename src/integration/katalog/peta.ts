import type { Activity } from '../aktivitas.js';
import type { AnyDb } from '../db.js';
import { DATASETS, selectAplikasi, type AplikasiRow } from './aplikasi.js';
import { isImport, levelOf, WRITE_DAYS, activityByApp } from './tingkat.js';
import { sql } from 'kysely';

/**
 * The integration map: apps and registry datasets as nodes, and what really flowed between them
 * in the last 90 days as flows (from the same activity the levels are computed from):
 * - app → dataset: writes through the API (`tulis`) and applied imports (`impor`);
 * - dataset → app: reads through the API (`baca`) and events received from the feed or webhooks
 *   (`terima`; events of no single dataset come from the `events` node);
 * - app → app: calls through the service gateway (`panggil`, caller → provider).
 * Apps with no flow at all are islands: they keep their own copies, whatever they declare.
 */
export type FlowKind = 'tulis' | 'impor' | 'baca' | 'terima' | 'panggil';

export interface PetaNode {
  id: string;
  type: 'aplikasi' | 'dataset';
  kode: string;
  nama: string;
  tingkat?: number;
  status?: string;
  jenis?: string;
  opdKode?: string | null;
  island?: boolean;
  datasetProduksi?: string[];
  datasetKonsumsi?: string[];
}

export interface PetaFlow {
  from: string;
  to: string;
  kind: FlowKind;
  dataset: string | null;
  count: number;
  lastAt: string;
}

export interface Peta {
  days: number;
  nodes: PetaNode[];
  flows: PetaFlow[];
  islands: string[];
}

const DATASET_NAMES: Record<string, string> = {
  wilayah: 'Wilayah',
  organisasi: 'Organisasi (OPD, unit, jabatan)',
  pegawai: 'Pegawai',
  penduduk: 'Penduduk',
  program: 'Program & anggaran',
  events: 'Umpan perubahan (events)',
};

const appNode = (kode: string) => `aplikasi:${kode}`;
const datasetNode = (dataset: string | null): string => {
  const name = dataset?.split('.')[0] ?? null;
  return `dataset:${name && (DATASETS as readonly string[]).includes(name) ? name : 'events'}`;
};

export async function integrationMap(db: AnyDb, options: { includeRetired?: boolean; opds?: Set<string> | null } = {}, now = new Date()): Promise<Peta> {
  const apps = (await selectAplikasi(db, { opds: options.opds ?? null })).filter((app) => options.includeRetired || app.status !== 'pensiun');
  const byId = new Map<string, AplikasiRow>(apps.map((app) => [app.id, app]));
  const activity = await activityByApp(db, now);
  const clients = await sql<{ aplikasi_id: string; n: string }>`
    SELECT aplikasi_id, count(*) AS n FROM integrasi.klien WHERE status = 'aktif' GROUP BY aplikasi_id`.execute(db);
  const clientCount = new Map(clients.rows.map((r) => [r.aplikasi_id, Number(r.n)]));

  const flows = new Map<string, PetaFlow>();
  const add = (from: string, to: string, kind: FlowKind, dataset: string | null, a: Activity) => {
    const key = `${from}|${to}|${kind}`;
    const seen = flows.get(key);
    const lastAt = a.lastAt.toISOString();
    if (!seen) flows.set(key, { from, to, kind, dataset, count: a.count, lastAt });
    else if (kind === 'panggil') {
      // Caller and provider both report the same calls: keep the larger count, not the sum.
      seen.count = Math.max(seen.count, a.count);
      if (lastAt > seen.lastAt) seen.lastAt = lastAt;
    } else {
      seen.count += a.count;
      if (lastAt > seen.lastAt) seen.lastAt = lastAt;
    }
  };
  for (const app of apps) {
    for (const a of activity.get(app.id) ?? []) {
      const me = appNode(app.kode);
      if (a.kind === 'write') add(me, datasetNode(a.dataset), isImport(a) ? 'impor' : 'tulis', a.dataset, a);
      else if (a.kind === 'read') add(datasetNode(a.dataset), me, 'baca', a.dataset, a);
      else if (a.kind === 'receive') add(datasetNode(a.dataset), me, 'terima', a.dataset, a);
      else if (a.peerAplikasiId) {
        const peer = byId.get(a.peerAplikasiId);
        if (!peer) continue;
        if (a.kind === 'call') add(me, appNode(peer.kode), 'panggil', null, a);
        else add(appNode(peer.kode), me, 'panggil', null, a);
      }
    }
  }
  const list = [...flows.values()].sort((x, y) => x.from.localeCompare(y.from) || x.to.localeCompare(y.to) || x.kind.localeCompare(y.kind));
  const touched = new Set(list.flatMap((f) => [f.from, f.to]));
  const datasets = [...DATASETS, ...(touched.has('dataset:events') ? ['events'] : [])];
  const nodes: PetaNode[] = [
    ...apps.map((app): PetaNode => ({
      id: appNode(app.kode),
      type: 'aplikasi',
      kode: app.kode,
      nama: app.nama,
      tingkat: levelOf(app, clientCount.get(app.id) ?? 0, activity.get(app.id) ?? [], now).tingkat,
      status: app.status,
      jenis: app.jenis,
      opdKode: app.opd_kode,
      island: !touched.has(appNode(app.kode)),
      datasetProduksi: app.dataset_produksi,
      datasetKonsumsi: app.dataset_konsumsi,
    })),
    ...datasets.map((d): PetaNode => ({ id: `dataset:${d}`, type: 'dataset', kode: d, nama: DATASET_NAMES[d] ?? d })),
  ];
  return { days: WRITE_DAYS, nodes, flows: list, islands: nodes.filter((n) => n.island).map((n) => n.kode) };
}
