import path from 'node:path';
import { packageRoot } from './core/paths.js';
import type { MigrationSource } from './core/db/migrate.js';
import type { ModuleRoutes } from './core/http/app.js';
import type { Kernel } from './core/kernel.js';
import { registerReferenceCheck, type ReferenceCheck, type ReferenceKind } from './core/references.js';
import type { DemoContext } from './registry/demo/context.js';
import { wilayahModule } from './registry/wilayah/index.js';
import { organisasiModule } from './registry/organisasi/index.js';
import { pegawaiModule } from './registry/pegawai/index.js';
import { pendudukModule } from './registry/penduduk/index.js';
import { programModule } from './registry/program/index.js';
import { layananModule } from './modules/layanan/index.js';
import { portalModule } from './modules/portal/index.js';
import { integrasiModule } from './integration/index.js';

/**
 * A part of Padu beyond the kernel: the registry's datasets, later the modules. Each owns its
 * migrations (one PostgreSQL schema), its routes, and its event subscriptions.
 */
export interface PaduModule {
  name: string;
  /** Folder of NNNN_description.sql files, relative to the package root. */
  migrations?: string;
  routes?: ModuleRoutes | readonly ModuleRoutes[];
  /** Subscribe to events and prepare caches; runs before the server accepts requests. */
  start?: (kernel: Kernel) => Promise<void> | void;
  /** Stops what start began (workers, buffers to flush); runs before the database closes. */
  stop?: (kernel: Kernel) => Promise<void> | void;
  /** Adds this module's share of the demo city; modules seed in the order listed below. */
  seedDemo?: (kernel: Kernel, context: DemoContext) => Promise<void>;
  /** Codes of this module that the kernel stores (role-grant scopes, account links) and asks about. */
  references?: Partial<Record<ReferenceKind, ReferenceCheck>>;
}

export const modules: PaduModule[] = [wilayahModule, organisasiModule, pegawaiModule, programModule, pendudukModule, layananModule, portalModule, integrasiModule];

for (const module of modules) {
  for (const [kind, check] of Object.entries(module.references ?? {})) registerReferenceCheck(kind as ReferenceKind, check);
}

/** Every part that owns tables, in the order their migrations apply: the kernel first. */
export const migrationSources: MigrationSource[] = [
  { module: 'core', dir: path.join(packageRoot, 'src/core/migrations') },
  ...modules.filter((m) => m.migrations).map((m) => ({ module: m.name, dir: path.join(packageRoot, m.migrations!) })),
];

export const moduleRoutes: ModuleRoutes[] = modules.flatMap((m) => (m.routes ? [m.routes].flat() : []));
