import { ArchiveReasonForm } from '../../components/ArchiveReasonForm';
import { useI18n } from '../../i18n/I18nProvider';
import { archivePegawai, namaLengkap, type Pegawai, type Versioned } from './pegawaiApi';

interface PegawaiArsipFormProps {
  record: Versioned<Pegawai>;
  onArchived: (record: Versioned<Pegawai>) => void;
  onCancel: () => void;
  onReload: () => void;
}

/** Archives an employee with a required reason (If-Match): nothing is deleted, the record leaves the lists. */
export function PegawaiArsipForm({ record, onArchived, onCancel, onReload }: PegawaiArsipFormProps) {
  const { t } = useI18n();
  return (
    <ArchiveReasonForm
      headingId="pegawai-arsip-heading"
      title={t('pegawai.arsip.title', { nama: namaLengkap(record.data) })}
      hint={t('pegawai.arsip.hint')}
      reasonLabel={t('pegawai.arsip.reason')}
      reasonHint={t('pegawai.arsip.reasonHint')}
      field="alasan"
      // No check in the browser: a blank reason goes as it is and the server names the rule under the field.
      minLength={3}
      submitLabel={t('pegawai.arsip.submit')}
      actionsClass="pegawai-actions"
      stale={{ message: t('pegawai.edit.stale'), reload: t('pegawai.edit.reload') }}
      onReload={onReload}
      onCancel={onCancel}
      onArchive={async (alasan) => onArchived(await archivePegawai(record.data.id, record.etag, alasan.trim()))}
    />
  );
}
