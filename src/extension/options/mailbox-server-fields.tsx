// Host, port and TLS mode of one of the mailbox's servers (IMAP or SMTP), as a labelled group.
import type { ReactElement } from 'react';
import { TLS_MODES, type TlsMode } from '../../shared/mailbox-settings.ts';
import { t, type MessageKey } from '../data/i18n.ts';
import type { EndpointForm, MailboxField } from './mailbox-form.ts';

const TLS_WORDS: Record<TlsMode, MessageKey> = {
  tls: 'options_mailbox_tls_tls',
  starttls: 'options_mailbox_tls_starttls',
  none: 'options_mailbox_tls_none',
};

export interface ServerFieldsProps {
  side: 'imap' | 'smtp';
  value: EndpointForm;
  onChange(value: EndpointForm): void;
  /** The field a refusal named, marked invalid and tied to the error line. */
  invalid: MailboxField | null;
  errorId: string;
}

export function ServerFields({ side, value, onChange, invalid, errorId }: ServerFieldsProps): ReactElement {
  const id = (part: string): string => `mailbox-${side}-${part}`;
  const marks = (part: 'host' | 'port' | 'tls') =>
    invalid === `${side}.${part}` ? { 'aria-invalid': true, 'aria-describedby': errorId } : {};
  return (
    <fieldset className="mailbox-server">
      <legend>{t(side === 'imap' ? 'options_mailbox_imap' : 'options_mailbox_smtp')}</legend>
      <label htmlFor={id('host')}>{t('options_mailbox_host')}</label>
      <input
        id={id('host')}
        autoComplete="off"
        spellCheck={false}
        value={value.host}
        onChange={(event) => onChange({ ...value, host: event.target.value })}
        {...marks('host')}
      />
      <div className="mailbox-server__row">
        <div>
          <label htmlFor={id('port')}>{t('options_mailbox_port')}</label>
          <input
            id={id('port')}
            inputMode="numeric"
            autoComplete="off"
            value={value.port}
            onChange={(event) => onChange({ ...value, port: event.target.value })}
            {...marks('port')}
          />
        </div>
        <div>
          <label htmlFor={id('tls')}>{t('options_mailbox_tls')}</label>
          <select
            id={id('tls')}
            value={value.tls}
            onChange={(event) => onChange({ ...value, tls: event.target.value as TlsMode })}
            {...marks('tls')}
          >
            {TLS_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {t(TLS_WORDS[mode])}
              </option>
            ))}
          </select>
        </div>
      </div>
    </fieldset>
  );
}
