/** Org kinds and categories with their Chinese labels (PRODUCT.md module 1). */
export const ORG_KINDS = {
  committee: '党委',
  general_branch: '党总支',
  branch: '党支部',
  joint_branch: '联合党支部',
  temp_branch: '临时党支部',
  group: '党小组',
} as const;
export type OrgKind = keyof typeof ORG_KINDS;

export const ORG_CATEGORIES = {
  leading: '领导机关',
  production: '生产一线',
  safety: '安全监管',
  tech: '技术研发',
  office: '机关',
  logistics: '后勤',
  retired: '离退休',
} as const;
export type OrgCategory = keyof typeof ORG_CATEGORIES;

export const MEMBER_CATEGORIES = { full: '正式党员', probationary: '预备党员' } as const;
export type MemberCategory = keyof typeof MEMBER_CATEGORIES;

export const MEMBER_STATUSES = {
  normal: '正常',
  suspended: '停止党籍',
  left: '出党',
  deceased: '死亡',
  /** 组织关系转出系统：介绍信回执收回之日起不再在册 (relations). */
  transferred_out: '转出',
  /** 取消预备党员资格 (recruitment, 细则第三十一条). */
  probation_cancelled: '取消预备党员资格',
} as const;
export type MemberStatus = keyof typeof MEMBER_STATUSES;
