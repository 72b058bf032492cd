import type { PaduModule } from '../../modules.js';
import { portalRoutes } from './routes.js';

/**
 * The resident portal: residents open their own account by proving against the registry who they
 * are (NIK + name + birth date), then sign in with their NIK, phone number or e-mail. What they
 * can do once signed in (requests for letters, "Data saya") belongs to e-kelurahan and the registry.
 */
export const portalModule: PaduModule = {
  name: 'portal',
  migrations: 'src/modules/portal/migrations',
  routes: portalRoutes,
};

export { DAFTAR_LIMITS } from './daftar.js';
