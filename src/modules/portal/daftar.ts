import { createHash, randomInt } from 'node:crypto';
import { sql } from 'kysely';
import { uuidv7 } from 'uuidv7';
import { isAcceptablePassword, MIN_PASSWORD_LENGTH } from '../../core/auth/password.js';
import type { SessionUser } from '../../core/auth/sign-in.js';
import { clearFailures, lockedFor, recordFailure } from '../../core/auth/throttle.js';
import { AppError, invalid, type FieldViolation } from '../../core/http/errors.js';
import type { Kernel } from '../../core/kernel.js';
import { maskValue } from '../../core/privacy/mask.js';
import { normalisePhone } from '../../core/users/phone.js';
import { createUser } from '../../core/users/service.js';
import { getPendudukLengkap, verifyPenduduk } from '../../registry/penduduk/index.js';

/**
 * Self sign-up of residents ("Daftar akun warga"): whoever can state a living, unarchived
 * resident's NIK, full name (as on the KTP; case and spacing do not matter) and birth date gets
 * an account with the `warga` role, linked to that NIK, and is signed in. The answer never says
 * which of the three did not match, and an unknown NIK gets that same answer. Refusals are
 * counted per address and per NIK (the throttle table keeps a hash of the NIK, never the NIK);
 * past the limit every attempt gets 429 with Retry-After until the lock runs out. Every attempt
 * is logged in portal.daftar_log with the NIK masked; a new account is audited as `user.created`
 * by the account itself.
 *
 * The account's username is `warga-` and 8 random letters and digits: residents sign in with
 * their NIK, phone number or e-mail and never need it, and the audit trail (which names actors
 * by username) then never carries the NIK.
 */
export const DAFTAR_LIMITS = {
  /** Refused attempts for one NIK within the window before it is locked. */
  perNik: 10,
  /** Refused attempts from one address (any NIKs) within the window before it is locked. */
  perAddress: 30,
  /** The window and the lock, in minutes. */
  lockMinutes: 15,
} as const;

export interface DaftarInput {
  nik: string;
  nama: string;
  tanggalLahir: string;
  password: string;
  telepon?: string | null;
  email?: string | null;
}

export interface Visit {
  ip: string;
  userAgent: string | null;
  requestId: string;
}

type Hasil = 'berhasil' | 'tidak_cocok' | 'sudah_terdaftar' | 'kontak_dipakai' | 'tidak_valid' | 'dibatasi';

const addressKey = (ip: string) => `portal.daftar.address:${ip}`;
const nikKey = (nik: string) => `portal.daftar.nik#${createHash('sha256').update(nik).digest('hex').slice(0, 32)}`;

async function log(kernel: Kernel, visit: Visit, hasil: Hasil, nik: string | null, userId: string | null = null): Promise<void> {
  await sql`INSERT INTO portal.daftar_log (hasil, nik_samaran, user_id, alamat, user_agent)
    VALUES (${hasil}, ${nik === null ? null : maskValue(nik)}, ${userId}, ${visit.ip}, ${visit.userAgent?.slice(0, 300) ?? null})`.execute(kernel.db);
}

async function refuse(kernel: Kernel, visit: Visit, nik: string): Promise<void> {
  await recordFailure(kernel.db, nikKey(nik), { maxFailures: DAFTAR_LIMITS.perNik, lockMinutes: DAFTAR_LIMITS.lockMinutes });
  await recordFailure(kernel.db, addressKey(visit.ip), { maxFailures: DAFTAR_LIMITS.perAddress, lockMinutes: DAFTAR_LIMITS.lockMinutes });
}

const USERNAME_LETTERS = 'abcdefghijkmnpqrstuvwxyz23456789';
const randomUsername = () => `warga-${Array.from({ length: 8 }, () => USERNAME_LETTERS[randomInt(USERNAME_LETTERS.length)]).join('')}`;

