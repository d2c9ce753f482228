// Uploads in progress: one row per file with a real progress bar (bytes sent), then "Preparing"
// while the server checks the file (a Word or PowerPoint file then converts in the list); a
// failed upload says why.
import { t } from '../../data/i18n.ts';

export interface UploadItem {
  key: string;
  name: string;
  loaded: number;
  total: number;
  phase: 'uploading' | 'processing' | 'failed';
  error: string | null;
}

function percentOf(item: UploadItem): number {
  if (item.phase === 'processing') return 100;
  return item.total > 0 ? Math.min(100, Math.floor((item.loaded / item.total) * 100)) : 0;
}

export function UploadRows({ items }: { items: readonly UploadItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="picker-uploads">
      {items.map((item) => {
        const percent = percentOf(item);
        const label =
          item.phase === 'failed'
            ? t('compose_picker_uploadFailed', [item.name, item.error ?? ''])
            : item.phase === 'processing'
              ? t('compose_picker_processing', item.name)
              : t('compose_picker_uploading', [item.name, String(percent)]);
        return (
          <li key={item.key} className={`picker-upload picker-upload-${item.phase}`}>
            <span role={item.phase === 'failed' ? 'alert' : 'status'}>{label}</span>
            {item.phase !== 'failed' && <progress max={100} value={percent} aria-label={item.name} data-phase={item.phase} />}
          </li>
        );
      })}
    </ul>
  );
}
