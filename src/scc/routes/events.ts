/**
 * The events API, for the pipeline and the crew lifecycle (service key; JSON in, JSON out; bodies checked
 * against SCC's wire contract, ../contract.ts):
 *
 *   POST   /events                    create (idempotent: booking id, or Idempotency-Key)
 *   GET    /events/{id}               event, crew answers, email states, delivery problems
 *   PUT    /events/{id}               newer revision: crew added/removed, time changed
 *   DELETE /events/{id}[?reason=]     cancel and tell the crew
 *   POST   /events/{id}/reminders     remind one person to answer (once per key)
 *   POST   /events/{id}/roster        day-before roster to who confirmed (once per key)
 */
import { ValidationError } from '../../errors';
import { json, parseJsonBody, type Router } from '../../http';
import { ReminderRequestSchema, RosterRequestSchema, SccEventInputSchema } from '../contract';
import type { SccRouteContext } from './context';

const EVENT_BODY_LIMIT = 64 * 1024;
const FOLLOW_UP_BODY_LIMIT = 8 * 1024;

export function registerEventRoutes(router: Router, ctx: SccRouteContext): void {
  const { service, followUps, withKey, linkSettings } = ctx;
  router
    .on(
      'POST',
      '/events',
      withKey(async (request) => {
        const input = parseJsonBody(request, SccEventInputSchema, EVENT_BODY_LIMIT);
        const key = request.headers['idempotency-key']?.trim();
        if (key !== undefined && (key.length === 0 || key.length > 200)) {
          throw new ValidationError([
            { field: 'Idempotency-Key', message: 'Idempotency-Key must be 1 to 200 characters.' },
          ]);
        }
        const result = await service.create(input, await linkSettings(), key);
        return json(result.created ? 201 : 200, result.details);
      }),
    )
    .on(
      'GET',
      '/events/{id}',
      withKey(async (_request, params) => json(200, await service.get(params.id ?? ''))),
    )
    .on(
      'PUT',
      '/events/{id}',
      withKey(async (request, params) => {
        const input = parseJsonBody(request, SccEventInputSchema, EVENT_BODY_LIMIT);
        const result = await service.update(params.id ?? '', input, await linkSettings());
        return json(result.created ? 201 : 200, result.details);
      }),
    )
    .on(
      'DELETE',
      '/events/{id}',
      withKey(async (request, params) => {
        const reason = request.query.reason?.trim().slice(0, 500) || undefined;
        const result = await service.cancel(params.id ?? '', reason, await linkSettings());
        return json(200, result.details);
      }),
    )
    .on(
      'POST',
      '/events/{id}/reminders',
      withKey(async (request, params) => {
        const input = parseJsonBody(request, ReminderRequestSchema, FOLLOW_UP_BODY_LIMIT);
        const outcome = await followUps.remind(params.id ?? '', input, await linkSettings());
        // 202: another request is sending this very reminder; asking again later is safe.
        return json(outcome.state === 'in-progress' ? 202 : 200, outcome);
      }),
    )
    .on(
      'POST',
      '/events/{id}/roster',
      withKey(async (request, params) => {
        const input = parseJsonBody(request, RosterRequestSchema, FOLLOW_UP_BODY_LIMIT);
        const outcomes = await followUps.sendRoster(params.id ?? '', input, await linkSettings());
        const busy = outcomes.some((o) => o.state === 'in-progress');
        return json(busy ? 202 : 200, { outcomes });
      }),
    );
}
