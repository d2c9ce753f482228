// One feature per file (refined-github style): each file under features/ makes one defineFeature()
// call, and everything it adds hangs off the AbortSignal its init() gets, so stopping Glint (or a
// test) removes every button, listener and observer.
import type { GlintActions } from '../../shared/messages.ts';
import type { MessageKey } from '../data/i18n.ts';
import type { ComposeContextSource } from './compose-context.ts';
import type { ComposeSessions } from './compose-session.ts';
import type { GmailAdapter } from './gmail-adapter.ts';

export interface FeatureEnv {
  gmail: GmailAdapter;
  actions: GlintActions;
  context: ComposeContextSource;
  sessions: ComposeSessions;
  now(): Date;
  /** Resolves after `ms`, or rejects when `signal` aborts (tests hand a fake clock). */
  delay(ms: number, signal: AbortSignal): Promise<void>;
  /** chrome.runtime.getURL */
  extensionUrl(path: string): string;
  t(key: MessageKey, substitutions?: string | readonly string[]): string;
}

export interface Feature {
  id: string;
  init(signal: AbortSignal, env: FeatureEnv): void;
}

export function defineFeature(feature: Feature): Feature {
  return feature;
}

/** Starts every feature; one failing to start does not stop the others. */
export function startFeatures(features: readonly Feature[], signal: AbortSignal, env: FeatureEnv): void {
  for (const feature of features) {
    try {
      feature.init(signal, env);
    } catch (error) {
      console.error(`Glint: feature ${feature.id} failed to start`, error);
    }
  }
}
