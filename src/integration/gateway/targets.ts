import { sql } from 'kysely';
import type { Kernel } from '../../core/kernel.js';
import { compileRules, type CompiledRule } from './aturan.js';

/** What the gateway needs of a service per call, cached for a few seconds. */
export interface Target {
  id: string;
  kode: string;
  aplikasiId: string;
  aplikasiKode: string;
  /** `aplikasi/kode`, as problem answers name the service. */
  nama: string;
  origin: string;
  basePath: string;
  timeoutMs: number;
  maksRequestBytes: number;
  maksResponseBytes: number;
  logIsi: boolean;
  /** The service is active and so is its provider app. */
  aktif: boolean;
  /** Caller app id → its rules (empty = the whole service). */
  grants: Map<string, CompiledRule[]>;
  hasOpenapi: boolean;
}

const KODE = /^[a-z0-9][a-z0-9-]{1,62}$/;

/**
 * Services and their grants by `app/service`. This process drops the cache on every change it
 * makes; other processes pick a change up within TTL_MS (a revoked grant stops working there
 * within seconds). A hit is answered synchronously: the gateway's hot path awaits nothing for it;
 * past REFRESH_MS an entry is read again in the background, so a busy service never waits.
 */
export class TargetCache {
  static TTL_MS = 5000;
  static REFRESH_MS = 4000;
  private entries = new Map<string, { value: Target | null; loaded: number }>();
  private pending = new Map<string, Promise<Target | null>>();
  private generation = 0;

  constructor(private readonly kernel: Kernel) {}

  clear(): void {
    this.entries.clear();
    this.pending.clear();
    this.generation++;
  }

  /** The service (null: there is none), from the cache when it is fresh, else a promise of it. */
  get(app: string, service: string): Target | null | Promise<Target | null> {
    const key = `${app}/${service}`;
    const cached = this.entries.get(key);
    if (cached !== undefined) {
      const age = Date.now() - cached.loaded;
      if (age < TargetCache.REFRESH_MS) return cached.value;
      if (age < TargetCache.TTL_MS) {
        // The next call past TTL_MS loads it again if this fails, and reports the failure.
        if (!this.pending.has(key)) this.fetch(key, app, service).catch(() => {});
        return cached.value;
      }
    }
    return this.fetch(key, app, service);
  }

  private async fetch(key: string, app: string, service: string): Promise<Target | null> {
    let loading = this.pending.get(key);
    if (!loading) {
      const generation = this.generation;
      loading = this.load(app, service).finally(() => {
        if (this.pending.get(key) === loading) this.pending.delete(key);
      });
      this.pending.set(key, loading);
      const value = await loading;
      if (generation === this.generation) {
        if (this.entries.size > 10_000) this.entries.clear();
        this.entries.set(key, { value, loaded: Date.now() });
      }
      return value;
    }
    return loading;
  }

  private async load(app: string, service: string): Promise<Target | null> {
    if (!KODE.test(app) || !KODE.test(service)) return null;
    const { rows } = await sql<{
      id: string; kode: string; aplikasi_id: string; aplikasi_kode: string; aplikasi_status: string; base_url: string; timeout_ms: number;
      maks_request_bytes: number; maks_response_bytes: number; log_isi: boolean; status: string; ada_openapi: boolean;
      izin: { klien: string; aturan: string[] }[];
    }>`
      SELECT l.id, l.kode, l.aplikasi_id, a.kode AS aplikasi_kode, a.status AS aplikasi_status, l.base_url, l.timeout_ms,
        l.maks_request_bytes, l.maks_response_bytes, l.log_isi, l.status, l.openapi IS NOT NULL AS ada_openapi,
        COALESCE((SELECT json_agg(json_build_object('klien', i.klien_aplikasi_id, 'aturan', i.aturan))
          FROM integrasi.gw_izin i WHERE i.layanan_id = l.id), '[]'::json) AS izin
      FROM integrasi.gw_layanan l JOIN integrasi.aplikasi a ON a.id = l.aplikasi_id
      WHERE a.kode = ${app} AND l.kode = ${service}`.execute(this.kernel.db);
    const row = rows[0];
    if (!row) return null;
    const url = new URL(row.base_url);
    return {
      id: row.id,
      kode: row.kode,
      aplikasiId: row.aplikasi_id,
      aplikasiKode: row.aplikasi_kode,
      nama: `${row.aplikasi_kode}/${row.kode}`,
      origin: url.origin,
      basePath: url.pathname.replace(/\/+$/, ''),
      timeoutMs: row.timeout_ms,
      maksRequestBytes: row.maks_request_bytes,
      maksResponseBytes: row.maks_response_bytes,
      logIsi: row.log_isi,
      aktif: row.status === 'aktif' && row.aplikasi_status === 'aktif',
      grants: new Map(row.izin.map((g) => [g.klien, compileRules(g.aturan)])),
      hasOpenapi: row.ada_openapi,
    };
  }
}
