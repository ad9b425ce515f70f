import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BranchRowDto, ChallengeQuestionDto, OptionDto, PlayerRowDto } from '@vanguard/shared/api/competitions';
import { Button, Card, Checkbox, Dialog, Input, List, NoticeBar, Radio, Space, Tag, Toast } from 'antd-mobile';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { competitionsApi, useLiveStream } from '../../api/competitions';
import { keyText, seconds, useCountdown } from '../../lib/competition-format';
import { errorText } from '../../lib/error-text';
import { formatDateTime } from '../../lib/format';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';

/** My competitions: join by code, the live quizzes and open challenges in my scope, the ones I played. */
function MyCompetitionsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [code, setCode] = useState('');
  const list = useQuery({ queryKey: ['competitions', 'my'], queryFn: competitionsApi.mine, refetchInterval: 10_000 });
  const byCode = useMutation({
    mutationFn: () => competitionsApi.joinByCode(code.trim()),
    onSuccess: (r) => navigate(`/m/competitions/${r.competitionId}`),
    onError: (e) => Toast.show({ content: errorText(e, t), icon: 'fail' }),
  });
  if (list.isError) {
    const none = isApiError(list.error) && list.error.status === 404;
    return (
      <ErrorBlock
        status={none ? 'empty' : 'disconnected'}
        title={none ? t('competitions.m.noMember') : errorText(list.error, t)}
        description=""
      />
    );
  }
  return (
    <div style={{ paddingBottom: 16 }}>
      <Card>
        <Space block>
          <Input
            placeholder={t('competitions.m.codePlaceholder')}
            value={code}
            onChange={setCode}
            inputMode="numeric"
            maxLength={6}
            data-testid="m-join-code"
            style={{ fontSize: 20, letterSpacing: 4 }}
          />
          <Button
            color="primary"
            onClick={() => byCode.mutate()}
            loading={byCode.isPending}
            disabled={code.trim().length !== 6}
            data-testid="m-join"
          >
            {t('competitions.m.join')}
          </Button>
        </Space>
      </Card>
      {list.isPending ? (
        <FullPageSpin />
      ) : (list.data ?? []).length === 0 ? (
        <ErrorBlock status="empty" title={t('competitions.m.none')} description="" />
      ) : (
        <List header={t('competitions.m.list')}>
          {(list.data ?? []).map((c) => (
            <List.Item
              key={c.id}
              onClick={() => navigate(`/m/competitions/${c.id}`)}
              data-testid={`m-competition-${c.id}`}
              description={c.kind === 'challenge' ? `${formatDateTime(c.opensAt)} ~ ${formatDateTime(c.closesAt)}` : c.kindName}
              extra={
                c.submitted ? (
                  <Tag color="success">{t('competitions.m.done')}</Tag>
                ) : (
                  <Tag color={c.status === 'finished' ? 'default' : 'primary'}>{c.statusName}</Tag>
                )
              }
            >
              {c.title}
            </List.Item>
          ))}
        </List>
      )}
    </div>
  );
}

function Board({ players, branches, me }: { players: PlayerRowDto[]; branches: BranchRowDto[]; me: PlayerRowDto | null }) {
  const { t } = useTranslation();
  return (
    <>
      {me && (
        <NoticeBar
          wrap
          color="info"
          content={t('competitions.m.myRank', { rank: me.rank, correct: me.correct, time: seconds(me.timeMs) })}
          data-testid="m-my-rank"
        />
      )}
      <List header={t('competitions.hostPage.byPerson')} data-testid="m-board">
        {players.map((p) => (
          <List.Item key={p.playerId} prefix={<b>{p.rank}</b>} description={p.branchName} extra={`${p.correct} · ${seconds(p.timeMs)}s`}>
            {p.name}
          </List.Item>
        ))}
      </List>
      <List header={t('competitions.hostPage.byBranch')}>
        {branches.map((b) => (
          <List.Item
            key={b.branchId}
            prefix={<b>{b.rank}</b>}
            extra={`${b.avgCorrect} · ${seconds(b.avgTimeMs)}s`}
            description={`${b.players} 人`}
          >
            {b.branchName}
          </List.Item>
        ))}
      </List>
    </>
  );
}

function Choices({
  options,
  multiple,
  value,
  onChange,
  disabled,
}: {
  options: OptionDto[];
  multiple: boolean;
  value: string[];
  onChange: (v: string[]) => void;
  disabled?: boolean;
}) {
  const label = (o: OptionDto) => (o.key === 'true' || o.key === 'false' ? o.text : `${o.key}. ${o.text}`);
  return multiple ? (
    <Checkbox.Group value={value} onChange={(v) => onChange(v as string[])} disabled={disabled}>
      <Space direction="vertical" block>
        {options.map((o) => (
          <Checkbox key={o.key} value={o.key} data-testid={`m-option-${o.key}`} style={{ fontSize: 18 }}>
            {label(o)}
          </Checkbox>
        ))}
      </Space>
    </Checkbox.Group>
  ) : (
    <Radio.Group value={value[0]} onChange={(v) => onChange([v as string])} disabled={disabled}>
      <Space direction="vertical" block>
        {options.map((o) => (
          <Radio key={o.key} value={o.key} data-testid={`m-option-${o.key}`} style={{ fontSize: 18 }}>
            {label(o)}
          </Radio>
        ))}
      </Space>
    </Radio.Group>
  );
}

