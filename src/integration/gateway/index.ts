/** Service gateway: apps publish their APIs and call each other's through Padu at /gw/<app>/<service>/…. */
import './aktivitas.js';

export { gatewayRoutes } from './routes.js';
export { gatewayLogOf } from './proxy.js';
export { gatewayActivity } from './aktivitas.js';
