// Service worker entry (placeholder until the feed sync lands).
export {};
