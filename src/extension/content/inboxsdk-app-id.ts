// The InboxSDK app id compiled in when the build has no VITE_INBOXSDK_APP_ID: fine for trying
// Glint in development, refused by the release build (`npm run package`, vite.config.ts).
export const DEVELOPMENT_INBOXSDK_APP_ID = 'sdk_glint_dev';
