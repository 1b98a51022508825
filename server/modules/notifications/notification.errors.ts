import { AppError } from '../../common/errors.js';

/** Errors of notifications, webhook endpoints and the delivery log, with stable reasons (extensions.reason). */
export const NotificationErrors = {
  endpointNotFound: (id: string) =>
    new AppError('NOT_FOUND', `Webhook endpoint ${id} does not exist. List webhookEndpoints to find it.`, { reason: 'WEBHOOK_ENDPOINT_NOT_FOUND', id }),
  deliveryNotFound: (id: string) =>
    new AppError('NOT_FOUND', `Delivery ${id} is not in the log. List notificationDeliveries to find it.`, { reason: 'DELIVERY_NOT_FOUND', id }),
  badUrl: (url: string) =>
    new AppError('BAD_USER_INPUT', `url: "${url.slice(0, 200)}" is not an http:// or https:// address; give the full address of the receiving endpoint.`, {
      reason: 'INVALID_WEBHOOK_URL',
      field: 'url',
    }),
  noEvents: () =>
    new AppError('BAD_USER_INPUT', 'events: choose at least one of ALERT_RAISED, CASE_ASSIGNED or CASE_OVERDUE for the endpoint to receive.', {
      reason: 'NO_WEBHOOK_EVENTS',
      field: 'events',
    }),
  scheduledEventOnWebhook: (event: string) =>
    new AppError('BAD_USER_INPUT', `events: ${event} goes to people by e-mail only; a webhook can receive ALERT_RAISED, CASE_ASSIGNED and CASE_OVERDUE.`, {
      reason: 'EVENT_NOT_FOR_WEBHOOKS',
      field: 'events',
    }),
  notReplayable: (id: string, status: string) =>
    new AppError('CONFLICT', `Delivery ${id} is ${status}; only DELIVERED, FAILED and SKIPPED messages can be replayed (a PENDING one is still being tried).`, {
      reason: 'DELIVERY_NOT_REPLAYABLE',
      id,
      status,
    }),
};
