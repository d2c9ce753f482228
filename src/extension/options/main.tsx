// Options page entry (placeholder until the settings page lands).
import { createRoot } from 'react-dom/client';

const root = document.getElementById('root');
if (root) createRoot(root).render(<h1>{chrome.i18n.getMessage('ext_name')}</h1>);
