import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { actorOf } from '../auth/principal.js';
import { roles } from '../authz/roles.js';
import { IdParams, problems } from '../http/schemas.js';
import type { Kernel } from '../kernel.js';
import {
  NewUserSchema,
  IdentityBodySchema,
  PasswordBodySchema,
  RolesBodySchema,
  UserListQuery,
  UserPatchSchema,
  UserSchema,
} from './schemas.js';
import { createUser, getUser, listUsers, resetPassword, setUserIdentity, setUserRoles, updateUser } from './service.js';

const RoleList = Type.Object({
  items: Type.Array(
    Type.Object({
      code: Type.String(),
      scopeType: Type.String(),
      label: Type.Object({ id: Type.String(), en: Type.String() }),
      permissions: Type.Array(Type.String()),
    }),
  ),
});

type IdParams = Static<typeof IdParams>;

export async function userRoutes(app: FastifyInstance, { kernel }: { kernel: Kernel }): Promise<void> {
  const tags = ['users'];

  app.get(
    '/api/v1/roles',
    { config: { access: 'user.read' }, schema: { tags, summary: 'Roles a user can be granted', response: { 200: RoleList, ...problems(401, 403) } } },
    async () => ({ items: roles.map((role) => ({ ...role, permissions: [...role.permissions] })) }),
  );

  app.get<{ Querystring: Static<typeof UserListQuery> }>(
    '/api/v1/users',
    {
      config: { access: 'user.read' },
      schema: {
        tags,
        summary: 'List users',
        querystring: UserListQuery,
        response: { 200: Type.Object({ items: Type.Array(UserSchema), total: Type.Integer() }), ...problems(400, 401, 403) },
      },
    },
    async (request) => listUsers(kernel.db, request.query),
  );

  app.post<{ Body: Static<typeof NewUserSchema> }>(
    '/api/v1/users',
    {
      config: { access: 'user.manage' },
      schema: { tags, summary: 'Create a user with roles', body: NewUserSchema, response: { 201: UserSchema, ...problems(400, 401, 403, 409) } },
    },
    async (request, reply) => reply.code(201).send(await createUser(kernel, actorOf(request), request.body)),
  );

  app.get<{ Params: IdParams }>(
    '/api/v1/users/:id',
    { config: { access: 'user.read' }, schema: { tags, summary: 'One user', params: IdParams, response: { 200: UserSchema, ...problems(400, 401, 403, 404) } } },
    async (request) => getUser(kernel.db, request.params.id),
  );

  app.patch<{ Params: IdParams; Body: Static<typeof UserPatchSchema> }>(
    '/api/v1/users/:id',
    {
      config: { access: 'user.manage' },
      schema: { tags, summary: 'Change name, e-mail or active state', params: IdParams, body: UserPatchSchema, response: { 200: UserSchema, ...problems(400, 401, 403, 404, 409) } },
    },
    async (request) => updateUser(kernel, actorOf(request), request.params.id, request.body),
  );

  app.put<{ Params: IdParams; Body: Static<typeof RolesBodySchema> }>(
    '/api/v1/users/:id/roles',
    {
      config: { access: 'user.manage' },
      schema: { tags, summary: "Replace a user's role grants", params: IdParams, body: RolesBodySchema, response: { 200: UserSchema, ...problems(400, 401, 403, 404, 409) } },
    },
    async (request) => setUserRoles(kernel, actorOf(request), request.params.id, request.body.roles),
  );

  app.put<{ Params: IdParams; Body: Static<typeof IdentityBodySchema> }>(
    '/api/v1/users/:id/identitas',
    {
      config: { access: 'user.manage' },
      schema: {
        tags,
        summary: 'Link the account to its resident (NIK) and/or employee (NIP)',
        description: 'What the self-scoped roles read: `warga` their resident record and access log, `pegawai` their employee record. The number must exist in the registry (422) and not be linked to another account (409); null unlinks.',
        params: IdParams,
        body: IdentityBodySchema,
        response: { 200: UserSchema, ...problems(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => setUserIdentity(kernel, actorOf(request), request.params.id, request.body),
  );

  app.post<{ Params: IdParams; Body: Static<typeof PasswordBodySchema> }>(
    '/api/v1/users/:id/password',
    {
      config: { access: 'user.manage' },
      schema: { tags, summary: 'Set a new password; ends the user’s sessions', params: IdParams, body: PasswordBodySchema, response: { 204: Type.Null(), ...problems(400, 401, 403, 404) } },
    },
    async (request, reply) => {
      await resetPassword(kernel, actorOf(request), request.params.id, request.body.password);
      return reply.code(204).send();
    },
  );
}
