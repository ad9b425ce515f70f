import { List } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate } from 'react-router';
import { useBranchWork } from '../portal/portal-query';
import { CorrectionsPage } from './CorrectionsPage';
import { DuesReportsPage } from './DuesReportsPage';
import { MeetingPage, MeetingsPage } from './MeetingsPage';
import { RecruitmentCasePage, RecruitmentListPage } from './RecruitmentPages';

/** 支部工作: what the secretary (or committee member) can do from the phone, by what their role allows. */
function SecretaryHome() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const work = useBranchWork();
  const items = [
    { key: 'dues', show: work.dues, to: '/m/secretary/dues' },
    { key: 'corrections', show: work.corrections, to: '/m/secretary/corrections' },
    { key: 'meetings', show: work.meetings, to: '/m/secretary/meetings' },
    { key: 'recruitment', show: work.recruitment, to: '/m/secretary/recruitment' },
  ] as const;
  return (
    <List header={t('secretaryM.homeHint')} data-testid="sec-home">
      {items
        .filter((i) => i.show)
        .map((i) => (
          <List.Item key={i.key} description={t(`secretaryM.${i.key}Hint`)} onClick={() => navigate(i.to)} data-testid={`sec-${i.key}`}>
            {t(`secretaryM.${i.key}`)}
          </List.Item>
        ))}
    </List>
  );
}

/**
 * The secretary's phone pages (/m/secretary/*, issue 24): dues reports, record corrections,
 * meetings (sign-in code, attendance), recruitment steps — on the existing API routes; a to-do's
 * 去处理 lands here (todo-links.ts).
 */
export function MSecretaryRoutes() {
  return (
    <Routes>
      <Route index element={<SecretaryHome />} />
      <Route path="dues" element={<DuesReportsPage />} />
      <Route path="corrections" element={<CorrectionsPage />} />
      <Route path="meetings" element={<MeetingsPage />} />
      <Route path="meetings/:id" element={<MeetingPage />} />
      <Route path="recruitment" element={<RecruitmentListPage />} />
      <Route path="recruitment/:id" element={<RecruitmentCasePage />} />
    </Routes>
  );
}
