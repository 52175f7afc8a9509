/**
 * Composition root of the ops console's session function: API keys from the orders table, and the
 * CloudFront cookie signer with its key (Secrets Manager on AWS, the runtime's own key locally).
 */
import { cloudFrontConsoleCookieSigner } from '../adapters/cloudfront/cloudfront-console-cookie-signer';

export { authenticateApiKey } from './channel-authentication';

export const signer = cloudFrontConsoleCookieSigner();
export const now = () => new Date();
