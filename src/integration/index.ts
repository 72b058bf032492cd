import type { Kernel } from '../core/kernel.js';
import type { PaduModule } from '../modules.js';
import { kredensialRoutesFor, startKredensial, stopKredensial } from './kredensial/index.js';
import { gatewayRoutes } from './gateway/index.js';
import { seedKatalogDemo } from './katalog/demo.js';
import { katalogRoutes } from './katalog/routes.js';
import { imporRoutes, startImpor, stopImpor } from './impor/index.js';
import { feedWebhookRoutes, startWebhook, stopWebhook } from './webhook/index.js';

/**
 * The integration hub: the catalogue of the city's apps, their OAuth credentials and scopes, the
 * change feed and webhooks, imports from legacy apps with reconciliation, and the service
 * gateway for app-to-app calls. The apps that stay join the one data core through it.
 */
export const integrasiModule: PaduModule = {
  name: 'integrasi',
  migrations: 'src/integration/migrations',
  routes: [kredensialRoutesFor, gatewayRoutes, feedWebhookRoutes, katalogRoutes, imporRoutes],
  seedDemo: seedKatalogDemo,
  async start(kernel: Kernel) {
    await startKredensial(kernel);
    startWebhook(kernel);
    startImpor(kernel);
  },
  async stop(kernel: Kernel) {
    await stopImpor(kernel);
    await stopWebhook(kernel);
    await stopKredensial(kernel);
  },
};
