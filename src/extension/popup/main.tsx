// Placeholder popup so the build has its entry; the live feed popup replaces this file.
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (root) createRoot(root).render(<p>{chrome.i18n.getMessage('ext_name')}</p>);
