import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { userOf } from '../../core/auth/principal.js';
import { AppError } from '../../core/http/errors.js';
import { problems } from '../../core/http/schemas.js';
import type { Kernel } from '../../core/kernel.js';
import { findPegawai, riwayatJabatanOf } from './pegawai-service.js';
import { PegawaiSchema, RiwayatJabatanSchema } from './schemas.js';

export const SELF = 'pegawai.self' as const;

/**
 * An employee's own record (the `pegawai` role, self scope): the account must be linked to a NIP
 * (PUT /api/v1/users/:id/identitas). Their own data is shown in full; it is not a third party's view.
 */
export async function pegawaiSayaRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const tags = ['pegawai', 'saya'];

  app.get(
    '/api/v1/saya/pegawai',
    {
      config: { access: SELF },
      schema: {
        tags,
        summary: 'My own employee record and positions over time',
        description: 'For accounts linked to a NIP. 404 `pegawai.self_unlinked` when the account has no NIP or the NIP is not in the registry.',
        response: { 200: Type.Object({ pegawai: PegawaiSchema, riwayatJabatan: RiwayatJabatanSchema.properties.items }), ...problems(401, 403, 404) },
      },
    },
    async (request) => {
      const { nip } = userOf(request);
      const pegawai = nip ? await findPegawai(kernel.db, nip) : null;
      if (!pegawai) throw new AppError('pegawai.self_unlinked');
      return { pegawai, riwayatJabatan: await riwayatJabatanOf(kernel.db, pegawai.id) };
    },
  );
}
