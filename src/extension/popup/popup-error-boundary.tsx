// Last line of defence: if reading the feed database throws (a broken profile, a failed
// upgrade), the popup says so in words instead of going blank.
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { t } from '../data/i18n.ts';

interface State {
  message: string | null;
}

export class PopupErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { message: null };

  static getDerivedStateFromError(error: unknown): State {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Glint popup failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (this.state.message === null) return this.props.children;
    return (
      <section className="panel" role="alert">
        <h2 className="panel__title">{t('popup_crash_title')}</h2>
        <p>{this.state.message}</p>
      </section>
    );
  }
}
