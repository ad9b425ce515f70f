import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  CalendarOutlined,
  FileDoneOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  MoneyCollectOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SolutionOutlined,
  StarOutlined,
  SwapOutlined,
  TeamOutlined,
  TrophyOutlined,
  UserAddOutlined,
} from '@ant-design/icons';
import type { Permission } from '@vanguard/shared';
import type { ReactNode } from 'react';

/** Console pages in one list: the side menu and the route guards both read it (docs/API.md §Menu). */
export interface ConsolePage {
  key:
    | 'home'
    | 'orgs'
    | 'members'
    | 'memberCorrections'
    | 'recruitment'
    | 'relations'
    | 'dues'
    | 'life'
    | 'learning'
    | 'courses'
    | 'points'
    | 'mentors'
    | 'competitions'
    | 'users'
    | 'grants'
    | 'audit'
    | 'notify'
    | 'calendar'
    | 'analytics'
    | 'serviceTokens';
  path: string;
  icon: ReactNode;
  /** Needed to see the page; none = everyone signed in. */
  access?: Permission;
  /** The menu section it is listed under (none = top). */
  section?: 'organization' | 'work' | 'system';
}

export const CONSOLE_PAGES: readonly ConsolePage[] = [
  { key: 'home', path: '/admin/', icon: <HomeOutlined /> },
  { key: 'calendar', path: '/admin/calendar', icon: <ScheduleOutlined /> },
  { key: 'orgs', path: '/admin/orgs', icon: <ApartmentOutlined />, access: 'orgs:read', section: 'organization' },
  { key: 'members', path: '/admin/members', icon: <IdcardOutlined />, access: 'members:read', section: 'organization' },
  {
    key: 'memberCorrections',
    path: '/admin/member-corrections',
    icon: <FileDoneOutlined />,
    access: 'members:write',
    section: 'organization',
  },
  { key: 'recruitment', path: '/admin/recruitment', icon: <UserAddOutlined />, access: 'members:write', section: 'organization' },
  { key: 'relations', path: '/admin/relations', icon: <SwapOutlined />, access: 'members:write', section: 'organization' },
  { key: 'dues', path: '/admin/dues', icon: <MoneyCollectOutlined />, access: 'dues:collect', section: 'work' },
  { key: 'life', path: '/admin/life', icon: <CalendarOutlined />, access: 'life:manage', section: 'work' },
  { key: 'learning', path: '/admin/learning', icon: <BookOutlined />, access: 'learning:manage', section: 'work' },
  { key: 'courses', path: '/admin/courses', icon: <ReadOutlined />, access: 'learning:manage', section: 'work' },
  { key: 'points', path: '/admin/points', icon: <StarOutlined />, access: 'learning:manage', section: 'work' },
  { key: 'mentors', path: '/admin/mentors', icon: <SolutionOutlined />, access: 'learning:manage', section: 'work' },
  { key: 'competitions', path: '/admin/competitions', icon: <TrophyOutlined />, access: 'learning:manage', section: 'work' },
  { key: 'users', path: '/admin/users', icon: <TeamOutlined />, access: 'users:manage', section: 'system' },
  { key: 'grants', path: '/admin/grants', icon: <SafetyCertificateOutlined />, access: 'security:grant', section: 'system' },
  { key: 'audit', path: '/admin/audit', icon: <AuditOutlined />, access: 'audit:read', section: 'system' },
  { key: 'notify', path: '/admin/notify', icon: <BellOutlined />, access: 'notify:configure', section: 'system' },
  { key: 'analytics', path: '/admin/analytics', icon: <BarChartOutlined />, access: 'analytics:read', section: 'work' },
  { key: 'serviceTokens', path: '/admin/service-tokens', icon: <KeyOutlined />, access: 'tokens:manage', section: 'system' },
];

export const pageByKey = (key: ConsolePage['key']): ConsolePage => {
  const page = CONSOLE_PAGES.find((p) => p.key === key);
  if (!page) throw new Error(`unknown console page ${key}`);
  return page;
};

/** The menu key for a pathname (longest matching page path). */
export function activePageKey(pathname: string): ConsolePage['key'] | undefined {
  const path = pathname.endsWith('/') && pathname !== '/admin/' ? pathname.slice(0, -1) : pathname;
  if (path === '/admin' || path === '/admin/') return 'home';
  return CONSOLE_PAGES.find((p) => p.key !== 'home' && (path === p.path || path.startsWith(`${p.path}/`)))?.key;
}
