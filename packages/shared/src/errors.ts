/** One table of error codes: HTTP status and the Chinese message a user sees. */
export const ERROR_CODES = {
  VALIDATION: { status: 400, zh: '输入有误，请检查标红的字段' },
  BAD_JSON: { status: 400, zh: '请求内容不是有效的 JSON' },
  BAD_REQUEST: { status: 400, zh: '请求有误' },
  UNAUTHENTICATED: { status: 401, zh: '请先登录' },
  SESSION_EXPIRED: { status: 401, zh: '登录已过期，请重新登录' },
  AUTH_INVALID_CREDENTIALS: { status: 401, zh: '用户名或密码错误' },
  AUTH_TOTP_INVALID: { status: 401, zh: '动态验证码错误' },
  AUTH_LOCKED: { status: 423, zh: '账号已锁定' },
  AUTH_DISABLED: { status: 403, zh: '账号已停用，请联系系统管理员' },
  AUTH_THROTTLED: { status: 429, zh: '尝试过于频繁，请稍后再试' },
  AUTH_STAGE: { status: 403, zh: '请先完成登录验证步骤' },
  PASSWORD_POLICY: { status: 400, zh: '密码不符合安全要求' },
  PASSWORD_WRONG: { status: 400, zh: '当前密码不正确' },
  CSRF: { status: 403, zh: '请求来源校验失败，请刷新页面后重试' },
  FORBIDDEN: { status: 403, zh: '没有权限执行此操作' },
  NOT_FOUND: { status: 404, zh: '未找到' },
  CONFLICT: { status: 409, zh: '数据冲突' },
  ADMIN_ROLES_SEPARATED: { status: 409, zh: '三员分立：系统、安全、审计管理员账号不能兼任其他任何角色' },
  ADMIN_PEER: {
    status: 403,
    zh: '三员分立：管理员不能单独停用、启用、解锁或变更另一名管理员的账号，请按应急流程由两人在服务器上办理',
  },
  TOTP_REQUIRED_FOR_ADMIN: { status: 409, zh: '管理员账号必须启用双因素认证' },
  PAYLOAD_TOO_LARGE: { status: 413, zh: '上传内容过大' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, zh: '不支持的内容类型' },
  FILE_TYPE: { status: 415, zh: '文件类型不被允许' },
  INTERNAL: { status: 500, zh: '服务器内部错误，请稍后再试' },
  TOKEN_INVALID: { status: 401, zh: '接口令牌无效或已吊销' },
  TOKEN_RATE_LIMITED: { status: 429, zh: '接口调用过于频繁，请稍后再试' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  details?: unknown;
  requestId?: string;
}
