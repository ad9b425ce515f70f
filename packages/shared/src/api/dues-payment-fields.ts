/**
 * Payment methods and the treasurer's payment-form read of the dues contract (issue 24 item 8),
 * re-exported from dues.ts.
 */
import { z } from 'zod';

const text = (max: number, what: string) => z.string().trim().max(max, `${what}不超过 ${max} 个字`);

export const PAYMENT_METHODS = { cash: '现金', transfer: '银行转账', wechat: '微信', alipay: '支付宝', online: '线上支付' } as const;
/** Methods recorded by hand; 微信 and 支付宝 are transfers the treasurer received, with their transaction number (no payment integration). */
export const RECORDED_METHODS = ['cash', 'transfer', 'wechat', 'alipay'] as const;
/** Methods whose transaction number (交易单号) must be recorded. */
export const TXN_METHODS: readonly string[] = ['wechat', 'alipay'];
export const method = z.enum(RECORDED_METHODS, {
  message: '缴费方式应为现金（cash）、银行转账（transfer）、微信（wechat）或支付宝（alipay）',
});
/** 交易单号 / 凭证号: the outside world's number of the payment (微信/支付宝 transaction, bank slip, paper receipt). */
export const txnNo = text(64, '交易单号').min(1, '请填写交易单号').nullable().optional();
export const needsTxn = (v: { method: string; txnNo?: string | null }) => !TXN_METHODS.includes(v.method) || Boolean(v.txnNo);
export const txnMessage = { message: '微信、支付宝缴费请填写交易单号（在支付记录的账单详情中）', path: ['txnNo'] };

/** A member's open bills, oldest first, for the treasurer's payment form (issue 24 item 8). */
export const MemberOpenBillsSchema = z.object({
  memberId: z.number(),
  memberName: z.string(),
  bills: z.array(
    z.object({
      month: z.string(),
      dueFen: z.number(),
      /** A payment the member reported for this month waits for confirmation (待确认). */
      reported: z.boolean(),
    }),
  ),
});
