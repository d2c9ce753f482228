// The steps of a campaign as the rep edits them: each waits, then sends (an empty subject replies
// in the same thread; the body may use merge fields with fallbacks). Steps are added, removed and
// moved up or down; the form keeps every value as typed until it is saved.
import type { ReactElement } from 'react';
import { WAIT_UNITS, type WaitUnit } from '../../shared/campaign-api.ts';
import { t, type MessageKey } from '../data/i18n.ts';
import { moveStep, newStep, type StepDraft } from './campaign-form.ts';

const UNIT_KEYS: Record<WaitUnit, MessageKey> = {
  business_days: 'campaigns_unit_businessDays',
  hours: 'campaigns_unit_hours',
  minutes: 'campaigns_unit_minutes',
};

export interface StepEditorProps {
  steps: StepDraft[];
  onChange(steps: StepDraft[]): void;
  disabled: boolean;
}

export function StepEditor({ steps, onChange, disabled }: StepEditorProps): ReactElement {
  const update = (index: number, change: Partial<StepDraft>): void =>
    onChange(steps.map((step, position) => (position === index ? { ...step, ...change } : step)));
  return (
    <div className="steps">
      <p className="hint">{t('campaigns_steps_hint')}</p>
      <ol className="steps__list">
        {steps.map((step, index) => {
          const label = t('campaigns_step_label', String(index + 1));
          return (
            <li key={step.key}>
              <fieldset className="step" aria-label={label} disabled={disabled}>
                <legend>{label}</legend>
                <div className="step__wait">
                  <label>
                    {t('campaigns_step_wait')}
                    <input
                      type="number"
                      min={0}
                      max={365}
                      inputMode="numeric"
                      value={step.waitAmount}
                      onChange={(event) => update(index, { waitAmount: event.target.value })}
                    />
                  </label>
                  <label>
                    {t('campaigns_step_unit')}
                    <select value={step.waitUnit} onChange={(event) => update(index, { waitUnit: event.target.value as WaitUnit })}>
                      {WAIT_UNITS.map((unit) => (
                        <option key={unit} value={unit}>
                          {t(UNIT_KEYS[unit])}
                        </option>
                      ))}
                    </select>
                  </label>
                </div>
                <label>
                  {t('campaigns_step_subject')}
                  <input
                    type="text"
                    value={step.subject}
                    placeholder={t('campaigns_step_subjectPlaceholder')}
                    onChange={(event) => update(index, { subject: event.target.value })}
                  />
                </label>
                <label>
                  {t('campaigns_step_body')}
                  <textarea rows={5} value={step.body} onChange={(event) => update(index, { body: event.target.value })} />
                </label>
                <div className="step__buttons">
                  <button type="button" onClick={() => onChange(moveStep(steps, index, -1))} disabled={index === 0}>
                    {t('campaigns_step_up')}
                  </button>
                  <button type="button" onClick={() => onChange(moveStep(steps, index, 1))} disabled={index === steps.length - 1}>
                    {t('campaigns_step_down')}
                  </button>
                  <button type="button" onClick={() => onChange(steps.filter((_, position) => position !== index))}>
                    {t('campaigns_step_remove')}
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <button type="button" onClick={() => onChange([...steps, newStep()])} disabled={disabled}>
        {t('campaigns_step_add')}
      </button>
    </div>
  );
}
