// The Team networks section's form: a network (address or CIDR) and an optional label. An empty
// network is caught here; everything else (not a network, too wide, already listed, the team
// full) the server says in its own sentence, shown under the field.
import { useState, type FormEvent, type ReactElement } from 'react';
import type { GlintActions } from '../../shared/messages.ts';
import type { TeamNetworkView } from '../../shared/team-networks-api.ts';
import { t } from '../data/i18n.ts';
import { errorText } from '../ui/error-text.ts';

const ERROR_ID = 'team-network-error';

export interface TeamNetworkFormProps {
  actions: GlintActions;
  onAdded(network: TeamNetworkView): void;
  onStart(): void;
}

export function TeamNetworkForm({ actions, onAdded, onStart }: TeamNetworkFormProps): ReactElement {
  const [cidr, setCidr] = useState('');
  const [label, setLabel] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    onStart();
    if (cidr.trim() === '') {
      setError(t('options_teamNetworks_cidrMissing'));
      return;
    }
    setBusy(true);
    try {
      const { network } = await actions('teamNetworks.add', { cidr: cidr.trim(), label: label.trim() });
      setCidr('');
      setLabel('');
      setError(null);
      onAdded(network);
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(false);
    }
  }

  const invalid = error === null ? {} : { 'aria-invalid': true, 'aria-describedby': ERROR_ID };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <label htmlFor="team-network-cidr">{t('options_teamNetworks_cidr')}</label>
      <input
        id="team-network-cidr"
        type="text"
        spellCheck={false}
        autoComplete="off"
        value={cidr}
        onChange={(event) => setCidr(event.target.value)}
        placeholder="203.0.113.0/24"
        aria-describedby={error === null ? 'team-network-cidr-hint' : ERROR_ID}
        {...invalid}
      />
      <p id="team-network-cidr-hint" className="hint">
        {t('options_teamNetworks_cidrHint')}
      </p>
      <label htmlFor="team-network-label">{t('options_teamNetworks_label')}</label>
      <input
        id="team-network-label"
        type="text"
        maxLength={100}
        value={label}
        onChange={(event) => setLabel(event.target.value)}
        placeholder={t('options_teamNetworks_labelPlaceholder')}
      />
      <button type="submit" disabled={busy}>
        {t('options_teamNetworks_add')}
      </button>
      {error && (
        <p id={ERROR_ID} className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
