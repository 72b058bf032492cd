import { apiRequest } from './client';
import type { AuditPage, AuditQuery, ChainVerification } from './types';

export function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<AuditPage> {
  return apiRequest('GET', '/audit', { query: { ...query }, signal });
}

export function verifyAuditChain(): Promise<ChainVerification> {
  return apiRequest('GET', '/audit/verify');
}
