// Privacy: recipient domains never tracked, and how long this browser keeps activity. Checked
// line by line before saving so the rep sees which entry is wrong.
import { useState, type FormEvent, type ReactElement } from 'react';
import { parseDomain, type Settings } from '../data/settings.ts';
import { t } from '../data/i18n.ts';
import { saveFailedText } from '../ui/error-text.ts';
import type { SettingsChange } from './use-settings.ts';

interface PrivacySectionProps {
  settings: Settings;
  update(change: SettingsChange): Promise<void>;
}

export function PrivacySection({ settings, update }: PrivacySectionProps): ReactElement {
  const [domains, setDomains] = useState(settings.privacy.excludedDomains.join('\n'));
  const [retention, setRetention] = useState(String(settings.privacy.retentionDays));
  const [errors, setErrors] = useState<string[]>([]);
  const [saved, setSaved] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    setSaved(false);
    const problems: string[] = [];
    const lines = domains
      .split(/[\n,;]+/)
      .map((line) => line.trim())
      .filter(Boolean);
    const parsed = lines.map((line) => {
      const domain = parseDomain(line);
      if (domain === null) problems.push(t('options_invalidDomain', line.slice(0, 100)));
      return domain;
    });
    const days = Number(retention);
    if (!/^\d+$/.test(retention.trim()) || days < 1 || days > 3650) problems.push(t('options_retentionInvalid'));
    setErrors(problems);
    if (problems.length > 0) return;
    const excludedDomains = [...new Set(parsed.filter((domain): domain is string => domain !== null))];
    try {
      await update((current) => ({ ...current, privacy: { excludedDomains, retentionDays: days } }));
    } catch (error) {
      setErrors([saveFailedText(error)]);
      return;
    }
    setDomains(excludedDomains.join('\n'));
    setSaved(true);
  }

  return (
    <section aria-labelledby="privacy-heading">
      <h2 id="privacy-heading">{t('options_privacyHeading')}</h2>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <label htmlFor="excluded-domains">{t('options_excludedDomains')}</label>
        <textarea
          id="excluded-domains"
          rows={4}
          spellCheck={false}
          value={domains}
          onChange={(event) => setDomains(event.target.value)}
          aria-describedby="excluded-domains-hint"
          placeholder={t('options_excludedDomainsPlaceholder')}
        />
        <p id="excluded-domains-hint" className="hint">
          {t('options_excludedDomainsHint')}
        </p>
        <label htmlFor="retention-days">{t('options_retentionDays')}</label>
        <input
          id="retention-days"
          type="number"
          min={1}
          max={3650}
          step={1}
          inputMode="numeric"
          value={retention}
          onChange={(event) => setRetention(event.target.value)}
          aria-describedby="retention-hint"
        />
        <p id="retention-hint" className="hint">
          {t('options_retentionHint')}
        </p>
        <button type="submit">{t('options_save')}</button>
        {saved && <span role="status">{t('options_saved')}</span>}
        {errors.map((error) => (
          <p key={error} className="error" role="alert">
            {error}
          </p>
        ))}
      </form>
    </section>
  );
}
