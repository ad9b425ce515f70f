import { Grid } from 'antd-mobile';
import {
  CalendarOutline,
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

const SERVICES = [
  { to: '/m/dues', icon: <PayCircleOutline />, label: 'dues.mobileTitle', testId: 'service-dues' },
  { to: '/m/life', icon: <CalendarOutline />, label: 'life.mobileTitle', testId: 'service-life' },
  { to: '/m/courses', icon: <ContentOutline />, label: 'courses.mobileTitle', testId: 'service-courses' },
  { to: '/m/learning', icon: <FileOutline />, label: 'learning.mobileTitle', testId: 'service-learning' },
  { to: '/m/points', icon: <StarOutline />, label: 'points.mobileTitle', testId: 'service-points' },
  { to: '/m/mentors', icon: <TeamOutline />, label: 'mentors.mobileTitle', testId: 'service-mentors' },
  { to: '/m/competitions', icon: <FlagOutline />, label: 'competitions.mobileTitle', testId: 'service-competitions' },
  { to: '/m/relations', icon: <SendOutline />, label: 'relations.mobileTitle', testId: 'service-relations' },
  { to: '/m/recruitment', icon: <HeartOutline />, label: 'recruitment.mobileTitle', testId: 'service-recruitment' },
  { to: '/m/record', icon: <UserContactOutline />, label: 'record.title', testId: 'service-record' },
] as const;

/** 关怀模式 shows only these: dues, meetings, learning, my record. */
const ESSENTIAL = new Set<string>(['/m/dues', '/m/life', '/m/courses', '/m/record']);

/** The row of services above the to-dos: one tap to each module's phone pages. */
export function ServiceGrid() {
  const { t } = useTranslation();
  const care = useCareMode();
  const services = care ? SERVICES.filter((s) => ESSENTIAL.has(s.to)) : SERVICES;
  return (
    <Grid columns={care ? 2 : 4} style={{ background: '#fff', padding: '12px 0' }} data-testid="service-grid">
      {services.map((s) => (
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
            {t(s.label)}
          </Link>
        </Grid.Item>
      ))}
    </Grid>
  );
}
