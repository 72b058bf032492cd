import { ArchiveReasonForm } from '../../components/ArchiveReasonForm';
import { useI18n } from '../../i18n/I18nProvider';
import { archivePenduduk, type Penduduk, type Versioned } from './pendudukApi';

interface PendudukArchiveFormProps {
  record: Versioned<Penduduk>;
  onArchived: (record: Versioned<Penduduk>) => void;
  onCancel: () => void;
  onReload: () => void;
}

/** Archives a resident with a reason (If-Match): nothing is deleted, the record leaves the lists. */
export function PendudukArchiveForm({ record, onArchived, onCancel, onReload }: PendudukArchiveFormProps) {
  const { t } = useI18n();
  return (
    <ArchiveReasonForm
      headingId="penduduk-archive-heading"
      title={t('penduduk.archive.title', { nama: record.data.nama })}
      hint={t('penduduk.archive.hint')}
      reasonLabel={t('penduduk.archive.reason')}
      field="alasan"
      submitLabel={t('penduduk.archive.submit')}
      actionsClass="penduduk-actions"
      stale={{ message: t('penduduk.edit.stale'), reload: t('penduduk.edit.reload') }}
      onReload={onReload}
      onCancel={onCancel}
      onArchive={async (alasan) => onArchived(await archivePenduduk(record.data.id, record.etag, alasan.trim()))}
    />
  );
}
