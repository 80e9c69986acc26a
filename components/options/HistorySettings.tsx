import { useRef, useState } from 'preact/hooks';
import { sendToBackground } from '@/utils/protocol/bus';
import { backupFileName, parseBackup, type DataExport, type ImportPreview } from '@/utils/model/backup';
import { BACKUP_FILE_MAX_BYTES } from '@/utils/model/limits';
import { ImportPreviewBox } from './ImportPreviewBox';
import { formatInteger } from '@/utils/format';
import { t, uiLocale } from '@/utils/i18n';
import { ConfirmButton } from '@/components/ui/ConfirmButton';
import type { SectionProps } from './types';

type Note = { kind: 'ok' | 'error'; text: string } | null;
const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
const mb = (bytes: number) => (bytes / (1024 * 1024)).toFixed(1);

/** History and privacy: the history switch, excerpts, clearing history, and backing up all data as JSON. */
export function HistorySettings({ settings, save }: SectionProps) {
  const [note, setNote] = useState<Note>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<{ data: DataExport; preview: ImportPreview; fileName: string } | null>(null);
  const file = useRef<HTMLInputElement>(null);
  const locale = uiLocale();

  const exportData = async () => {
    setBusy(true);
    try {
      const data = await sendToBackground('data.export', {});
      const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = backupFileName(new Date());
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setNote({
        kind: 'ok',
        text: t('options_exported', [
          formatInteger(data.watchlist.length, locale),
          formatInteger(data.counts.length, locale),
          formatInteger(data.sightings.length, locale),
        ]),
      });
    } catch (e) {
      setNote({ kind: 'error', text: t('options_exportFailed', message(e)) });
    } finally {
      setBusy(false);
    }
  };

  const importFile = async (chosen: File | undefined) => {
    if (!chosen) return;
    setPending(null);
    // Checked before reading: a huge file is never loaded into memory.
    if (chosen.size > BACKUP_FILE_MAX_BYTES) {
      setNote({ kind: 'error', text: t('options_importTooLarge', [chosen.name, mb(chosen.size), mb(BACKUP_FILE_MAX_BYTES)]) });
      if (file.current) file.current.value = '';
      return;
    }
    setBusy(true);
    try {
      const parsed = parseBackup(await chosen.text());
      if (!parsed.ok) {
        setNote({ kind: 'error', text: t(parsed.reason === 'not-json' ? 'options_importNotJson' : 'options_importNotBackup', chosen.name) });
        return;
      }
      // Nothing is written yet: the preview says what will change and waits for Import.
      const preview = await sendToBackground('data.preview', parsed.data);
      setNote(null);
      setPending({ data: parsed.data, preview, fileName: chosen.name });
    } catch (e) {
      setNote({ kind: 'error', text: t('options_importFailed', message(e)) });
    } finally {
      setBusy(false);
      if (file.current) file.current.value = '';
    }
  };

  const confirmImport = async (applyPriceApi: boolean) => {
    if (!pending) return;
    setBusy(true);
    try {
      const result = await sendToBackground('data.import', { ...pending.data, applyPriceApi });
      setPending(null);
      setNote({
        kind: 'ok',
        text: t('options_imported', [
          formatInteger(result.watchlist, locale),
          formatInteger(result.counts, locale),
          formatInteger(result.sightings, locale),
        ]),
      });
    } catch (e) {
      setNote({ kind: 'error', text: t('options_importFailed', message(e)) });
    } finally {
      setBusy(false);
    }
  };

  const clearAll = () =>
    sendToBackground('history.clear', { what: 'all' }).then(
      () => setNote({ kind: 'ok', text: t('options_historyCleared') }),
      (e: unknown) => setNote({ kind: 'error', text: t('options_clearFailed', message(e)) }),
    );

  return (
    <fieldset id="data">
      <legend>{t('options_historySection')}</legend>
      <div class="field">
        <input
          id="history-enabled"
          type="checkbox"
          data-testid="history-enabled"
          checked={settings.historyEnabled}
          onChange={(e) => save({ historyEnabled: e.currentTarget.checked })}
        />
        <label for="history-enabled">{t('options_historyEnabled')}</label>
        <p class="field__hint">{t('options_historyHint')}</p>
      </div>
      <div class="field">
        <input
          id="excerpts-enabled"
          type="checkbox"
          checked={settings.excerptsEnabled}
          disabled={!settings.historyEnabled}
          onChange={(e) => save({ excerptsEnabled: e.currentTarget.checked })}
        />
        <label for="excerpts-enabled">{t('options_excerptsEnabled')}</label>
        <p class="field__hint">{t('options_excerptsHint')}</p>
      </div>
      <div class="field">
        <ConfirmButton label={t('options_clearHistory')} question={t('options_clearHistoryQuestion')} onConfirm={clearAll} testId="clear-history" />
      </div>
      <div class="field">
        <button type="button" class="button" data-testid="export-data" disabled={busy} onClick={() => void exportData()}>
          {t('options_export')}
        </button>
        <button type="button" class="button" data-testid="import-button" disabled={busy} onClick={() => file.current?.click()}>
          {t('options_import')}
        </button>
        <input
          class="visually-hidden"
          ref={file}
          type="file"
          tabIndex={-1}
          aria-hidden="true"
          accept="application/json,.json"
          data-testid="import-data"
          onChange={(e) => void importFile(e.currentTarget.files?.[0])}
        />
        <p class="field__hint">{t('options_backupHint')}</p>
        {pending && (
          <ImportPreviewBox
            preview={pending.preview}
            fileName={pending.fileName}
            busy={busy}
            onConfirm={(apply) => void confirmImport(apply)}
            onCancel={() => setPending(null)}
          />
        )}
        {note && (
          <p class={`field__hint note note--${note.kind}`} role={note.kind === 'error' ? 'alert' : 'status'} data-testid="data-note">
            {note.text}
          </p>
        )}
      </div>
    </fieldset>
  );
}
