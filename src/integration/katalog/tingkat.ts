import { sql } from 'kysely';
import { collectActivity, type Activity } from '../aktivitas.js';
import type { AnyDb } from '../db.js';
import { isMeteredActivity } from './aktivitas-pemakaian.js';
import './aktivitas-pemakaian.js';

/**
 * Integration levels, computed from what each app really did (never typed in):
 *
 * 1. registered in the catalogue;
 * 2. has at least one active OAuth client (credentials);
 * 3. read a registry dataset through the API in the last 30 days;
 * 4. sent changes to Padu (API writes or applied imports) or received its events (change feed,
 *    webhooks) in the last 90 days;
 * 5. level 4, AND every dataset it declares it consumes (`datasetKonsumsi`) was read through the
 *    API or received as events in the last 30 days, AND no import came from it in the last 90
 *    days: it keeps no private copy that it syncs by file.
 *
 * The level is the highest one whose condition holds: an app that only imports by file reaches
 * 4 without credentials. Each condition is reported in `alasan`, met or not, so the page can say
 * why an app sits where it does and what it needs for the next level.
 */
export const READ_DAYS = 30;
export const WRITE_DAYS = 90;

export type KodeAlasan = 'terdaftar' | 'klien_aktif' | 'membaca' | 'menulis_menerima' | 'konsumsi_lewat_padu' | 'tanpa_impor';

export interface Alasan {
  kode: KodeAlasan;
  /** The level this condition belongs to. */
  tingkat: number;
  terpenuhi: boolean;
  /** Details: counts, dataset names, the last time (ISO). */
  params: Record<string, string | number>;
}

export interface TingkatIntegrasi {
  tingkat: 1 | 2 | 3 | 4 | 5;
  alasan: Alasan[];
}

export interface AppForLevel {
  id: string;
  dataset_konsumsi: string[];
}

const DAY = 24 * 60 * 60 * 1000;
const latest = (list: Activity[]): string => (list.length ? new Date(Math.max(...list.map((a) => a.lastAt.getTime()))).toISOString() : '');
const names = (list: (string | null)[]): string => [...new Set(list.filter((d): d is string => !!d))].sort().join(', ');

/** Active clients per app id. */
async function activeClients(db: AnyDb, ids: string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const { rows } = await sql<{ aplikasi_id: string; n: string }>`
    SELECT aplikasi_id, count(*) AS n FROM integrasi.klien
    WHERE status = 'aktif' AND aplikasi_id = ANY(${ids}::uuid[])
    GROUP BY aplikasi_id`.execute(db);
  return new Map(rows.map((r) => [r.aplikasi_id, Number(r.n)]));
}

/** Everything every part of the hub saw in the last 90 days, per app id. */
export async function activityByApp(db: AnyDb, now = new Date()): Promise<Map<string, Activity[]>> {
  const all = await collectActivity(db, new Date(now.getTime() - WRITE_DAYS * DAY));
  const byApp = new Map<string, Activity[]>();
  for (const activity of all) {
    const list = byApp.get(activity.aplikasiId) ?? [];
    list.push(activity);
    byApp.set(activity.aplikasiId, list);
  }
  return byApp;
}

/** An import is a `write` that did not come through the API (the metering saw every API write). */
export const isImport = (activity: Activity): boolean => activity.kind === 'write' && !isMeteredActivity(activity);

export function levelOf(app: AppForLevel, clients: number, activity: Activity[], now = new Date()): TingkatIntegrasi {
  const readSince = now.getTime() - READ_DAYS * DAY;
  const writeSince = now.getTime() - WRITE_DAYS * DAY;
  const reads = activity.filter((a) => a.kind === 'read' && a.lastAt.getTime() >= readSince);
  const writesOrReceives = activity.filter((a) => (a.kind === 'write' || a.kind === 'receive') && a.lastAt.getTime() >= writeSince);
  const imports = activity.filter((a) => isImport(a) && a.lastAt.getTime() >= writeSince);
  const consumedViaPadu = new Set(
    activity.filter((a) => (a.kind === 'read' || a.kind === 'receive') && a.dataset && a.lastAt.getTime() >= readSince).map((a) => a.dataset!.split('.')[0]!),
  );
  const missing = app.dataset_konsumsi.filter((d) => !consumedViaPadu.has(d));

  const alasan: Alasan[] = [
    { kode: 'terdaftar', tingkat: 1, terpenuhi: true, params: {} },
    { kode: 'klien_aktif', tingkat: 2, terpenuhi: clients > 0, params: { jumlah: clients } },
    { kode: 'membaca', tingkat: 3, terpenuhi: reads.length > 0, params: { dataset: names(reads.map((a) => a.dataset)), jumlah: reads.reduce((n, a) => n + a.count, 0), terakhir: latest(reads), hari: READ_DAYS } },
    {
      kode: 'menulis_menerima',
      tingkat: 4,
      terpenuhi: writesOrReceives.length > 0,
      params: {
        menulis: writesOrReceives.filter((a) => a.kind === 'write').reduce((n, a) => n + a.count, 0),
        menerima: writesOrReceives.filter((a) => a.kind === 'receive').reduce((n, a) => n + a.count, 0),
        dataset: names(writesOrReceives.map((a) => a.dataset)),
        terakhir: latest(writesOrReceives),
        hari: WRITE_DAYS,
      },
    },
    {
      kode: 'konsumsi_lewat_padu',
      tingkat: 5,
      terpenuhi: missing.length === 0,
      params: { konsumsi: app.dataset_konsumsi.join(', '), kurang: missing.join(', '), hari: READ_DAYS },
    },
    { kode: 'tanpa_impor', tingkat: 5, terpenuhi: imports.length === 0, params: { impor: imports.reduce((n, a) => n + a.count, 0), terakhir: latest(imports), hari: WRITE_DAYS } },
  ];
  const met = (kode: KodeAlasan) => alasan.find((a) => a.kode === kode)!.terpenuhi;
  const tingkat = met('menulis_menerima')
    ? met('konsumsi_lewat_padu') && met('tanpa_impor') ? 5 : 4
    : met('membaca') ? 3 : met('klien_aktif') ? 2 : 1;
  return { tingkat, alasan };
}

/** Levels of many apps at once: one activity collection, one count of clients. */
export async function levelsOf(db: AnyDb, apps: AppForLevel[], now = new Date()): Promise<Map<string, TingkatIntegrasi>> {
  const [clients, activity] = await Promise.all([activeClients(db, apps.map((a) => a.id)), activityByApp(db, now)]);
  return new Map(apps.map((app) => [app.id, levelOf(app, clients.get(app.id) ?? 0, activity.get(app.id) ?? [], now)]));
}
