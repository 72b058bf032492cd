import { apiRequest } from './client';
import type { Health } from './types';

export function fetchHealth(signal?: AbortSignal): Promise<Health> {
  return apiRequest('GET', '/health', { signal });
}