/** A live quiz on the phone: join, the pushed question with the server's countdown, my answer, my rank and the board. */
function LivePlay({ id }: { id: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mine = useQuery({ queryKey: ['competitions', 'my', id], queryFn: () => competitionsApi.myState(id) });
  const joined = mine.data?.joined ?? false;
  const live = useLiveStream(joined ? `/api/v1/competitions/my/${id}/stream` : null);
  const state = live.state ?? mine.data?.state ?? null;
  const [picked, setPicked] = useState<string[]>([]);
  const [sent, setSent] = useState<Record<number, string[]>>({});
  const q = state?.question ?? null;
  const left = useCountdown(q?.endsAt, live.state ? live.offsetMs : 0);
  // A new question clears the choice.
  const position = q?.position;
  useEffect(() => {
    setPicked([]);
    if (position) void qc.invalidateQueries({ queryKey: ['competitions', 'my', id] });
  }, [position, id, qc]);
  const join = useMutation({
    mutationFn: () => competitionsApi.join(id),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['competitions', 'my', id] }),
    onError: (e) => Toast.show({ content: errorText(e, t), icon: 'fail' }),
  });
  const answer = useMutation({
    mutationFn: (v: { position: number; keys: string[] }) => competitionsApi.answer(id, v.position, v.keys),
    onSuccess: (r) => setSent((s) => ({ ...s, [r.position]: r.keys })),
    onError: (e) => Toast.show({ content: errorText(e, t), icon: 'fail', duration: 3000 }),
  });
  if (mine.isError) return <ErrorBlock status="empty" title={errorText(mine.error, t)} description="" />;
  if (!mine.data || !state) return <FullPageSpin />;
  const over = state.status === 'finished';
  const ended = Boolean(q?.rightKeys);
  const myKeys = q ? (sent[q.position] ?? (mine.data.myAnswer?.position === q.position ? mine.data.myAnswer.keys : null)) : null;
  const me = live.me ?? mine.data.me;
  return (
    <div style={{ padding: '8px 0 16px' }} data-testid="m-live">
      <Card title={state.title}>
        {!joined ? (
          over ? (
            <ErrorBlock status="empty" title={t('competitions.m.finished')} description="" />
          ) : (
            <Button block color="primary" size="large" onClick={() => join.mutate()} loading={join.isPending} data-testid="m-join-live">
              {t('competitions.m.join')}
            </Button>
          )
        ) : !q ? (
          <NoticeBar
            wrap
            content={over ? t('competitions.m.finished') : t('competitions.m.waiting')}
            color="info"
            data-testid="m-waiting"
          />
        ) : (
          <div data-testid="m-question">
            <div style={{ color: 'var(--adm-color-weak)' }}>
              {t('competitions.hostPage.question', { n: q.position, total: state.questionCount })} · {q.typeName} ·{' '}
              <span data-testid="m-countdown">
                {ended || over ? t('competitions.hostPage.timeUp') : t('competitions.m.left', { s: left })}
              </span>
            </div>
            <h3 style={{ fontSize: 20 }}>{q.stem}</h3>
            <Choices
              options={q.options}
              multiple={q.type === 'multiple'}
              value={myKeys ?? picked}
              onChange={setPicked}
              disabled={Boolean(myKeys) || ended || over}
            />
            {myKeys ? (
              ended ? (
                myKeys.slice().sort().join() === (q.rightKeys ?? []).slice().sort().join() ? (
                  <NoticeBar wrap color="success" content={t('competitions.m.right')} data-testid="m-result" />
                ) : (
                  <NoticeBar
                    wrap
                    color="error"
                    content={t('competitions.m.wrong', { keys: (q.rightKeys ?? []).map(keyText).join('、') })}
                    data-testid="m-result"
                  />
                )
              ) : (
                <NoticeBar wrap color="info" content={t('competitions.m.answeredWait')} data-testid="m-answered" />
              )
            ) : ended || over ? (
              <NoticeBar wrap color="alert" content={t('competitions.m.missed')} />
            ) : (
              <Button
                block
                color="primary"
                size="large"
                style={{ marginTop: 12 }}
                disabled={picked.length === 0}
                loading={answer.isPending}
                onClick={() => answer.mutate({ position: q.position, keys: picked })}
                data-testid="m-submit"
              >
                {t('competitions.m.submit')}
              </Button>
            )}
          </div>
        )}
      </Card>
      {joined && <Board players={state.top} branches={state.branches} me={me} />}
    </div>
  );
}

