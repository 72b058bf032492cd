import type { Kernel } from '../../core/kernel.js';
import type { PaduModule } from '../../modules.js';
import { seedLayananDemo } from './demo.js';
import { seedHariLibur } from './hari-libur.js';
import { seedKatalog } from './katalog.js';
import { subscribers } from './notifikasi.js';
import { layananRoutes } from './routes.js';

/**
 * E-Kelurahan (layanan): residents request kelurahan letters online or at the counter; staff
 * verify them in work queues with SLA clocks in working days; the lurah approves; Padu numbers,
 * renders and stores the signed PDF, which anyone can verify by its QR code. Residents, regions
 * and employees are read from the registry through its functions.
 */
export const layananModule: PaduModule = {
  name: 'layanan',
  migrations: 'src/modules/layanan/migrations',
  routes: layananRoutes,
  seedDemo: seedLayananDemo,
  async start(kernel: Kernel) {
    await seedKatalog(kernel);
    await seedHariLibur(kernel.db);
    for (const subscriber of subscribers(kernel)) kernel.events.subscribe(subscriber);
  },
};

export { addWorkingDays, workingDaysBetween, isWorkingDay, dayWib } from './kalender.js';
