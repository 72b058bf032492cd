import { apiRequest } from './client';
import type { IdentityLink, NewUser, RoleDefinition, RoleGrantInput, User, UserPage, UserPatch } from './types';

export interface UserListQuery {
  q?: string;
  limit: number;
  offset: number;
}

export function listUsers(query: UserListQuery, signal?: AbortSignal): Promise<UserPage> {
  return apiRequest('GET', '/users', { query: { ...query }, signal });
}

export function getUser(id: string, signal?: AbortSignal): Promise<User> {
  return apiRequest('GET', `/users/${encodeURIComponent(id)}`, { signal });
}

export function createUser(user: NewUser): Promise<User> {
  return apiRequest('POST', '/users', { body: user });
}

export function updateUser(id: string, patch: UserPatch): Promise<User> {
  return apiRequest('PATCH', `/users/${encodeURIComponent(id)}`, { body: patch });
}

export function replaceUserRoles(id: string, roles: RoleGrantInput[]): Promise<User> {
  return apiRequest('PUT', `/users/${encodeURIComponent(id)}/roles`, { body: { roles } });
}

/** Links the account to a resident (NIK) and/or employee (NIP); 422 per field, 409 when linked elsewhere. */
export function setUserIdentity(id: string, link: IdentityLink): Promise<User> {
  return apiRequest('PUT', `/users/${encodeURIComponent(id)}/identitas`, { body: link });
}

export function resetUserPassword(id: string, password: string): Promise<void> {
  return apiRequest('POST', `/users/${encodeURIComponent(id)}/password`, { body: { password } });
}

export async function listRoles(signal?: AbortSignal): Promise<RoleDefinition[]> {
  const { items } = await apiRequest<{ items: RoleDefinition[] }>('GET', '/roles', { signal });
  return items;
}
