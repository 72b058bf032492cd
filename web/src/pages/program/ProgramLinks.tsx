import { Link, NavLink } from 'react-router';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n/I18nProvider';
import { getKewenangan } from './programApi';

/** The pages of Program & Anggaran; adding lines and the SIPD import only for those who may. */
export function ProgramLinks({ current }: { current: 'anggaran' | 'nomenklatur' | 'impor' }) {
  const { t } = useI18n();
  const kewenangan = useResource((signal) => getKewenangan(signal), []);
  const may = kewenangan.data;
  return (
    <nav className="program-links" aria-label={t('program.links.label')}>
      <ul>
        <li>
          <NavLink to="/program" end>
            {t('program.links.anggaran')}
          </NavLink>
        </li>
        <li>
          <NavLink to="/program/nomenklatur">{t('program.links.nomenklatur')}</NavLink>
        </li>
        {may?.cityWide && (
          <li>
            <NavLink to="/program/impor">{t('program.links.impor')}</NavLink>
          </li>
        )}
      </ul>
      {may && may.opd.length > 0 && current === 'anggaran' && (
        <Link className="button" to="/program/anggaran/baru">
          {t('program.create.open')}
        </Link>
      )}
    </nav>
  );
}