/** A weekly challenge on the phone: start (server-timed), answer all, submit once; then my result and the ranking. */
function ChallengePlay({ id }: { id: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const mine = useQuery({ queryKey: ['competitions', 'my', id], queryFn: () => competitionsApi.myState(id) });
  const [answers, setAnswers] = useState<Record<number, string[]>>({});
  const ch = mine.data?.challenge ?? null;
  const running = Boolean(ch?.started && !ch.submittedAt && ch.questions.length > 0);
  const offset = ch ? new Date(ch.serverNow).getTime() - Date.now() : 0;
  const left = useCountdown(running ? ch?.deadlineAt : null, offset);
  const done = (d: Awaited<ReturnType<typeof competitionsApi.myState>>) => qc.setQueryData(['competitions', 'my', id], d);
  const start = useMutation({
    mutationFn: () => competitionsApi.start(id),
    onSuccess: done,
    onError: (e) => Toast.show({ content: errorText(e, t), icon: 'fail' }),
  });
  const submit = useMutation({
    mutationFn: () =>
      competitionsApi.submit(
        id,
        Object.entries(answers)
          .filter(([, keys]) => keys.length > 0)
          .map(([position, keys]) => ({ position: Number(position), keys })),
      ),
    onSuccess: done,
    onError: (e) => Toast.show({ content: errorText(e, t), icon: 'fail', duration: 3000 }),
  });
  if (mine.isError) return <ErrorBlock status="empty" title={errorText(mine.error, t)} description="" />;
  if (!mine.data || !ch) return <FullPageSpin />;
  const state = mine.data.state;
  const closed = state.status === 'finished';
  return (
    <div style={{ padding: '8px 0 16px' }} data-testid="m-challenge">
      <Card title={state.title}>
        {ch.result ? (
          <NoticeBar
            wrap
            color="success"
            data-testid="m-challenge-result"
            content={t('competitions.m.result', {
              correct: ch.result.correct,
              time: seconds(ch.result.durationMs),
              rank: ch.result.rank ?? '—',
              of: ch.result.of,
            })}
          />
        ) : !ch.started ? (
          closed ? (
            <ErrorBlock status="empty" title={t('competitions.m.closed')} description="" />
          ) : (
            <Space direction="vertical" block>
              <div>{t('competitions.m.challengeIntro', { n: state.questionCount, m: Math.round((ch.timeLimitSeconds ?? 0) / 60) })}</div>
              <Button
                block
                color="primary"
                size="large"
                onClick={() => start.mutate()}
                loading={start.isPending}
                data-testid="m-challenge-start"
              >
                {t('competitions.m.startChallenge')}
              </Button>
            </Space>
          )
        ) : running ? (
          <NoticeBar wrap color="alert" content={t('competitions.m.left', { s: left })} data-testid="m-challenge-left" />
        ) : (
          <NoticeBar wrap color="alert" content={t('competitions.m.closed')} />
        )}
      </Card>
      {running &&
        ch.questions.map((q: ChallengeQuestionDto) => (
          <Card key={q.position} title={`${q.position}. ${q.typeName}`} data-testid={`m-challenge-q-${q.position}`}>
            <div style={{ marginBottom: 8 }}>{q.stem}</div>
            <Choices
              options={q.options}
              multiple={q.type === 'multiple'}
              value={answers[q.position] ?? []}
              onChange={(v) => setAnswers((a) => ({ ...a, [q.position]: v }))}
            />
          </Card>
        ))}
      {running && (
        <div style={{ padding: 12 }}>
          <Button
            block
            color="primary"
            size="large"
            loading={submit.isPending}
            data-testid="m-challenge-submit"
            onClick={async () => {
              if (await Dialog.confirm({ content: t('competitions.m.submitConfirm') })) submit.mutate();
            }}
          >
            {t('competitions.m.submitChallenge')}
          </Button>
        </div>
      )}
      {ch.result && (
        <List header={t('competitions.hostPage.questions')}>
          {ch.questions.map((q) => (
            <List.Item
              key={q.position}
              description={`${t('competitions.hostPage.right', { keys: (q.rightKeys ?? []).map(keyText).join('') })} · ${(q.myKeys ?? []).map(keyText).join('') || '—'}`}
              extra={q.correct ? <Tag color="success">✓</Tag> : <Tag color="danger">✗</Tag>}
            >
              {q.position}. {q.stem}
            </List.Item>
          ))}
        </List>
      )}
      {(ch.result || closed) && <Board players={state.top} branches={state.branches} me={mine.data.me} />}
    </div>
  );
}

function PlayPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const mine = useQuery({ queryKey: ['competitions', 'my', id], queryFn: () => competitionsApi.myState(id) });
  if (mine.isError) return <ErrorBlock status="empty" title={errorText(mine.error, t)} description="" />;
  if (!mine.data) return <FullPageSpin />;
  return mine.data.state.kind === 'live' ? <LivePlay id={id} /> : <ChallengePlay id={id} />;
}

/** Phone pages of the competitions module (/m/competitions/*). */
export function MCompetitionsRoutes() {
  return (
    <Routes>
      <Route index element={<MyCompetitionsPage />} />
      <Route path=":id" element={<PlayPage />} />
    </Routes>
  );
}
