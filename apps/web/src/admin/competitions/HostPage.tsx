import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CompetitionStatus } from '@vanguard/shared';
import type { BranchRowDto, CompetitionDetailWire, PlayerRowDto } from '@vanguard/shared/api/competitions';
import { App, Button, Card, Col, Empty, Flex, Popconfirm, Row, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { competitionsApi, useLiveStream } from '../../api/competitions';
import { keyText, seconds, useCountdown } from '../../lib/competition-format';
import { saveBlob } from '../../lib/download';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';

export function BoardTables({ players, branches, big = false }: { players: PlayerRowDto[]; branches: BranchRowDto[]; big?: boolean }) {
  const { t } = useTranslation();
  const style = big ? { fontSize: 20 } : undefined;
  return (
    <Row gutter={16}>
      <Col xs={24} lg={14}>
        <Card title={t('competitions.hostPage.byPerson')} size="small">
          <Table<PlayerRowDto>
            rowKey="playerId"
            size={big ? 'middle' : 'small'}
            pagination={players.length > 20 ? { pageSize: 20 } : false}
            dataSource={players}
            locale={{ emptyText: t('competitions.hostPage.noPlayers') }}
            data-testid="board-players"
            onRow={(r) => ({ 'data-testid': `board-player-${r.rank}`, style }) as never}
            columns={[
              { title: t('competitions.hostPage.rank'), dataIndex: 'rank', width: 70 },
              { title: t('competitions.hostPage.name'), dataIndex: 'name' },
              { title: t('competitions.hostPage.branch'), dataIndex: 'branchName' },
              { title: t('competitions.hostPage.correct'), dataIndex: 'correct', width: 80 },
              { title: t('competitions.hostPage.time'), dataIndex: 'timeMs', width: 100, render: (v: number) => seconds(v) },
            ]}
          />
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('competitions.hostPage.byBranch')} size="small">
          <Table<BranchRowDto>
            rowKey="branchId"
            size={big ? 'middle' : 'small'}
            pagination={false}
            dataSource={branches}
            locale={{ emptyText: t('competitions.hostPage.noPlayers') }}
            data-testid="board-branches"
            onRow={() => ({ style }) as never}
            columns={[
              { title: t('competitions.hostPage.rank'), dataIndex: 'rank', width: 70 },
              { title: t('competitions.hostPage.branch'), dataIndex: 'branchName' },
              { title: t('competitions.hostPage.count'), dataIndex: 'players', width: 70 },
              { title: t('competitions.hostPage.avgCorrect'), dataIndex: 'avgCorrect', width: 90 },
              { title: t('competitions.hostPage.avgTime'), dataIndex: 'avgTimeMs', width: 110, render: (v: number) => seconds(v) },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

/** The host's projector page: join code, push questions with the countdown, live leaderboards; results and Excel. */
export function HostPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const id = Number(useParams().id);
  const detail = useQuery({ queryKey: ['competitions', 'detail', id], queryFn: () => competitionsApi.get(id) });
  const c = detail.data;
  const liveStream = c?.kind === 'live' && c.status !== 'finished' && c.status !== 'draft';
  const live = useLiveStream(liveStream ? `/api/v1/competitions/${id}/stream` : null);
  const board = useQuery({
    queryKey: ['competitions', 'board', id],
    queryFn: () => competitionsApi.leaderboard(id),
    enabled: Boolean(c) && !liveStream,
  });
  // The detail's "finished" wins: the stream closes once the detail says so, and its last state may predate the end.
  const status = c?.status === 'finished' ? 'finished' : (live.state?.status ?? c?.status);
  // The stream says when something moved on (a push, the end): refresh the host's detail then.
  const livePos = live.state?.currentPosition;
  const liveStatus = live.state?.status;
  useEffect(() => {
    if (livePos !== undefined || liveStatus) void qc.invalidateQueries({ queryKey: ['competitions', 'detail', id] });
  }, [livePos, liveStatus, id, qc]);
  const act = (fn: (id: number) => Promise<CompetitionDetailWire>) => ({
    mutationFn: () => fn(id),
    onSuccess: (d: CompetitionDetailWire) => {
      qc.setQueryData(['competitions', 'detail', id], d);
      void qc.invalidateQueries({ queryKey: ['competitions', 'board', id] });
    },
    onError: (e: unknown) => message.error(errorText(e, t)),
  });
  const open = useMutation(act(competitionsApi.open));
  const next = useMutation(act(competitionsApi.next));
  const finish = useMutation(act(competitionsApi.finish));
  const xlsx = useMutation({
    mutationFn: () => competitionsApi.resultsXlsx(id),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName ?? `competition-${id}.xlsx`),
    onError: (e) => message.error(errorText(e, t)),
  });
  const current = c?.questions.find((q) => q.position === (live.state?.currentPosition ?? c.currentPosition)) ?? null;
  const endsAt = live.state?.question?.endsAt ?? current?.endsAt ?? null;
  const offset = live.state ? live.offsetMs : c ? new Date(c.serverNow).getTime() - Date.now() : 0;
  const left = useCountdown(endsAt, offset);
  if (detail.isError) return <Card>{errorText(detail.error, t)}</Card>;
  if (!c) return <Card loading />;
  const players = live.state?.top ?? board.data?.players ?? [];
  const branches = live.state?.branches ?? board.data?.branches ?? [];
  const playerCount = live.state?.playerCount ?? c.players;
  const over = status === 'finished';
  const timeUp = Boolean(endsAt) && left === 0;
  return (
    <Flex vertical gap={16} data-testid="host-page">
      <Card>
        <Flex justify="space-between" align="center" wrap gap={12}>
          <Space direction="vertical" size={0}>
            <Link to="/admin/competitions">{t('competitions.hostPage.back')}</Link>
            <Typography.Title level={2} style={{ margin: 0 }}>
              {c.title}
            </Typography.Title>
            <Space>
              <Tag>{c.kindName}</Tag>
              <Tag color={over ? 'default' : 'green'} data-testid="host-status">
                {t(`competitions.statuses.${(status ?? c.status) as CompetitionStatus}`)}
              </Tag>
              <span>{c.orgName}</span>
              {liveStream && !live.connected && <Tag color="orange">{t('competitions.hostPage.reconnecting')}</Tag>}
            </Space>
            {c.kind === 'challenge' && (
              <span>
                {t('competitions.hostPage.window', {
                  from: formatDateTime(c.opensAt),
                  to: formatDateTime(c.closesAt),
                  m: Math.round((c.timeLimitSeconds ?? 0) / 60),
                })}
              </span>
            )}
          </Space>
          {c.kind === 'live' && c.joinCode && !over && (
            <Space direction="vertical" align="center" size={0}>
              <span>{t('competitions.hostPage.joinHint')}</span>
              <span style={{ fontSize: 56, fontWeight: 700, letterSpacing: 8 }} data-testid="join-code">
                {c.joinCode}
              </span>
            </Space>
          )}
          <Space wrap>
            {c.kind === 'live' && status === 'draft' && (
              <Popconfirm title={t('competitions.hostPage.openConfirm')} onConfirm={() => open.mutate()}>
                <Button type="primary" size="large" data-testid="host-open">
                  {t('competitions.hostPage.open')}
                </Button>
              </Popconfirm>
            )}
            {c.kind === 'live' && (status === 'lobby' || status === 'running') && (
              <Button
                type="primary"
                size="large"
                loading={next.isPending}
                disabled={(Boolean(endsAt) && !timeUp) || c.currentPosition >= c.questionCount}
                onClick={() => next.mutate()}
                data-testid="host-next"
              >
                {c.currentPosition === 0 ? t('competitions.hostPage.start') : t('competitions.hostPage.next')}
              </Button>
            )}
            {!over && status !== 'draft' && (
              <Popconfirm
                title={t('competitions.hostPage.finishConfirm')}
                onConfirm={() => finish.mutate()}
                okButtonProps={{ danger: true }}
              >
                <Button danger size="large" data-testid="host-finish">
                  {t('competitions.hostPage.finish')}
                </Button>
              </Popconfirm>
            )}
            <Button size="large" loading={xlsx.isPending} onClick={() => xlsx.mutate()} data-testid="host-export">
              {t('competitions.hostPage.export')}
            </Button>
          </Space>
        </Flex>
      </Card>
      {c.kind === 'live' && (
        <Card>
          <Row gutter={16} align="middle">
            <Col xs={24} md={6}>
              <Statistic title={t('competitions.hostPage.joinedLabel')} value={playerCount} />
              {current && (
                <Statistic title={t('competitions.hostPage.answeredLabel')} value={live.state?.question?.answers ?? current.answers} />
              )}
            </Col>
            <Col xs={24} md={18}>
              {current ? (
                <div data-testid="host-question">
                  <Typography.Text type="secondary" style={{ fontSize: 18 }}>
                    {t('competitions.hostPage.question', { n: current.position, total: c.questionCount })} · {current.typeName}
                    {' · '}
                    <span data-testid="host-countdown">
                      {over || timeUp ? t('competitions.hostPage.timeUp') : t('competitions.hostPage.countdown', { s: left })}
                    </span>
                  </Typography.Text>
                  <Typography.Title level={2} style={{ marginTop: 8 }}>
                    {current.stem}
                  </Typography.Title>
                  <Flex gap={12} wrap>
                    {current.options.map((o) => (
                      <Tag
                        key={o.key}
                        color={(over || timeUp) && current.rightKeys.includes(o.key) ? 'green' : undefined}
                        style={{ fontSize: 22, padding: '8px 16px' }}
                      >
                        {o.key === 'true' || o.key === 'false' ? o.text : `${o.key}. ${o.text}`}
                      </Tag>
                    ))}
                  </Flex>
                  {(over || timeUp) && (
                    <Typography.Title level={4} type="success" data-testid="host-right">
                      {t('competitions.hostPage.right', { keys: current.rightKeys.map(keyText).join('、') })}
                    </Typography.Title>
                  )}
                </div>
              ) : (
                <Empty description={status === 'draft' ? t('competitions.hostPage.openConfirm') : t('competitions.hostPage.waiting')} />
              )}
            </Col>
          </Row>
        </Card>
      )}
      <BoardTables players={players} branches={branches} big={c.kind === 'live'} />
      {over && (
        <Card title={t('competitions.hostPage.questions')} size="small">
          <Table
            rowKey="position"
            size="small"
            pagination={false}
            dataSource={c.questions}
            columns={[
              { title: '#', dataIndex: 'position', width: 50 },
              { title: t('competitions.col.kind'), dataIndex: 'typeName', width: 80 },
              { title: t('competitions.col.title'), dataIndex: 'stem' },
              {
                title: t('competitions.hostPage.correct'),
                width: 100,
                render: (_, q) => q.rightKeys.map(keyText).join(''),
              },
              {
                title: '',
                width: 160,
                render: (_, q) => t('competitions.hostPage.rightRate', { c: q.correctAnswers, a: q.answers }),
              },
            ]}
          />
        </Card>
      )}
    </Flex>
  );
}
