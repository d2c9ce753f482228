// The documents area, in one list for route-modules.ts: the content library API and the tracked
// links (signed-in reps), then the recipient's side of a link (viewer page, files, first-page
// images, beacons, the viewer's assets, the site icon). A new document route module adds one line here.
import type { RouteModule } from '../app-types.ts';
import { registerDocumentBeaconRoutes } from './beacon-routes.ts';
import { registerFaviconRoute } from './favicon-route.ts';
import { registerDocumentFileRoutes } from './file-routes.ts';
import { registerDocumentLibraryRoutes } from './library-routes.ts';
import { registerDocumentLinkRoutes } from './link-routes.ts';
import { registerDocumentPageImageRoutes } from './page-image-routes.ts';
import { registerViewerAssetRoutes } from './viewer-assets.ts';
import { registerDocumentViewerRoutes } from './viewer-routes.ts';

export const DOCUMENT_ROUTE_MODULES: readonly RouteModule[] = [
  registerDocumentLibraryRoutes,
  registerDocumentLinkRoutes,
  registerDocumentViewerRoutes,
  registerDocumentFileRoutes,
  registerDocumentPageImageRoutes,
  registerDocumentBeaconRoutes,
  registerViewerAssetRoutes,
  registerFaviconRoute,
];
