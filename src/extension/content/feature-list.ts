// Every compose feature, in start order. A new feature is one file under features/ and one line here.
import type { Feature } from './feature.ts';
import afterSend from './features/after-send.ts';
import contentButton from './features/content-button.ts';
import followUp from './features/follow-up.ts';
import instrumentOnSend from './features/instrument-on-send.ts';
import selfViewGuard from './features/self-view-guard.ts';
import trackingToggle from './features/tracking-toggle.ts';

export const FEATURES: readonly Feature[] = [selfViewGuard, trackingToggle, followUp, contentButton, instrumentOnSend, afterSend];
