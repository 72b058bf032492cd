import type { FastifyInstance } from 'fastify';
import type { Static } from 'typebox';
import { userOf } from '../../core/auth/principal.js';
import { AppError } from '../../core/http/errors.js';
import { problems } from '../../core/http/schemas.js';
import type { Kernel } from '../../core/kernel.js';
import { readAksesLog } from './akses.js';
import type { Penduduk } from './model.js';
import { findPenduduk } from './read-service.js';
import { AksesLogQuery, AksesLogSchema, PendudukSchema } from './schemas.js';
import { pendudukDb } from './tables.js';

export const SELF = 'penduduk.self' as const;

/**
 * A resident's own data (the `warga` role, self scope), for accounts linked to a NIK
 * (PUT /api/v1/users/:id/identitas): their record in full — their own data is not a third party's
 * view, so it is not logged — and who saw it ("who saw my data", UU PDP). The citizen portal's
 * pages are built on these.
 */
export async function pendudukSayaRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const tags = ['penduduk', 'saya'];

  async function own(nik: string | null): Promise<Penduduk> {
    const found = nik ? await findPenduduk(pendudukDb(kernel.db), nik) : null;
    if (!found) throw new AppError('penduduk.self_unlinked');
    return found;
  }

  app.get(
    '/api/v1/saya/penduduk',
    {
      config: { access: SELF },
      schema: {
        tags,
        summary: 'My own resident record',
        description: 'For accounts linked to a NIK. 404 `penduduk.self_unlinked` when the account has no NIK or it is not in the registry.',
        response: { 200: PendudukSchema, ...problems(401, 403, 404) },
      },
    },
    async (request) => own(userOf(request).nik) as Promise<Static<typeof PendudukSchema>>,
  );

  app.get<{ Querystring: Static<typeof AksesLogQuery> }>(
    '/api/v1/saya/akses-log',
    {
      config: { access: SELF },
      schema: {
        tags,
        summary: 'Who saw my data: every full view and export of my record, when, by whom and why',
        querystring: AksesLogQuery,
        response: { 200: AksesLogSchema, ...problems(400, 401, 403, 404) },
      },
    },
    async (request) => {
      const me = await own(userOf(request).nik);
      return { items: await readAksesLog(kernel.db, me.id, request.query.limit) };
    },
  );
}

