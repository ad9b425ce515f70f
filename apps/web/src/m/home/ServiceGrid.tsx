import { Grid } from 'antd-mobile';
import {
  CalendarOutline,
  CheckShieldOutline,
  ClockCircleOutline,
  ContentOutline,
  FileOutline,
  FlagOutline,
  HeartOutline,
  PayCircleOutline,
  SendOutline,
  StarOutline,
  TeamOutline,
  UserContactOutline,
} from 'antd-mobile-icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCareMode } from '../care';
import { useBranchWork, usePortal } from '../portal/portal-query';

/** Who a tile is for: members (a member record), everyone, people in recruitment, the branch's secretary or committee. */
type For = 'member' | 'all' | 'recruitment' | 'branch';

const SERVICES: { to: string; icon: React.ReactNode; label: string; testId: string; for: For }[] = [
  { to: '/m/secretary', icon: <CheckShieldOutline />, label: 'secretaryM.mobileTitle', testId: 'service-secretary', for: 'branch' },
  { to: '/m/dues', icon: <PayCircleOutline />, label: 'dues.mobileTitle', testId: 'service-dues', for: 'member' },
  { to: '/m/life', icon: <CalendarOutline />, label: 'life.mobileTitle', testId: 'service-life', for: 'member' },
  { to: '/m/calendar', icon: <ClockCircleOutline />, label: 'calendar.mobileTitle', testId: 'service-calendar', for: 'all' },
  { to: '/m/courses', icon: <ContentOutline />, label: 'courses.mobileTitle', testId: 'service-courses', for: 'member' },
  { to: '/m/learning', icon: <FileOutline />, label: 'learning.mobileTitle', testId: 'service-learning', for: 'member' },
  { to: '/m/points', icon: <StarOutline />, label: 'points.mobileTitle', testId: 'service-points', for: 'member' },
  { to: '/m/mentors', icon: <TeamOutline />, label: 'mentors.mobileTitle', testId: 'service-mentors', for: 'all' },
  { to: '/m/competitions', icon: <FlagOutline />, label: 'competitions.mobileTitle', testId: 'service-competitions', for: 'member' },
  { to: '/m/relations', icon: <SendOutline />, label: 'relations.mobileTitle', testId: 'service-relations', for: 'member' },
  { to: '/m/recruitment', icon: <HeartOutline />, label: 'recruitment.mobileTitle', testId: 'service-recruitment', for: 'recruitment' },
  { to: '/m/record', icon: <UserContactOutline />, label: 'record.title', testId: 'service-record', for: 'member' },
  { to: '/m/notices', icon: <SendOutline />, label: 'notices.mobileTitle', testId: 'service-notices', for: 'all' },
  { to: '/m/tasks', icon: <FlagOutline />, label: 'tasks.mobileTitle', testId: 'service-tasks', for: 'branch' },
  { to: '/m/elections', icon: <CheckShieldOutline />, label: 'elections.mobileTitle', testId: 'service-elections', for: 'member' },
  { to: '/m/proposals', icon: <FileOutline />, label: 'proposals.mobileTitle', testId: 'service-proposals', for: 'all' },
  { to: '/m/events', icon: <FlagOutline />, label: 'events.mobileTitle', testId: 'service-events', for: 'all' },
  { to: '/m/petitions', icon: <SendOutline />, label: 'petitions.mobileTitle', testId: 'service-petitions', for: 'all' },
  { to: '/m/care', icon: <TeamOutline />, label: 'care.mobileTitle', testId: 'service-care', for: 'member' },
  { to: '/m/decisions', icon: <FileOutline />, label: 'decisions.mobileTitle', testId: 'service-decisions', for: 'all' },
];

/** 关怀模式 shows only these: the secretary's work, dues, meetings, learning, my record. */
const ESSENTIAL = new Set<string>(['/m/secretary', '/m/dues', '/m/life', '/m/courses', '/m/record']);

/**
 * The row of services above the to-dos: one tap to each module's phone pages — only those that
 * apply to the person (a worker never meets a member's tile that answers 账号未关联党员档案; issue
 * 24). Without an answer about who they are (no signal) every tile shows, as before.
 */
export function ServiceGrid() {
  const { t } = useTranslation();
  const portal = usePortal();
  const work = useBranchWork();
  const p = portal.data;
  const care = useCareMode();
  const applies = (f: For) => {
    if (f === 'branch') return work.dues || work.corrections || work.meetings || work.recruitment;
    if (f === 'all') return true;
    if (portal.isError) return true;
    if (!p) return false;
    return f === 'member' ? p.kind === 'member' : p.inRecruitment;
  };
  return (
    <Grid columns={care ? 2 : 4} style={{ background: '#fff', padding: '12px 0' }} data-testid="service-grid">
      {SERVICES.filter((s) => applies(s.for) && (!care || ESSENTIAL.has(s.to))).map((s) => (
        <Grid.Item key={s.to}>
          <Link
            to={s.to}
            data-testid={s.testId}
            style={{
              display: 'flex',
              flexDirection: 'column',
              alignItems: 'center',
              gap: 4,
              color: care ? '#000' : '#333',
              fontSize: care ? 20 : 13,
            }}
          >
            <span style={{ fontSize: care ? 36 : 26, color: 'var(--adm-color-primary)' }}>{s.icon}</span>
            {t(s.label as never)}
          </Link>
        </Grid.Item>
      ))}
    </Grid>
  );
}
