/**
 * Which partner events (WMS, carrier) were already applied, by the partner's own event id, so a
 * partner that delivers an event twice changes nothing the second time and gets the same answer.
 */
export interface AppliedPartnerEvent {
  readonly fingerprint: string;
  readonly response: Record<string, unknown>;
}

export interface PartnerEventLog {
  find(partner: string, eventId: string): Promise<AppliedPartnerEvent | undefined>;
  /** Records the event once applied; a concurrent duplicate that recorded first wins. */
  record(partner: string, eventId: string, applied: AppliedPartnerEvent): Promise<void>;
}
