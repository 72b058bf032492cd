import type { Kernel } from '../../core/kernel.js';
import { kredensialRoutes } from './routes.js';
import { TokenService } from './token.js';

const services = new WeakMap<Kernel, TokenService>();

/** The token service of a running kernel (created by the module's start). */
export function tokenServiceOf(kernel: Kernel): TokenService | null {
  return services.get(kernel) ?? null;
}

export async function startKredensial(kernel: Kernel): Promise<void> {
  const service = new TokenService(kernel);
  await service.start();
  services.set(kernel, service);
  kernel.appAuth = service;
}

export async function stopKredensial(kernel: Kernel): Promise<void> {
  await services.get(kernel)?.stop();
}

/**
 * Routes are registered after start; they find the kernel's token service then. Call after an
 * app's status or rate limit changes so its tokens are re-checked at once.
 */
export function forgetAplikasi(kernel: Kernel, aplikasiId: string): void {
  services.get(kernel)?.forget(null, aplikasiId);
}

export async function kredensialRoutesFor(app: Parameters<ReturnType<typeof kredensialRoutes>>[0], options: { kernel: Kernel }): Promise<void> {
  const service = services.get(options.kernel);
  if (!service) throw new Error('the integrasi module was not started');
  await kredensialRoutes(service)(app, options);
}
