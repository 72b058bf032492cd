import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import type { Kernel } from '../kernel.js';
import { AppError } from './errors.js';
import { problems } from './schemas.js';
import { version } from '../version.js';

const Health = Type.Object({
  status: Type.Literal('ok'),
  database: Type.Union([Type.Literal('embedded'), Type.Literal('external')]),
  version: Type.String(),
});

export async function healthRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  app.get(
    '/api/v1/health',
    {
      config: { access: 'public' },
      schema: { tags: ['system'], summary: 'Health of this Padu process and its database', response: { 200: Health, ...problems(503) } },
    },
    async () => {
      try {
        await kernel.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
      } catch {
        throw new AppError('service.unavailable');
      }
      return { status: 'ok' as const, database: kernel.database.kind, version };
    },
  );
}
