import { ArchiveReasonForm } from '../../components/ArchiveReasonForm';
import { useI18n } from '../../i18n/I18nProvider';
import { archiveAnggaran, type Anggaran, type Versioned } from './programApi';

interface ArsipFormProps {
  record: Versioned<Anggaran>;
  onArchived: (record: Versioned<Anggaran>) => void;
  onCancel: () => void;
  onReload: () => void;
}

/** Archives a budget line with a reason (If-Match); it then leaves the lists and can no longer change. */
export function ArsipForm({ record, onArchived, onCancel, onReload }: ArsipFormProps) {
  const { t } = useI18n();
  return (
    <ArchiveReasonForm
      headingId="program-arsip-heading"
      title={t('program.arsip.title')}
      hint={t('program.arsip.hint')}
      reasonLabel={t('program.arsip.alasan')}
      field="alasan"
      minLength={3}
      tooShort={{ field: t('program.arsip.alasanShort'), form: t('program.form.checkFields') }}
      textareaClass="program-textarea"
      submitLabel={t('program.arsip.submit')}
      actionsClass="program-actions"
      stale={{ message: t('program.edit.stale'), reload: t('program.edit.reload') }}
      onReload={onReload}
      onCancel={onCancel}
      onArchive={async (alasan) => onArchived(await archiveAnggaran(record.data.id, record.etag, alasan.trim()))}
    />
  );
}
