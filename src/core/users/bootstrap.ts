import { randomBytes } from 'node:crypto';
import { systemActor } from '../audit/actor.js';
import { isAcceptablePassword, MIN_PASSWORD_LENGTH } from '../auth/password.js';
import { ConfigError } from '../config.js';
import type { Kernel } from '../kernel.js';
import { createUser } from './service.js';

export const FIRST_ADMIN = 'admin';

export interface FirstAdmin {
  username: string;
  /** Set only when Padu made the password up; it is shown once and never stored in clear. */
  generatedPassword: string | null;
}

/** On an empty database, creates the platform admin; otherwise does nothing. */
export async function ensureFirstAdmin(kernel: Kernel): Promise<FirstAdmin | null> {
  const existing = await kernel.db.selectFrom('core.app_user').select('id').limit(1).executeTakeFirst();
  if (existing) return null;
  const configured = kernel.config.adminPassword;
  if (configured && !isAcceptablePassword(configured, FIRST_ADMIN)) {
    throw new ConfigError(`PADU_ADMIN_PASSWORD must have at least ${MIN_PASSWORD_LENGTH} characters and differ from "${FIRST_ADMIN}"`);
  }
  const password = configured ?? randomBytes(12).toString('base64url');
  await createUser(kernel, systemActor('bootstrap'), {
    username: FIRST_ADMIN,
    displayName: 'Admin Platform',
    password,
    roles: [{ role: 'admin' }],
  });
  return { username: FIRST_ADMIN, generatedPassword: configured ? null : password };
}
