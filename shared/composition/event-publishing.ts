/**
 * Composition root for functions that publish domain events: the bus name is read once at cold
 * start (CDK sets it together with the PutEvents grant), and every event goes through the publisher.
 */
import * as z from 'zod';
import { eventBridgeTransport } from '../adapters/eventbridge/eventbridge-transport';
import { loadConfig } from '../config/load-config';
import { eventPublisher } from '../events/event-publisher';

const config = loadConfig({ EVENT_BUS_NAME: z.string().min(1, 'must name the EventBridge bus') });

export const events = eventPublisher(eventBridgeTransport(config.EVENT_BUS_NAME));
