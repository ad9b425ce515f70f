/**
 * Permission codes and the roles that bundle them. A role is granted on an org node and reaches
 * that node's whole subtree (ARCHITECTURE.md §Org scope). Admin roles follow 三员分立 (RULES.md
 * §Security): system, security and audit administration are held by different accounts.
 */
export const PERMISSIONS = {
  'orgs:read': { zh: '查看组织', en: 'View organizations' },
  'orgs:write': { zh: '维护组织', en: 'Edit organizations' },
  'members:read': { zh: '查看党员', en: 'View members' },
  'members:write': { zh: '维护党员档案', en: 'Edit member archives' },
  'members:read-sensitive': { zh: '查看敏感信息', en: 'View sensitive fields' },
  'recruitment:approve': { zh: '审批发展党员', en: 'Approve recruitment steps' },
  'dues:collect': { zh: '收缴党费', en: 'Collect dues' },
  'life:manage': { zh: '组织生活管理', en: 'Manage organizational life' },
  'learning:manage': { zh: '学习教育管理', en: 'Manage learning' },
  'integrity:handle': { zh: '办理举报', en: 'Handle reports' },
  'users:manage': { zh: '账号管理', en: 'Manage accounts' },
  'system:config': { zh: '系统配置', en: 'System configuration' },
  'security:grant': { zh: '授权管理', en: 'Grant roles' },
  'security:unlock': { zh: '解锁账号', en: 'Unlock accounts' },
  'audit:read': { zh: '查看审计日志', en: 'Read the audit log' },
  'notify:configure': { zh: '配置消息通道', en: 'Configure message channels' },
  'self:portal': { zh: '个人门户', en: 'Personal portal' },
  'analytics:read': { zh: '查看数据分析', en: 'View analytics' },
  'analytics:write': { zh: '录入经营与安全数据', en: 'Enter enterprise indicators' },
  'tokens:manage': { zh: '管理接口令牌', en: 'Manage service tokens' },
} as const;

export type Permission = keyof typeof PERMISSIONS;

export const ROLES = {
  org_admin: {
    zh: '党委组织部管理员',
    en: 'Organization department admin',
    permissions: [
      'orgs:read',
      'orgs:write',
      'members:read',
      'members:write',
      'members:read-sensitive',
      'recruitment:approve',
      'dues:collect',
      'life:manage',
      'learning:manage',
      'self:portal',
      'analytics:read',
      'analytics:write',
    ],
  },
  branch_secretary: {
    zh: '支部书记',
    en: 'Branch secretary',
    permissions: [
      'orgs:read',
      'members:read',
      'members:write',
      'members:read-sensitive',
      'dues:collect',
      'life:manage',
      'learning:manage',
      'self:portal',
    ],
  },
  branch_committee: {
    zh: '支委',
    en: 'Branch committee member',
    permissions: ['orgs:read', 'members:read', 'dues:collect', 'life:manage', 'self:portal'],
  },
  member: { zh: '党员', en: 'Party member', permissions: ['self:portal'] },
  worker: { zh: '职工群众', en: 'Worker', permissions: ['self:portal'] },
  discipline_handler: {
    zh: '纪委办案人员',
    en: 'Discipline case handler',
    permissions: ['integrity:handle', 'self:portal'],
  },
  sys_admin: {
    zh: '系统管理员',
    en: 'System administrator',
    permissions: ['users:manage', 'system:config', 'orgs:read'],
  },
  security_admin: {
    zh: '安全管理员',
    en: 'Security administrator',
    permissions: ['security:grant', 'security:unlock', 'notify:configure', 'orgs:read', 'tokens:manage'],
  },
  auditor: { zh: '审计管理员', en: 'Audit administrator', permissions: ['audit:read', 'orgs:read'] },
  /** 大屏: a read-only login for the wall screen of one org (issue 23 item 7). */
  screen: { zh: '大屏展示（只读）', en: 'Wall screen (read-only)', permissions: ['analytics:read'] },
} as const satisfies Record<string, { zh: string; en: string; permissions: readonly Permission[] }>;

export type Role = keyof typeof ROLES;
export const ROLE_CODES = Object.keys(ROLES) as Role[];

/** 三员分立: no account may hold two of these. */
export const SEPARATED_ADMIN_ROLES: readonly Role[] = ['sys_admin', 'security_admin', 'auditor'];

export const isSeparatedAdminRole = (role: string): boolean => (SEPARATED_ADMIN_ROLES as readonly string[]).includes(role);

export function permissionsOf(role: Role): readonly Permission[] {
  return ROLES[role].permissions;
}
