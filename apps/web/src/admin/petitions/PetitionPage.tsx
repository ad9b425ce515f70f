import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, Descriptions, Flex, Form, Image, Input, InputNumber, Result, Tag, Timeline } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { type PetitionDto, petitionsApi } from '../../api/petitions';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';

/** One petition for its handler: accept, 民情说事, reply, close into the ledger. */
export function PetitionPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { message, modal } = App.useApp();
  const q = useQuery({ queryKey: ['petition', id], queryFn: () => petitionsApi.get(id) });
  const [replyForm] = Form.useForm<{ reply: string }>();
  const [meetingForm] = Form.useForm<{ meetingId: number; decision?: string }>();
  const [closeForm] = Form.useForm<{ toLedger: boolean; title?: string; costYuan?: number; beneficiaries?: number }>();
  const act = useMutation({
    mutationFn: (f: () => Promise<PetitionDto>) => f(),
    onSuccess: (p) => {
      qc.setQueryData(['petition', id], p);
      void qc.invalidateQueries({ queryKey: ['petitions'] });
      message.success(t('petitions.saved'));
    },
    onError: (e) => {
      for (const f of [replyForm, meetingForm, closeForm]) if (isApiError(e) && applyFieldErrors(f, e)) return;
      message.error(errorText(e, t));
    },
  });
  if (q.error)
    return <Result status="404" title={errorText(q.error, t)} extra={<Link to="/admin/petitions">{t('petitions.back')}</Link>} />;
  const p = q.data;
  if (!p) return <Card loading />;
  const can = (a: string) => p.actions.includes(a as PetitionDto['actions'][number]);
  return (
    <Flex vertical gap={16}>
      <Card
        title={`${p.categoryName} · ${p.statusName}`}
        extra={<Link to="/admin/petitions">{t('petitions.back')}</Link>}
        data-testid="petition-detail"
      >
        <Descriptions column={2} size="small">
          <Descriptions.Item label={t('petitions.submitter')}>{p.submitterName}</Descriptions.Item>
          <Descriptions.Item label={t('petitions.org')}>
            {p.orgName}
            {p.escalations > 0 && <Tag color="volcano">{t('petitions.escalated', { n: p.escalations })}</Tag>}
            {p.reopens > 0 && <Tag color="red">{t('petitions.reopened')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('petitions.receivedOn')}>{p.receivedOn}</Descriptions.Item>
          <Descriptions.Item label={t('petitions.acceptDueOn')}>
            {p.acceptDueOn} {p.acceptedLate && <Tag color="red">{t('petitions.acceptedLate')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('petitions.replyDueOn')}>
            <span style={p.due !== 'none' ? { color: '#cf1322', fontWeight: 600 } : undefined}>{p.replyDueOn}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('petitions.place')}>{p.place ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('petitions.body')} span={2}>
            <span style={{ whiteSpace: 'pre-wrap' }}>{p.body}</span>
          </Descriptions.Item>
          {p.photoFileIds.length > 0 && (
            <Descriptions.Item label={t('petitions.photos')} span={2}>
              <Flex gap={8}>
                {p.photoFileIds.map((f) => (
                  <Image key={f} width={96} src={`/api/v1/files/${f}`} alt={t('petitions.photos')} />
                ))}
              </Flex>
            </Descriptions.Item>
          )}
          {p.reply && (
            <Descriptions.Item label={t('petitions.reply')} span={2}>
              {p.reply}
            </Descriptions.Item>
          )}
          {p.ratingName && <Descriptions.Item label={t('petitions.rating')}>{p.ratingName}</Descriptions.Item>}
          {p.meetingDecision && <Descriptions.Item label={t('petitions.decision')}>{p.meetingDecision}</Descriptions.Item>}
        </Descriptions>
        {can('accept') && (
          <Button
            type="primary"
            loading={act.isPending}
            onClick={() => act.mutate(() => petitionsApi.accept(id))}
            data-testid="petition-accept"
          >
            {t('petitions.accept')}
          </Button>
        )}
      </Card>
      {can('meeting') && (
        <Card title={t('petitions.meeting')} size="small">
          <Form
            form={meetingForm}
            layout="inline"
            onFinish={(v) =>
              act.mutate(() => petitionsApi.meeting(id, { meetingId: Number(v.meetingId), decision: v.decision || undefined }))
            }
          >
            <Form.Item name="meetingId" label={t('petitions.meetingId')} rules={[{ required: true }]}>
              <InputNumber min={1} data-testid="petition-meeting-id" />
            </Form.Item>
            <Form.Item name="decision" label={t('petitions.decision')}>
              <Input style={{ width: 320 }} data-testid="petition-decision" />
            </Form.Item>
            <Button htmlType="submit" data-testid="petition-meeting-save">
              {t('petitions.putOnMeeting')}
            </Button>
          </Form>
        </Card>
      )}
      {can('reply') && (
        <Card title={t('petitions.doReply')} size="small">
          <Form form={replyForm} onFinish={(v) => act.mutate(() => petitionsApi.reply(id, v.reply))}>
            <Form.Item name="reply" label={t('petitions.reply')} rules={[{ required: true }]}>
              <Input.TextArea rows={3} placeholder={t('petitions.replyPlaceholder')} data-testid="petition-reply" />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={act.isPending} data-testid="petition-reply-send">
              {t('petitions.doReply')}
            </Button>
          </Form>
        </Card>
      )}
      {can('close') && (
        <Card title={t('petitions.close')} size="small">
          <Form
            form={closeForm}
            initialValues={{ toLedger: true, beneficiaries: 1 }}
            onFinish={(v) =>
              modal.confirm({
                title: t('petitions.confirmClose'),
                onOk: () =>
                  act.mutate(() =>
                    petitionsApi.close(id, {
                      toLedger: v.toLedger,
                      title: v.title || undefined,
                      costFen: Math.round((v.costYuan ?? 0) * 100),
                      beneficiaries: v.beneficiaries ?? 1,
                    }),
                  ),
              })
            }
          >
            <Form.Item name="toLedger" valuePropName="checked">
              <Checkbox>{t('petitions.toLedger')}</Checkbox>
            </Form.Item>
            <Flex wrap gap={8}>
              <Form.Item name="title" label={t('petitions.ledgerTitle')}>
                <Input data-testid="petition-ledger-title" />
              </Form.Item>
              <Form.Item name="costYuan" label={t('petitions.costYuan')}>
                <InputNumber min={0} />
              </Form.Item>
              <Form.Item name="beneficiaries" label={t('petitions.beneficiaries')}>
                <InputNumber min={0} />
              </Form.Item>
            </Flex>
            <Button type="primary" htmlType="submit" data-testid="petition-close">
              {t('petitions.close')}
            </Button>
          </Form>
        </Card>
      )}
      <Card title={t('petitions.history')} size="small">
        <Timeline
          items={p.events.map((e) => ({
            children: `${new Date(e.at).toLocaleString('zh-CN')} ${e.kindName}${e.toOrgName ? ` → ${e.toOrgName}` : ''}${e.note ? `：${e.note}` : ''}`,
          }))}
        />
      </Card>
    </Flex>
  );
}
