import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { MAX_PASSWORD_LENGTH } from '../../core/auth/password.js';
import { MeSchema, openSession } from '../../core/auth/sign-in.js';
import { problems, Text } from '../../core/http/schemas.js';
import type { Kernel } from '../../core/kernel.js';
import { daftar, DAFTAR_LIMITS } from './daftar.js';

const DaftarBody = Type.Object(
  {
    nik: Type.String({ minLength: 1, maxLength: 40, description: '16 digits; spaces, dots and dashes are ignored' }),
    nama: Text(1, 150),
    tanggalLahir: Type.String({ format: 'date', examples: ['1990-03-12'] }),
    password: Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH }),
    telepon: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()], { description: 'Indonesian mobile number: 08…, 628… or +628…' })),
    email: Type.Optional(Type.Union([Type.String({ format: 'email', maxLength: 200 }), Type.Null(), Type.Literal('')])),
  },
  { additionalProperties: false },
);

/** The resident portal's public routes: a resident opens their own account. */
export async function portalRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  app.post(
    '/api/v1/portal/daftar',
    {
      config: { access: 'public' },
      schema: {
        tags: ['portal'],
        summary: 'Sign up as a resident: NIK, full name and birth date must match the registry; signs the new account in',
        description: [
          'Creates an account with the `warga` role linked to the NIK, with a username `warga-xxxxxxxx` (the resident signs in',
          'with the NIK, the phone number or the e-mail), sets the session cookie and answers like /auth/login.',
          'A NIK that is not in the registry, or whose name or birth date do not match, or whose resident has died or',
          'been archived: always the same 422 `portal.data_tidak_cocok`. A NIK that already has an account: 409',
          '`portal.nik_sudah_terdaftar`. A phone number or e-mail used by another account: 409 `portal.kontak_dipakai`.',
          `Refusals are limited to ${DAFTAR_LIMITS.perNik} per NIK and ${DAFTAR_LIMITS.perAddress} per address in`,
          `${DAFTAR_LIMITS.lockMinutes} minutes; then 429 \`portal.daftar_dibatasi\` with Retry-After.`,
        ].join(' '),
        body: DaftarBody,
        response: { 201: MeSchema, ...problems(400, 409, 422, 429) },
      },
    },
    async (request: FastifyRequest<{ Body: Static<typeof DaftarBody> }>, reply: FastifyReply) => {
      const user = await daftar(kernel, request.body, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null, requestId: request.id });
      const me = await openSession(kernel, request, reply, user);
      return reply.code(201).send(me);
    },
  );
}
