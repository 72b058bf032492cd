import type { MessageKey } from '../../i18n/id';

/**
 * The tabs of the integration hub (/integrasi/…). Each part of the hub appends ONE entry here
 * (and its routes inside the `integrasi` route of web/src/App.tsx, which renders these tabs).
 */
export interface IntegrasiTab {
  /** Path below /integrasi: '' is the catalogue itself, e.g. 'webhook' → /integrasi/webhook. */
  path: string;
  /** i18n key of the tab's label (add it to your own block in id.ts and en.ts). */
  label: MessageKey;
  /** The tab shows when the user holds any one of these permissions. */
  anyPermission: readonly string[];
}

export const INTEGRASI_TABS: IntegrasiTab[] = [
  { path: '', label: 'integrasi.tab.katalog', anyPermission: ['integrasi.read', 'integrasi.manage', 'integrasi.impor'] },
  { path: 'peta', label: 'integrasi.tab.peta', anyPermission: ['integrasi.read'] },
  { path: 'gateway', label: 'integrasi.tab.gateway', anyPermission: ['integrasi.read'] },
  { path: 'webhook', label: 'integrasi.tab.webhook', anyPermission: ['integrasi.read', 'integrasi.manage'] },
  { path: 'impor', label: 'integrasi.tab.impor', anyPermission: ['integrasi.impor'] },
  { path: 'rekonsiliasi', label: 'integrasi.tab.rekonsiliasi', anyPermission: ['integrasi.rekonsiliasi'] },
  { path: 'kualitas', label: 'integrasi.tab.kualitas', anyPermission: ['integrasi.impor'] },
];

/** Who may enter the hub at all (the "Integrasi" item of the main navigation). */
export const INTEGRASI_PERMISSIONS = ['integrasi.read', 'integrasi.manage', 'integrasi.impor'] as const;
