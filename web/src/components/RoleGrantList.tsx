import type { RoleDefinition, RoleGrant } from '../api/types';
import { useI18n } from '../i18n/I18nProvider';
import { roleLabel, scopeLabel } from '../i18n/roleLabels';

interface RoleGrantListProps {
  grants: RoleGrant[];
  catalogue?: readonly RoleDefinition[];
}

/** Role grants as "label — scope", e.g. "Lurah — Kelurahan 13.71.01.1001". */
export function RoleGrantList({ grants, catalogue }: RoleGrantListProps) {
  const { t, lang } = useI18n();
  if (grants.length === 0) return <p className="muted">{t('roles.none')}</p>;
  return (
    <ul className="grant-list">
      {grants.map((grant) => (
        <li key={`${grant.role}:${grant.scopeCode ?? ''}`}>
          <span className="grant-list__role">{roleLabel(grant.role, lang, catalogue)}</span>
          <span className="grant-list__scope"> — {scopeLabel(grant, t)}</span>
        </li>
      ))}
    </ul>
  );
}