/** Checks of the input's own shape, which say nothing about the registry. */
function checkInput(input: DaftarInput, nik: string, phone: string | null, email: string | null): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (!/^[0-9]{16}$/.test(nik)) violations.push({ field: 'nik', rule: 'identity.nik_format' });
  if (!input.nama.trim()) violations.push({ field: 'nama', rule: 'minLength', params: { limit: 1 } });
  if (input.telepon?.trim() && phone === null) violations.push({ field: 'telepon', rule: 'portal.telepon_format' });
  const password = input.password;
  const weak =
    !isAcceptablePassword(password, nik) ||
    password.replace(/[\s.-]/g, '') === nik ||
    (phone !== null && normalisePhone(password) === phone) ||
    (email !== null && password.trim().toLowerCase() === email.toLowerCase());
  if (weak) violations.push({ field: 'password', rule: 'password.too_weak', params: { limit: MIN_PASSWORD_LENGTH } });
  return violations;
}

export async function daftar(kernel: Kernel, input: DaftarInput, visit: Visit): Promise<SessionUser> {
  const { db } = kernel;
  const nik = input.nik.replace(/[\s.-]/g, '');
  const nikLooksRight = /^[0-9]{16}$/.test(nik);
  const wait = await lockedFor(db, [addressKey(visit.ip), ...(nikLooksRight ? [nikKey(nik)] : [])]);
  if (wait > 0) {
    await log(kernel, visit, 'dibatasi', nikLooksRight ? nik : null);
    throw new AppError('portal.daftar_dibatasi', { minutes: Math.ceil(wait / 60) }, [], { 'retry-after': String(wait) });
  }

  const phone = input.telepon?.trim() ? normalisePhone(input.telepon) : null;
  const email = input.email?.trim() || null;
  const violations = checkInput(input, nik, phone, email);
  if (violations.length > 0) {
    await log(kernel, visit, 'tidak_valid', nikLooksRight ? nik : null);
    throw invalid(violations);
  }

  if (!(await verifyPenduduk(db, { nik, nama: input.nama, tanggalLahir: input.tanggalLahir }))) {
    await refuse(kernel, visit, nik);
    await log(kernel, visit, 'tidak_cocok', nik);
    throw new AppError('portal.data_tidak_cocok');
  }

  // From here on the caller has shown they know who the resident is.
  const existing = await db.selectFrom('core.app_user').select('id').where('nik', '=', nik).executeTakeFirst();
  if (existing) {
    await refuse(kernel, visit, nik);
    await log(kernel, visit, 'sudah_terdaftar', nik);
    throw new AppError('portal.nik_sudah_terdaftar');
  }
  const taken: FieldViolation[] = [];
  if (phone && (await db.selectFrom('core.app_user').select('id').where('phone', '=', phone).executeTakeFirst())) {
    taken.push({ field: 'telepon', rule: 'portal.telepon_dipakai' });
  }
  if (email && (await db.selectFrom('core.app_user').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', email.toLowerCase())).executeTakeFirst())) {
    taken.push({ field: 'email', rule: 'portal.email_dipakai' });
  }
  if (taken.length > 0) {
    await log(kernel, visit, 'kontak_dipakai', nik);
    throw new AppError('portal.kontak_dipakai', {}, taken);
  }

  const resident = await getPendudukLengkap(db, nik);
  const displayName = resident?.nama ?? input.nama.trim().replace(/\s+/g, ' ');
  for (let attempt = 1; ; attempt++) {
    const username = randomUsername();
    const id = uuidv7();
    try {
      const user = await createUser(kernel, { type: 'user', id, name: username, requestId: visit.requestId }, {
        id, username, displayName, email, password: input.password, roles: [{ role: 'warga' }], nik, phone,
      });
      await clearFailures(db, nikKey(nik));
      await log(kernel, visit, 'berhasil', nik, user.id);
      return { id: user.id, username: user.username, display_name: user.displayName, email: user.email };
    } catch (error) {
      if (error instanceof AppError && error.code === 'user.username_taken' && attempt < 5) continue;
      if (error instanceof AppError && error.code === 'user.identity_taken') {
        // Another sign-up for the same NIK (or number) won the race.
        await log(kernel, visit, error.params.field === 'NIK' ? 'sudah_terdaftar' : 'kontak_dipakai', nik);
        if (error.params.field === 'NIK') throw new AppError('portal.nik_sudah_terdaftar');
        throw new AppError('portal.kontak_dipakai', {}, [{ field: 'telepon', rule: 'portal.telepon_dipakai' }]);
      }
      throw error;
    }
  }
}
