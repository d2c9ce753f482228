// The live feed popup: reads the feed database (written by the background) and asks the
// background for everything that changes state, through the typed GlintActions.
import { useCallback, useMemo, useState, type ReactElement } from 'react';
import type { GlintActions } from '../../shared/messages.ts';
import type { FeedDb } from '../data/feed-db.ts';
import { t } from '../data/i18n.ts';
import type { FeedView } from './feed-filters.ts';
import { FeedList } from './feed-list.tsx';
import { buildFeedRows } from './feed-rows.ts';
import { FilterBar } from './filter-bar.tsx';
import { MailboxBanner } from './mailbox-banner.tsx';
import { PopupHeader } from './popup-header.tsx';
import { NowProvider } from './relative-time.tsx';
import { EmptyPanel, NoMatchPanel, SignedOutPanel } from './status-panels.tsx';
import { SyncBanner } from './sync-banner.tsx';
import { useActionRunner } from './use-action-runner.ts';
import { useMailboxWatch } from './use-mailbox-watch.ts';
import {
  FIRST_PAGE,
  useCampaignStates,
  useExpandedEvents,
  useHasAnyEmail,
  useSyncState,
  useUnreadCount,
  useVisibleEmails,
} from './use-feed-data.ts';

export interface PopupAppProps {
  db: FeedDb;
  actions: GlintActions;
  openOptions: () => void;
}

const INITIAL_VIEW: FeedView = { filters: new Set(), showMachine: false };

export function PopupApp({ db, actions, openOptions }: PopupAppProps): ReactElement {
  const [view, setView] = useState<FeedView>(INITIAL_VIEW);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set());
  const [limit, setLimit] = useState(FIRST_PAGE);
  const sync = useSyncState(db);
  const visible = useVisibleEmails(db, view, limit);
  const emails = visible?.emails;
  const hasAny = useHasAnyEmail(db);
  const unread = useUnreadCount(db, emails !== undefined);
  const events = useExpandedEvents(db, expanded);
  const campaigns = useCampaignStates(db);
  const runner = useActionRunner();
  const mailboxWatch = useMailboxWatch();

  const rows = useMemo(() => buildFeedRows(emails ?? [], expanded, events, view), [emails, expanded, events, view]);
  const emailsByToken = useMemo(() => new Map((emails ?? []).map((email) => [email.token, email])), [emails]);

  const onToggle = useCallback(
    (token: string): void => {
      const opening = !expanded.has(token);
      const next = new Set(expanded);
      if (opening) next.add(token);
      else next.delete(token);
      setExpanded(next);
      if (opening && (emailsByToken.get(token)?.unreadCount ?? 0) > 0) {
        runner.run('markEmailRead', () => actions('feed.markEmailRead', { emailToken: token }));
      }
    },
    [expanded, emailsByToken, runner, actions],
  );
  const complete = visible?.complete ?? true;
  const onNearEnd = useCallback((): void => {
    // From what is loaded, not from the current limit: repeated calls while a page is still
    // loading ask for the same page again instead of doubling on every scroll step.
    if (!complete) setLimit((current) => Math.max(current, (emails?.length ?? 0) * 2));
  }, [complete, emails]);
  const onOpenThread = useCallback(
    (token: string): void => runner.run('openEmail', () => actions('feed.openEmail', { emailToken: token })),
    [runner, actions],
  );

  if (sync === undefined || emails === undefined || hasAny === undefined) {
    return <p className="loading">{t('popup_loading')}</p>;
  }
  if (sync.status === 'signed-out') {
    return (
      <main className="popup">
        <PopupHeader unread={0} busy={false} onMarkAllRead={null} onOpenSettings={openOptions} />
        <SignedOutPanel onOpenSettings={openOptions} />
      </main>
    );
  }
  return (
    <NowProvider>
      <main className="popup">
        <PopupHeader
          unread={unread}
          busy={runner.pending.has('markAllRead')}
          onMarkAllRead={hasAny ? () => runner.run('markAllRead', () => actions('feed.markAllRead', {})) : null}
          onOpenSettings={openOptions}
          showCampaigns
        />
        <MailboxBanner watch={mailboxWatch} onOpenSettings={openOptions} />
        <SyncBanner
          sync={sync}
          retrying={runner.pending.has('syncNow')}
          onRetry={() => runner.run('syncNow', () => actions('feed.syncNow', {}))}
        />
        {runner.error && (
          <p className="action-error" role="alert">
            {runner.error}
          </p>
        )}
        {hasAny ? <FilterBar view={view} onChange={setView} /> : null}
        {rows.length === 0 && (view.filters.size === 0 ? <EmptyPanel /> : <NoMatchPanel onClear={() => setView(INITIAL_VIEW)} />)}
        {rows.length > 0 && (
          <FeedList rows={rows} view={view} onToggle={onToggle} onOpenThread={onOpenThread} onNearEnd={onNearEnd} campaigns={campaigns} />
        )}
      </main>
    </NowProvider>
  );
}
