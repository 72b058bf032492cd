import type { AnyDb } from './db.js';

/**
 * What an app really did, as each part of the hub saw it. The catalogue computes integration
 * levels and the integration map from these, so a level is never typed in.
 * - `read`: read a registry dataset through the API (level 3)
 * - `write`: sent changes to Padu: API writes or applied imports (level 4)
 * - `receive`: received Padu's events: change-feed pulls or delivered webhooks (level 4)
 * - `provide` / `call`: served or called another app's service through the gateway
 */
export type ActivityKind = 'read' | 'write' | 'receive' | 'provide' | 'call';

export interface Activity {
  aplikasiId: string;
  kind: ActivityKind;
  /** Registry dataset (wilayah, organisasi, pegawai, penduduk, program), event type prefix, or null. */
  dataset: string | null;
  /** For gateway calls: the other app's id (the provider for `call`, the caller for `provide`). */
  peerAplikasiId?: string | null;
  count: number;
  lastAt: Date;
}

/** Returns activity since `since`, aggregated per app, kind, dataset (and peer). */
export type ActivityProvider = (db: AnyDb, since: Date) => Promise<Activity[]>;

const providers = new Map<string, ActivityProvider>();

/** Each part of the hub registers once at module load (metering, feed/webhooks, imports, gateway). */
export function registerActivityProvider(name: string, provider: ActivityProvider): void {
  providers.set(name, provider);
}

export async function collectActivity(db: AnyDb, since: Date): Promise<Activity[]> {
  const lists = await Promise.all([...providers.values()].map((provider) => provider(db, since)));
  return lists.flat();
}
