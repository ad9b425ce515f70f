import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ELECTION_STATUSES } from '@vanguard/shared/api/elections';
import { encryptBallot } from '@vanguard/shared/elections/ballot';
import { Button, Card, Checkbox, Dialog, ErrorBlock, List, NoticeBar, Tag, Toast } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { electionsApi, type MyElection } from '../../api/elections';
import { errorText } from '../../lib/error-text';
import { FullPageSpin } from '../MobileLayout';
import { BoardPage } from './BoardPage';
import { TellerPanel } from './TellerPanel';

/** The voter's own tracker, kept on this phone only (the server never stores who cast which ballot). */
export const trackerKey = (id: number) => `vg-election-tracker-${id}`;

function MyElections() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['my-elections'], queryFn: electionsApi.mine });
  if (q.isPending) return <FullPageSpin />;
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  if (!q.data.items.length) return <ErrorBlock status="empty" title={t('elections.m.none')} description={t('elections.m.noneHint')} />;
  return (
    <List header={t('elections.m.mine')}>
      {q.data.items.map((e) => (
        <List.Item
          key={e.id}
          onClick={() => navigate(`/m/elections/${e.id}`)}
          description={e.orgName}
          extra={<Tag color="primary">{ELECTION_STATUSES[e.status]}</Tag>}
          data-testid={`m-election-${e.id}`}
        >
          {e.title}
          {e.tellerIndex ? <Tag style={{ marginLeft: 6 }}>{t('elections.m.teller')}</Tag> : null}
        </List.Item>
      ))}
    </List>
  );
}

/** The ballot: ticks up to the seats, encrypted in this browser with proofs, then cast; the tracker is shown. */
function BallotCard({ e }: { e: MyElection }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [picks, setPicks] = useState<boolean[]>(() => e.candidates.map(() => false));
  const chosen = picks.filter(Boolean).length;
  const cast = useMutation({
    mutationFn: async () => {
      const ballot = encryptBallot(
        { electionId: e.cryptoId, publicKey: e.publicKey ?? '', candidates: e.candidates.length, seats: e.seats },
        picks,
      );
      return electionsApi.cast(e.id, ballot);
    },
    onSuccess: (r) => {
      localStorage.setItem(trackerKey(e.id), r.tracker);
      void qc.invalidateQueries({ queryKey: ['my-election', e.id] });
      Toast.show({ icon: 'success', content: t('elections.m.cast') });
    },
    onError: (err) => Toast.show({ icon: 'fail', content: errorText(err, t) }),
  });
  const confirm = async () => {
    const ok = await Dialog.confirm({
      content: chosen === 0 ? t('elections.m.blankConfirm') : t('elections.m.castConfirm', { n: chosen }),
    });
    if (ok) cast.mutate();
  };
  return (
    <Card title={t('elections.m.ballot', { seats: e.seats })}>
      <List>
        {e.candidates.map((c, k) => (
          <List.Item key={c.memberId}>
            <Checkbox
              checked={picks[k]}
              disabled={!picks[k] && chosen >= e.seats}
              onChange={(v) => setPicks((p) => p.map((x, i) => (i === k ? v : x)))}
              data-testid={`m-ballot-${k}`}
            >
              {c.name}
            </Checkbox>
          </List.Item>
        ))}
      </List>
      <div style={{ margin: '8px 0', color: 'var(--adm-color-weak)' }}>{t('elections.m.chosen', { n: chosen, seats: e.seats })}</div>
      <Button block color="primary" loading={cast.isPending} onClick={() => void confirm()} data-testid="m-ballot-cast">
        {t('elections.m.castButton')}
      </Button>
    </Card>
  );
}

function Results({ id }: { id: number }) {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['my-election-results', id], queryFn: () => electionsApi.myResults(id) });
  if (!q.data) return null;
  return (
    <List header={t('elections.results')} data-testid="m-election-results">
      {q.data.rows.map((r) => (
        <List.Item
          key={r.memberId}
          extra={
            r.elected ? (
              <Tag color="danger">{t('elections.elected')}</Tag>
            ) : r.tied ? (
              <Tag color="warning">{t('elections.runoff')}</Tag>
            ) : null
          }
        >
          {r.name}：{t('elections.m.votes', { n: r.votes })}
        </List.Item>
      ))}
    </List>
  );
}

function ElectionPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['my-election', id], queryFn: () => electionsApi.my(id) });
  if (q.isPending) return <FullPageSpin />;
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  const e = q.data;
  const tracker = localStorage.getItem(trackerKey(id));
  return (
    <div style={{ padding: 8, display: 'grid', gap: 8 }}>
      <Card
        title={e.title}
        extra={
          <Tag color="primary" data-testid="m-election-status">
            {ELECTION_STATUSES[e.status]}
          </Tag>
        }
      >
        <div>{e.orgName}</div>
        <div data-testid="m-election-eligibility">
          {e.eligible ? t('elections.m.eligible', { n: e.entitled }) : t('elections.m.notEligible', { n: e.entitled })}
        </div>
      </Card>
      {e.status === 'open' && e.eligible && !e.voted ? <BallotCard e={e} /> : null}
      {e.voted ? <NoticeBar color="success" content={t('elections.m.voted')} /> : null}
      {tracker ? (
        <Card title={t('elections.m.tracker')}>
          <code style={{ wordBreak: 'break-all' }} data-testid="m-election-tracker">
            {tracker}
          </code>
          <div style={{ color: 'var(--adm-color-weak)', marginTop: 4 }}>{t('elections.m.trackerHint')}</div>
        </Card>
      ) : null}
      {e.tellerIndex ? <TellerPanel e={e} /> : null}
      {e.status === 'released' ? <Results id={id} /> : null}
      <Button block onClick={() => navigate(`/m/elections/${id}/board`)} data-testid="m-election-board">
        {t('elections.m.board')}
      </Button>
    </div>
  );
}

/** Phone pages of the elections module (/m/elections/*). */
export function MElectionsRoutes() {
  return (
    <Routes>
      <Route index element={<MyElections />} />
      <Route path=":id" element={<ElectionPage />} />
      <Route path=":id/board" element={<BoardPage />} />
    </Routes>
  );
}
