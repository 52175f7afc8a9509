import type { AppliedPartnerEvent, PartnerEventLog } from '../../../shared/ports/partner-event-log';

/** The PartnerEventLog port in memory: the first record of an event wins, as with the DynamoDB condition. */
export class InMemoryPartnerEventLog implements PartnerEventLog {
  readonly applied = new Map<string, AppliedPartnerEvent>();

  async find(partner: string, eventId: string): Promise<AppliedPartnerEvent | undefined> {
    const applied = this.applied.get(`${partner}#${eventId}`);
    return applied && structuredClone(applied);
  }

  async record(partner: string, eventId: string, applied: AppliedPartnerEvent): Promise<void> {
    if (!this.applied.has(`${partner}#${eventId}`)) this.applied.set(`${partner}#${eventId}`, structuredClone(applied));
  }
}
