/** Approving or rejecting a held order (POST /ops/orders/{id}/review), shared by the hold queue and the order page. */
import { ApiError, post } from '../api';
import { sleep } from './common';

export type ReviewDecision = 'approve' | 'reject';

/**
 * Sends the decision. Right after an order goes ON_HOLD its execution may not have registered the
 * review's task token yet, and the API answers 409 NOT_AWAITING_REVIEW until it has: that is retried
 * for a few seconds before the answer is shown.
 */
export async function reviewOrder(orderId: string, decision: ReviewDecision, note?: string): Promise<void> {
  const body = { decision, ...(note && { note }) };
  for (let attempt = 0; ; attempt++) {
    try {
      await post(`/ops/orders/${encodeURIComponent(orderId)}/review`, body);
      return;
    } catch (error) {
      const retriable = error instanceof ApiError && error.status === 409 && error.code === 'NOT_AWAITING_REVIEW' && !/already reviewed|cancelled|not ON_HOLD/.test(error.message);
      if (!retriable || attempt >= 10) throw error;
      await sleep(500);
    }
  }
}

export const decisionPast: Record<ReviewDecision, string> = { approve: 'approved', reject: 'rejected' };
