// Where the extension renders a subject or a document title, the text is clean and isolated: a
// <bdi> (unicode-bidi: isolate) so right-to-left text cannot reorder the row around it, and no
// control or bidi override characters in the markup.
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import type { EmailRow as EmailData } from '../../src/extension/data/feed-db.ts';
import { EmailRow } from '../../src/extension/popup/email-row.tsx';
import { DocumentList } from '../../src/extension/ui/picker/document-list.tsx';
import { EVENT_KINDS } from '../../src/shared/event-model.ts';
import { makeEmail } from '../support/feed-events.ts';
import { installI18n } from '../support/popup-i18n.ts';

let uninstall: (() => void) | null = null;
afterEach(() => {
  uninstall?.();
  uninstall = null;
});

const CONTROLS = /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u;

function emailRow(subject: string): EmailData {
  const email = makeEmail({ subject });
  const counts = Object.fromEntries(EVENT_KINDS.map((kind) => [kind, 0])) as EmailData['counts'];
  return { ...email, lastActivityAt: email.sentAt, lastEventAt: email.sentAt, counts, unreadCount: 0, machineCount: 0 };
}

describe('hostile text in the extension', () => {
  it('shows a stored subject in the popup cleaned, inside a <bdi>', () => {
    uninstall = installI18n('en');
    const html = renderToStaticMarkup(
      <EmailRow
        email={emailRow('Invoice\u0000\r\n\u202efdp.exe')}
        view={{ filters: new Set(), showMachine: false }}
        expanded={false}
        onToggle={() => {}}
        onOpenThread={() => {}}
      />,
    );
    expect(html).toContain('<bdi class="email__subject" title="Invoice fdp.exe">Invoice fdp.exe</bdi>');
    expect(html).not.toMatch(CONTROLS);
  });

  it('isolates document names in the compose picker', () => {
    uninstall = installI18n('en');
    const html = renderToStaticMarkup(
      <DocumentList
        documents={[
          {
            id: 'doc_AAAAAAAAAAAAAAAAAAAAAA',
            name: 'עסקה Q3',
            pageCount: 3,
            status: 'ready',
            failureCode: null,
            mine: true,
            sizeBytes: 1,
            createdAt: '2026-12-02T10:00:00.000Z',
          },
        ]}
        added={new Map()}
        onAdd={() => undefined}
      />,
    );
    expect(html).toContain('<bdi class="picker-document-name" title="עסקה Q3">עסקה Q3</bdi>');
  });
});
