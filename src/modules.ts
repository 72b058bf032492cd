import path from 'node:path';
import { packageRoot } from './core/paths.js';
import type { MigrationSource } from './core/db/migrate.js';

/** Every part of Padu that owns tables, in the order their migrations apply. */
export const migrationSources: MigrationSource[] = [
  { module: 'core', dir: path.join(packageRoot, 'src/core/migrations') },
];
