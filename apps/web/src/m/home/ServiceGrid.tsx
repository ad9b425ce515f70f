import { Grid } from 'antd-mobile';
import {
  CalendarOutline,
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

const SERVICES = [
  { to: '/m/dues', icon: <PayCircleOutline />, label: 'dues.mobileTitle', testId: 'service-dues' },
  { to: '/m/life', icon: <CalendarOutline />, label: 'life.mobileTitle', testId: 'service-life' },
  { to: '/m/calendar', icon: <ClockCircleOutline />, label: 'calendar.mobileTitle', testId: 'service-calendar' },
  { to: '/m/courses', icon: <ContentOutline />, label: 'courses.mobileTitle', testId: 'service-courses' },
  { to: '/m/learning', icon: <FileOutline />, label: 'learning.mobileTitle', testId: 'service-learning' },
  { to: '/m/points', icon: <StarOutline />, label: 'points.mobileTitle', testId: 'service-points' },
  { to: '/m/mentors', icon: <TeamOutline />, label: 'mentors.mobileTitle', testId: 'service-mentors' },
  { to: '/m/competitions', icon: <FlagOutline />, label: 'competitions.mobileTitle', testId: 'service-competitions' },
  { to: '/m/relations', icon: <SendOutline />, label: 'relations.mobileTitle', testId: 'service-relations' },
  { to: '/m/recruitment', icon: <HeartOutline />, label: 'recruitment.mobileTitle', testId: 'service-recruitment' },
  { to: '/m/record', icon: <UserContactOutline />, label: 'record.title', testId: 'service-record' },
] as const;

/** The row of services above the to-dos: one tap to each module's phone pages. */
export function ServiceGrid() {
  const { t } = useTranslation();
  return (
    <Grid columns={4} style={{ background: '#fff', padding: '12px 0' }}>
      {SERVICES.map((s) => (
        <Grid.Item key={s.to}>
          <Link
            to={s.to}
            data-testid={s.testId}
            style={{ display: 'flex', flexDirection: 'column', alignItems: 'center', gap: 4, color: '#333', fontSize: 13 }}
          >
            <span style={{ fontSize: 26, color: 'var(--adm-color-primary)' }}>{s.icon}</span>
            {t(s.label)}
          </Link>
        </Grid.Item>
      ))}
    </Grid>
  );
}
