// "5 minutes ago" that keeps itself true: every <RelativeTime> reads the popup's clock from
// context, and the clock ticks while the popup is open.
import { createContext, useContext, useEffect, useState, type ReactElement, type ReactNode } from 'react';
import { t, uiLanguage } from '../data/i18n.ts';

const TICK_MS = 15_000;
const NowContext = createContext<number>(Date.now());

export function NowProvider({ children }: { children: ReactNode }): ReactElement {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return <NowContext.Provider value={now}>{children}</NowContext.Provider>;
}

export function useNow(): number {
  return useContext(NowContext);
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Relative wording of `iso` seen from `now` in the browser's language. */
export function formatRelative(iso: string, now: number, language: string = uiLanguage()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const seconds = Math.round((now - at) / 1000);
  if (seconds < 45) return t('popup_justNow');
  const rtf = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  if (seconds < 45 * MINUTE) return rtf.format(-Math.max(1, Math.round(seconds / MINUTE)), 'minute');
  if (seconds < 22 * HOUR) return rtf.format(-Math.round(seconds / HOUR), 'hour');
  if (seconds < 7 * DAY) return rtf.format(-Math.round(seconds / DAY), 'day');
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', year: 'numeric' }).format(at);
}

export function formatAbsolute(iso: string, language: string = uiLanguage()): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return iso;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(at);
}

export function RelativeTime({ iso }: { iso: string }): ReactElement {
  const now = useNow();
  return (
    <time dateTime={iso} title={formatAbsolute(iso)}>
      {formatRelative(iso, now)}
    </time>
  );
}
