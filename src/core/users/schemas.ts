import { Type } from 'typebox';
import { MAX_PASSWORD_LENGTH } from '../auth/password.js';
import { Text } from '../http/schemas.js';

export const GrantSchema = Type.Object({
  role: Type.String(),
  scopeType: Type.Union([Type.Literal('city'), Type.Literal('opd'), Type.Literal('kelurahan'), Type.Literal('self')]),
  scopeCode: Type.Union([Type.String(), Type.Null()]),
});

export const GrantInputSchema = Type.Object(
  {
    role: Type.String({ minLength: 1, maxLength: 40 }),
    scopeCode: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])),
    scopeType: Type.Optional(Type.String({ description: 'Ignored: derived from the role' })),
  },
  { additionalProperties: false },
);

export const UserSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  username: Type.String(),
  displayName: Type.String(),
  email: Type.Union([Type.String(), Type.Null()]),
  active: Type.Boolean(),
  roles: Type.Array(GrantSchema),
  nik: Type.Union([Type.String({ description: 'Linked resident, masked' }), Type.Null()]),
  nip: Type.Union([Type.String({ description: 'Linked employee' }), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  lastLoginAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
});

const Username = Type.String({ minLength: 3, maxLength: 60, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' });
const Email = Type.String({ format: 'email', maxLength: 200 });
const Password = Type.String({ minLength: 1, maxLength: MAX_PASSWORD_LENGTH });
const Roles = Type.Array(GrantInputSchema, { maxItems: 50 });

export const NewUserSchema = Type.Object(
  {
    username: Username,
    displayName: Text(1, 150),
    email: Type.Optional(Type.Union([Email, Type.Null(), Type.Literal('')])),
    password: Password,
    roles: Roles,
  },
  { additionalProperties: false },
);

export const UserPatchSchema = Type.Object(
  {
    displayName: Type.Optional(Text(1, 150)),
    email: Type.Optional(Type.Union([Email, Type.Null(), Type.Literal('')])),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const RolesBodySchema = Type.Object({ roles: Roles }, { additionalProperties: false });
export const IdentityBodySchema = Type.Object(
  {
    nik: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 40, description: 'The resident this account belongs to (warga); null unlinks' }), Type.Null()])),
    nip: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 40, description: 'The employee this account belongs to (pegawai); null unlinks' }), Type.Null()])),
  },
  { additionalProperties: false },
);
export const PasswordBodySchema = Type.Object({ password: Password }, { additionalProperties: false });

export const UserListQuery = Type.Object(
  {
    // Text: a NUL cannot reach PostgreSQL (it answers 500 to one), nor other control characters.
    q: Type.Optional(Text(0, 100)),
    role: Type.Optional(Text(0, 40)),
    active: Type.Optional(Type.Boolean()),
    limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);
