/**
 * Online payment channels (银联、微信、支付宝、银行党建云…) plug in through this interface. None is
 * wired: payments are recorded by the treasurer or reported by the member with a proof photo.
 * A provider would create an order for bills, and its signed notification would record a
 * payment (method 'online', `provider`, `provider_ref`) through the same path as the treasurer's.
 */
export interface DuesPaymentProvider {
  /** Stable code stored in dues_payments.provider. */
  readonly code: string;
  readonly name: string;
  /** Starts a payment for the member's bills; returns where the member pays. */
  createOrder(order: {
    memberId: number;
    months: string[];
    amountFen: number;
    requestKey: string;
  }): Promise<{ providerRef: string; payUrl: string }>;
  /** Verifies a notification's signature and tells what was paid. */
  verifyNotification(
    headers: Record<string, string>,
    body: Buffer,
  ): Promise<{ providerRef: string; requestKey: string; amountFen: number; paidAt: Date } | null>;
}

/** The channels configured on this deployment (none yet). */
export const duesPaymentProviders: readonly DuesPaymentProvider[] = [];
