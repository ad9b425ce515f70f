import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type Ballot, tallySums } from '@vanguard/shared/elections/ballot';
import { tellerContext } from '@vanguard/shared/elections/board';
import {
  type Dealing,
  keyShare,
  makeDealing,
  makeDecryptionShare,
  makeTellerKey,
  type TellerKey,
} from '@vanguard/shared/elections/tellers';
import { Button, Card, Form, Input, Toast } from 'antd-mobile';
import { useTranslation } from 'react-i18next';
import { electionsApi, type MyElection } from '../../api/elections';
import { errorText } from '../../lib/error-text';

/** The teller's transport secret stays in this browser (and in the backup the teller writes down); the server never sees it. */
const secretKey = (e: MyElection) => `vg-teller-secret-${e.cryptoId}-${e.tellerIndex}`;

/** The teller's steps: key, dealing, paper count, decryption share — each made in this browser. */
export function TellerPanel({ e }: { e: MyElection }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const idx = e.tellerIndex as number;
  const ctx = tellerContext(e.cryptoId);
  const board = useQuery({ queryKey: ['my-election-board', e.id], queryFn: () => electionsApi.myBoard(e.id) });
  const events = board.data?.board ?? [];
  const of = <T,>(kind: string) => events.filter((x) => x.kind === kind).map((x) => x.data as unknown as T);
  const keys = of<TellerKey>('teller-key');
  const dealings = of<Dealing>('dealing');
  const secret = localStorage.getItem(secretKey(e));
  const act = useMutation({
    mutationFn: async (step: () => Promise<unknown>) => step(),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['my-election-board', e.id] });
      void qc.invalidateQueries({ queryKey: ['my-election', e.id] });
      Toast.show({ icon: 'success', content: t('elections.m.tellerDone') });
    },
    onError: (err) => Toast.show({ icon: 'fail', content: errorText(err, t) }),
  });
  const makeKey = () =>
    act.mutate(async () => {
      const k = makeTellerKey(ctx, idx);
      localStorage.setItem(secretKey(e), k.secret);
      return electionsApi.tellerKey(e.id, k.key);
    });
  const deal = () => act.mutate(() => electionsApi.dealing(e.id, makeDealing(ctx, idx, e.threshold, keys)));
  const share = () =>
    act.mutate(async () => {
      if (!secret) throw new Error(t('elections.m.noSecret'));
      const x = keyShare(ctx, idx, secret, dealings);
      const ballots = of<{ ballot: Ballot }>('ballot').map((b) => b.ballot);
      return electionsApi.share(e.id, makeDecryptionShare(ctx, idx, x, tallySums(e.candidates.length, ballots).a));
    });
  const paper = (v: Record<string, string>) =>
    act.mutate(() =>
      electionsApi.paperCount(e.id, {
        valid: Number(v.valid),
        invalid: Number(v.invalid),
        votes: e.candidates.map((_, k) => Number(v[`c${k}`] ?? 0)),
      }),
    );
  const hasKey = keys.some((k) => k.index === idx);
  const hasDealt = dealings.some((d) => d.index === idx);
  const hasShare = events.some((x) => x.kind === 'share' && x.data.index === idx);
  return (
    <Card title={t('elections.m.tellerTitle', { i: idx })} data-testid="m-teller">
      {e.status === 'frozen' && !hasKey ? (
        <Button block color="primary" loading={act.isPending} onClick={makeKey} data-testid="m-teller-key">
          {t('elections.m.makeKey')}
        </Button>
      ) : null}
      {e.status === 'frozen' && hasKey && !hasDealt ? (
        <Button
          block
          color="primary"
          loading={act.isPending}
          disabled={keys.length < e.tellerCount}
          onClick={deal}
          data-testid="m-teller-deal"
        >
          {keys.length < e.tellerCount ? t('elections.m.waitKeys', { n: keys.length, total: e.tellerCount }) : t('elections.m.deal')}
        </Button>
      ) : null}
      {e.status === 'frozen' && hasDealt ? <div>{t('elections.m.waitDealings', { n: dealings.length, total: e.tellerCount })}</div> : null}
      {secret && ['frozen', 'ready', 'open'].includes(e.status) ? (
        <details>
          <summary>{t('elections.m.backup')}</summary>
          <code style={{ wordBreak: 'break-all' }}>{secret}</code>
        </details>
      ) : null}
      {e.status === 'closed' ? (
        <>
          <Form
            layout="horizontal"
            onFinish={paper}
            footer={
              <Button block type="submit" data-testid="m-teller-paper">
                {t('elections.m.paperSubmit')}
              </Button>
            }
          >
            <Form.Header>{t('elections.m.paperTitle')}</Form.Header>
            <Form.Item name="valid" label={t('elections.m.valid')} initialValue="0">
              <Input type="number" data-testid="m-paper-valid" />
            </Form.Item>
            <Form.Item name="invalid" label={t('elections.invalid')} initialValue="0">
              <Input type="number" data-testid="m-paper-invalid" />
            </Form.Item>
            {e.candidates.map((c, k) => (
              <Form.Item key={c.memberId} name={`c${k}`} label={c.name} initialValue="0">
                <Input type="number" data-testid={`m-paper-${k}`} />
              </Form.Item>
            ))}
          </Form>
          {!hasShare ? (
            <Button block color="primary" style={{ marginTop: 8 }} loading={act.isPending} onClick={share} data-testid="m-teller-share">
              {t('elections.m.share')}
            </Button>
          ) : (
            <div>{t('elections.m.shared')}</div>
          )}
        </>
      ) : null}
    </Card>
  );
}
