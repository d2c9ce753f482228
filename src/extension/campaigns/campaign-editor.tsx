// One campaign's form: name, steps (step-editor.tsx), the sending window in a time zone, sharing
// with the team and the same-company stop. Validated in the rep's words before anything is sent
// (campaign-form.ts); the server's own refusal, if any, is shown in its sentence.
import { useState, type ReactElement } from 'react';
import type { CampaignInput } from '../../shared/campaign-api.ts';
import { t, uiLanguage } from '../data/i18n.ts';
import { errorText } from '../ui/error-text.ts';
import { validateDraft, type CampaignDraft, type DraftProblem } from './campaign-form.ts';
import { StepEditor } from './step-editor.tsx';

const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** A Monday, for the weekday names in the rep's language. */
const MONDAY = Date.UTC(2026, 0, 5);
const weekdayName = (day: number): string =>
  new Intl.DateTimeFormat(uiLanguage(), { weekday: 'short', timeZone: 'UTC' }).format(new Date(MONDAY + (day - 1) * 86_400_000));

export interface CampaignEditorProps {
  initial: CampaignDraft;
  /** False: a team-mate's shared campaign, shown but not editable. */
  editable: boolean;
  save(campaign: CampaignInput): Promise<void>;
  /** Just created: the form opens saying so. */
  justSaved?: boolean;
}

export function CampaignEditor({ initial, editable, save, justSaved = false }: CampaignEditorProps): ReactElement {
  const [draft, setDraft] = useState(initial);
  const [problems, setProblems] = useState<DraftProblem[]>([]);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(justSaved);
  const [failure, setFailure] = useState<string | null>(null);
  const change = (next: Partial<CampaignDraft>): void => {
    setDraft((current) => ({ ...current, ...next }));
    setSaved(false);
  };

  async function submit(): Promise<void> {
    setFailure(null);
    const result = validateDraft(draft);
    if (!result.ok) return setProblems(result.problems);
    setProblems([]);
    setSaving(true);
    try {
      await save(result.campaign);
      setSaved(true);
    } catch (error) {
      setFailure(errorText(error));
    } finally {
      setSaving(false);
    }
  }

  const disabled = !editable || saving;
  return (
    <form
      className="editor"
      aria-label={t('campaigns_editor_label')}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      {!editable && <p className="notice">{t('campaigns_editor_notAuthor')}</p>}
      <label>
        {t('campaigns_field_name')}
        <input type="text" value={draft.name} disabled={disabled} onChange={(event) => change({ name: event.target.value })} />
      </label>
      <StepEditor steps={draft.steps} onChange={(steps) => change({ steps })} disabled={disabled} />
      <fieldset className="window" disabled={disabled}>
        <legend>{t('campaigns_window')}</legend>
        <div className="window__days">
          {WEEKDAYS.map((day) => (
            <label key={day}>
              <input
                type="checkbox"
                checked={draft.days.includes(day)}
                onChange={(event) =>
                  change({ days: event.target.checked ? [...draft.days, day] : draft.days.filter((other) => other !== day) })
                }
              />
              {weekdayName(day)}
            </label>
          ))}
        </div>
        <label>
          {t('campaigns_window_from')}
          <input type="number" min={0} max={23} value={draft.startHour} onChange={(event) => change({ startHour: event.target.value })} />
        </label>
        <label>
          {t('campaigns_window_to')}
          <input type="number" min={1} max={24} value={draft.endHour} onChange={(event) => change({ endHour: event.target.value })} />
        </label>
        <label>
          {t('campaigns_window_timeZone')}
          <input type="text" value={draft.timeZone} onChange={(event) => change({ timeZone: event.target.value })} />
        </label>
      </fieldset>
      <label className="check">
        <input
          type="checkbox"
          checked={draft.stopSameCompany}
          disabled={disabled}
          onChange={(event) => change({ stopSameCompany: event.target.checked })}
        />
        {t('campaigns_field_stopSameCompany')}
      </label>
      <label className="check">
        <input type="checkbox" checked={draft.team} disabled={disabled} onChange={(event) => change({ team: event.target.checked })} />
        {t('campaigns_field_team')}
      </label>
      {problems.length > 0 && (
        <ul className="problems" role="alert" aria-label={t('campaigns_problems')}>
          {problems.map((problem, index) => (
            <li key={index}>{problem.message}</li>
          ))}
        </ul>
      )}
      {failure && (
        <p className="error" role="alert">
          {failure}
        </p>
      )}
      {editable && (
        <div className="editor__save">
          <button type="submit" className="primary" disabled={saving}>
            {t('campaigns_save')}
          </button>
          {saved && <span role="status">{t('campaigns_saved')}</span>}
        </div>
      )}
    </form>
  );
}
