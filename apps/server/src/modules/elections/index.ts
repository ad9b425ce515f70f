/** The elections module's face: what other modules may call (nothing yet; app.ts registers the routes). */
export { electionsRoutes } from './elections.routes.js';
