import { useQuery } from '@tanstack/react-query';
import { verifyExport } from '@vanguard/shared/elections/board';
import { Button, ErrorBlock, List, NoticeBar, Tag } from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { electionsApi } from '../../api/elections';
import { errorText } from '../../lib/error-text';
import { FullPageSpin } from '../MobileLayout';

const trackerOf = (id: number) => localStorage.getItem(`vg-election-tracker-${id}`);

/** The bulletin board: every event with its chained hash; the voter's tracker is marked; anyone may re-verify here. */
export function BoardPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const q = useQuery({ queryKey: ['my-election-board', id], queryFn: () => electionsApi.myBoard(id) });
  const [check, setCheck] = useState<string | null>(null);
  if (q.isPending) return <FullPageSpin />;
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  const mine = trackerOf(id);
  const found = mine ? q.data.board.some((e) => e.data.tracker === mine) : null;
  const verify = () => {
    const r = verifyExport(q.data as never);
    setCheck(r.ok ? t('elections.m.verifyOk', { n: r.ballots }) : r.errors.slice(0, 3).join('；'));
  };
  return (
    <div style={{ padding: 8 }}>
      {found === true ? <NoticeBar color="success" content={t('elections.m.trackerFound')} data-testid="m-board-found" /> : null}
      {found === false ? <NoticeBar color="alert" content={t('elections.m.trackerMissing')} /> : null}
      <Button block onClick={verify} data-testid="m-board-verify" style={{ margin: '8px 0' }}>
        {t('elections.m.verify')}
      </Button>
      {check ? <NoticeBar content={check} data-testid="m-board-check" /> : null}
      <List header={t('elections.m.board')}>
        {q.data.board.map((e) => (
          <List.Item
            key={e.seq}
            description={`#${e.seq} ${e.hash.slice(0, 16)}…`}
            extra={e.data.tracker === mine ? <Tag color="success">{t('elections.m.myBallot')}</Tag> : null}
          >
            {t(`elections.board.${e.kind as 'setup'}`)}
            {typeof e.data.tracker === 'string' ? ` ${e.data.tracker.slice(0, 12)}…` : ''}
          </List.Item>
        ))}
      </List>
    </div>
  );
}
