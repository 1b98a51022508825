import { listResponses } from '../../../../analytics/queries/responses/listResponses.js';
import { audit } from '../../../auth/auth.service.js';
import { requireCaller } from '../../../context.js';
import { AnalyticsRequest } from '../analytics.request.js';
import type { ResponseArgs, ResponsePage } from './responses.types.js';

/** Single customers' answers: personal data, so every customer read is audited. */
export class ResponsesService extends AnalyticsRequest {
  async responses(args: ResponseArgs): Promise<ResponsePage> {
    const caller = requireCaller(this.ctx);
    const page = await listResponses(this.store, { ...args, filter: this.filter(args.filter) });
    for (const customerId of new Set(page.rows.map((r) => r.customerId))) {
      audit(this.ctx.em, 'READ_CUSTOMER', caller.id, { via: 'responses', responses: page.rows.filter((r) => r.customerId === customerId).map((r) => r.responseId) }, customerId);
    }
    await this.ctx.em.flush();
    return { total: page.total, items: page.rows };
  }
}
