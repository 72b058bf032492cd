import { apiRequest } from './client';
import type { Me } from './types';

export function login(username: string, password: string): Promise<Me> {
  return apiRequest('POST', '/auth/login', { body: { username, password } });
}

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return apiRequest('GET', '/auth/me', { signal });
}

export function logout(): Promise<void> {
  return apiRequest('POST', '/auth/logout');
}
