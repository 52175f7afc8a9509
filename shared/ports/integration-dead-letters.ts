/**
 * Where the events a rule target could not take after its retries are kept: the rule's dead-letter
 * queue and the Lambda on-failure destination (one SQS queue on AWS; the local runtime serves the
 * same queue API). A reader leases letters: a leased letter is hidden from other readers until it is
 * acknowledged (gone for good) or released (visible again at once), or its lease runs out.
 */
export interface DeadLetteredEvent {
  readonly source: string;
  readonly detailType: string;
  /** The event's detail, as JSON. */
  readonly detail: string;
}

export interface IntegrationDeadLetter {
  /** Stable for the letter's life in the store. */
  readonly id: string;
  /** The rule and target (or the function) that could not take the event. */
  readonly target: string;
  readonly detailType: string;
  readonly orderId?: string;
  readonly failedAt: string;
  readonly error: string;
  /** The event as it was put on the bus, when it can be put there again (an AWS scheduled event cannot). */
  readonly event?: DeadLetteredEvent;
}

export interface LeasedDeadLetter extends IntegrationDeadLetter {
  /** Opaque: what acknowledge and release need. */
  readonly lease: string;
}

export interface IntegrationDeadLetters {
  /** Up to `limit` letters (at most 10 a call), leased for `leaseSeconds`; none when none is visible. */
  lease(limit: number, leaseSeconds: number): Promise<LeasedDeadLetter[]>;
  /** Removes the leased letters for good. */
  acknowledge(letters: readonly LeasedDeadLetter[]): Promise<void>;
  /** Makes the leased letters visible again at once. */
  release(letters: readonly LeasedDeadLetter[]): Promise<void>;
}
