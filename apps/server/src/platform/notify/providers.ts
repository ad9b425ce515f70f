import { createHmac } from 'node:crypto';

/** The kinds of channel beyond the app. A new one adds its kind here and a `PROVIDERS` entry. */
export type ProviderKind = 'wecom_robot' | 'dingtalk_robot' | 'sms_http';

export interface OutgoingMessage {
  /** The delivery's id: sent along where the provider takes one, so it can drop duplicates. */
  deliveryId: number;
  code: string;
  params: Record<string, string | number>;
  text: string;
  recipientName: string;
  /** The recipient's address for the channel (an SMS gateway's phone number); robots post to their group. */
  address: string | null;
}

export interface ProviderConfig {
  kind: ProviderKind;
  url: string;
  secret: string | null;
  timeoutMs: number;
}

interface ProviderDef {
  /** True when the channel needs a per-person address (a phone number). */
  needsAddress: boolean;
  request(cfg: ProviderConfig, msg: OutgoingMessage, now: Date): { url: string; headers: Record<string, string>; body: unknown };
  /** The provider's answer means "not delivered" although HTTP said 2xx (robots answer errcode ≠ 0). */
  refused?(body: unknown): string | null;
}

const robotText = (msg: OutgoingMessage) => `${msg.recipientName}：${msg.text}`;
const errcode = (body: unknown) => {
  const b = body as { errcode?: number; errmsg?: string } | null;
  return b && typeof b.errcode === 'number' && b.errcode !== 0 ? `errcode ${b.errcode} ${b.errmsg ?? ''}`.trim() : null;
};

/**
 * 企业微信 group robot: POST {key URL} `{ msgtype: 'text', text: { content } }`, answer `{ errcode: 0 }`.
 * 钉钉 group robot: the same body; with a signing secret, `timestamp` and `sign` (HMAC-SHA256 of
 * "timestamp\nsecret", base64) go in the query. SMS gateway (our HTTP interface): POST JSON
 * `{ deliveryId, to, templateCode, params, text }` with `Authorization: Bearer <secret>`; any 2xx is accepted.
 */
const PROVIDERS: Record<ProviderKind, ProviderDef> = {
  wecom_robot: {
    needsAddress: false,
    request: (cfg, msg) => ({ url: cfg.url, headers: {}, body: { msgtype: 'text', text: { content: robotText(msg) } } }),
    refused: errcode,
  },
  dingtalk_robot: {
    needsAddress: false,
    request: (cfg, msg, now) => {
      let url = cfg.url;
      if (cfg.secret) {
        const ts = now.getTime();
        const sign = createHmac('sha256', cfg.secret).update(`${ts}\n${cfg.secret}`).digest('base64');
        url += `${url.includes('?') ? '&' : '?'}timestamp=${ts}&sign=${encodeURIComponent(sign)}`;
      }
      return { url, headers: {}, body: { msgtype: 'text', text: { content: robotText(msg) } } };
    },
    refused: errcode,
  },
  sms_http: {
    needsAddress: true,
    request: (cfg, msg) => ({
      url: cfg.url,
      headers: cfg.secret ? { authorization: `Bearer ${cfg.secret}` } : ({} as Record<string, string>),
      body: { deliveryId: msg.deliveryId, to: msg.address, templateCode: msg.code, params: msg.params, text: msg.text },
    }),
  },
};

export const needsAddress = (kind: ProviderKind) => PROVIDERS[kind].needsAddress;

/** One HTTPS POST with its own timeout; resolves to null when delivered, else the reason. */
export async function deliver(cfg: ProviderConfig, msg: OutgoingMessage, now: Date): Promise<string | null> {
  const def = PROVIDERS[cfg.kind];
  const req = def.request(cfg, msg, now);
  try {
    const res = await fetch(req.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...req.headers },
      body: JSON.stringify(req.body),
      signal: AbortSignal.timeout(cfg.timeoutMs),
      redirect: 'error',
    });
    const text = await res.text();
    if (!res.ok) return `HTTP ${res.status}`;
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      // A gateway that answers 2xx with no JSON has accepted the message.
    }
    return def.refused?.(body) ?? null;
  } catch (e) {
    const err = e as Error;
    if (err.name === 'TimeoutError' || err.name === 'AbortError') return `超时（${cfg.timeoutMs} ms）`;
    return `连接失败：${(err.cause as Error | undefined)?.message ?? err.message}`.slice(0, 200);
  }
}
