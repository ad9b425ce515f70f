import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { PETITION_CATEGORIES, PETITION_RATINGS } from '@vanguard/shared';
import {
  Button,
  Card,
  Checkbox,
  Form,
  ImageUploader,
  type ImageUploadItem,
  Input,
  List,
  Selector,
  Steps,
  Tag,
  TextArea,
  Toast,
} from 'antd-mobile';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Route, Routes, useNavigate, useParams } from 'react-router';
import { isApiError } from '../../api/client';
import { filesApi } from '../../api/endpoints';
import { careApi, petitionsApi } from '../../api/petitions';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';
import { ErrorBlock } from '../ErrorBlock';
import { FullPageSpin } from '../MobileLayout';

const statusColor = (s: string) =>
  s === 'closed' || s === 'rated' ? 'success' : s === 'replied' ? 'primary' : s === 'reopened' ? 'danger' : 'warning';

/** 我的诉求, 提诉求, my contact member and 办实事 (a worker's or member's phone). */
function MyPetitions() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const q = useQuery({ queryKey: ['my-petitions'], queryFn: () => petitionsApi.mine() });
  const contact = useQuery({ queryKey: ['my-contact-member'], queryFn: careApi.myContactMember });
  return (
    <>
      <div style={{ padding: 12, display: 'flex', gap: 8 }}>
        <Button color="primary" block onClick={() => navigate('/m/petitions/new')} data-testid="m-petition-new">
          {t('petitions.m.submit')}
        </Button>
        <Button block onClick={() => navigate('/m/petitions/deeds')} data-testid="m-petition-deeds">
          {t('petitions.m.deeds')}
        </Button>
      </div>
      <List header={t('petitions.m.contactMember')}>
        <List.Item data-testid="m-contact-member">
          {contact.data?.member ? `${contact.data.member.memberName}（${contact.data.member.orgName}）` : t('petitions.m.noContact')}
        </List.Item>
      </List>
      {q.isPending ? (
        <FullPageSpin />
      ) : q.error ? (
        <ErrorBlock status="default" title={errorText(q.error, t)} />
      ) : q.data.items.length === 0 ? (
        <ErrorBlock status="empty" title={t('petitions.m.none')} description={t('petitions.m.noneHint')} />
      ) : (
        <List header={t('petitions.m.mine')}>
          {q.data.items.map((p) => (
            <List.Item
              key={p.id}
              data-testid={`m-petition-${p.id}`}
              onClick={() => navigate(`/m/petitions/${p.id}`)}
              description={`${p.orgName} · ${t('petitions.m.due', { d: p.replyDueOn })}`}
              extra={<Tag color={statusColor(p.status)}>{p.statusName}</Tag>}
            >
              {p.categoryName}：{p.excerpt}
            </List.Item>
          ))}
        </List>
      )}
    </>
  );
}

type FormValues = { category: string[]; body: string; place?: string; orgId?: string[]; anonymous?: boolean; nameInLedger?: boolean };

/** 提诉求: category, text, photos, where, to whom, whether the name is shown. */
function NewPetition() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [photos, setPhotos] = useState<ImageUploadItem[]>([]);
  const targets = useQuery({ queryKey: ['petition-targets'], queryFn: petitionsApi.targets });
  const send = useMutation({
    mutationFn: (v: FormValues) =>
      petitionsApi.submit({
        category: v.category?.[0] as keyof typeof PETITION_CATEGORIES,
        body: v.body ?? '',
        place: v.place || undefined,
        photoFileIds: photos.map((p) => p.key as string),
        anonymous: !!v.anonymous,
        nameInLedger: !!v.nameInLedger,
        orgId: v.orgId?.[0] ? Number(v.orgId[0]) : undefined,
      }),
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: ['my-petitions'] });
      Toast.show({ icon: 'success', content: t('petitions.m.sent') });
      navigate(`/m/petitions/${p.id}`, { replace: true });
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) Toast.show({ icon: 'fail', content: errorText(e, t) });
    },
  });
  const orgOptions = targets.data
    ? [
        ...(targets.data.own
          ? [{ label: `${t('petitions.m.own')}（${targets.data.own.orgName}）`, value: String(targets.data.own.orgId) }]
          : []),
        ...targets.data.departments.map((d) => ({ label: d.orgName, value: String(d.orgId) })),
      ]
    : [];
  return (
    <Form
      form={form}
      onFinish={(v) => send.mutate(v)}
      footer={
        <Button block color="primary" type="submit" loading={send.isPending} data-testid="m-petition-submit">
          {t('petitions.m.submit')}
        </Button>
      }
    >
      <Form.Item name="category" label={t('petitions.category')} rules={[{ required: true, message: t('petitions.m.categoryRequired') }]}>
        <Selector
          columns={4}
          options={Object.entries(PETITION_CATEGORIES).map(([value, label]) => ({ value, label }))}
          data-testid="m-petition-category"
        />
      </Form.Item>
      <Form.Item name="body" label={t('petitions.body')} rules={[{ required: true, message: t('petitions.m.bodyRequired') }]}>
        <TextArea rows={4} maxLength={2000} showCount aria-label={t('petitions.body')} data-testid="m-petition-body" />
      </Form.Item>
      <Form.Item name="place" label={t('petitions.place')}>
        <Input maxLength={100} aria-label={t('petitions.place')} data-testid="m-petition-place" />
      </Form.Item>
      <Form.Item label={t('petitions.photos')}>
        <ImageUploader
          value={photos}
          onChange={setPhotos}
          maxCount={9}
          multiple
          accept="image/*"
          upload={async (file) => {
            const f = await filesApi.upload(file);
            return { key: f.id, url: URL.createObjectURL(file) };
          }}
          data-testid="m-petition-photos"
        />
      </Form.Item>
      {orgOptions.length > 1 && (
        <Form.Item name="orgId" label={t('petitions.m.target')}>
          <Selector columns={1} options={orgOptions} />
        </Form.Item>
      )}
      <Form.Item name="anonymous" valuePropName="checked">
        <Checkbox data-testid="m-petition-anonymous">{t('petitions.m.anonymous')}</Checkbox>
      </Form.Item>
      <Form.Item name="nameInLedger" valuePropName="checked">
        <Checkbox>{t('petitions.m.nameInLedger')}</Checkbox>
      </Form.Item>
    </Form>
  );
}

/** One petition: its path so far, the reply, and the rating buttons once replied. */
function MyPetition() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['my-petition', id], queryFn: () => petitionsApi.myOne(id) });
  const rate = useMutation({
    mutationFn: (rating: keyof typeof PETITION_RATINGS) => petitionsApi.rate(id, { rating }),
    onSuccess: (p) => {
      qc.setQueryData(['my-petition', id], p);
      void qc.invalidateQueries({ queryKey: ['my-petitions'] });
      Toast.show({ icon: 'success', content: t('petitions.m.rated') });
    },
    onError: (e) => Toast.show({ icon: 'fail', content: errorText(e, t) }),
  });
  if (q.isPending) return <FullPageSpin />;
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  const p = q.data;
  return (
    <>
      <Card
        title={`${p.categoryName} · ${p.orgName}`}
        extra={
          <Tag color={statusColor(p.status)} data-testid="m-petition-status">
            {p.statusName}
          </Tag>
        }
      >
        <p style={{ whiteSpace: 'pre-wrap' }}>{p.body}</p>
        <p style={{ color: 'var(--adm-color-weak)' }}>{t('petitions.m.due', { d: p.replyDueOn })}</p>
        {p.reply && (
          <p data-testid="m-petition-reply">
            <b>{t('petitions.reply')}：</b>
            {p.reply}
          </p>
        )}
      </Card>
      {p.actions.includes('rate') && (
        <Card title={t('petitions.m.rateTitle')}>
          <div style={{ display: 'flex', gap: 8 }}>
            {Object.entries(PETITION_RATINGS).map(([k, label]) => (
              <Button
                key={k}
                block
                loading={rate.isPending}
                onClick={() => rate.mutate(k as keyof typeof PETITION_RATINGS)}
                data-testid={`m-rate-${k}`}
              >
                {label}
              </Button>
            ))}
          </div>
          {p.reopens === 0 && <p style={{ color: 'var(--adm-color-weak)' }}>{t('petitions.m.reopenHint')}</p>}
        </Card>
      )}
      <Card title={t('petitions.history')}>
        <Steps direction="vertical" current={p.events.length - 1}>
          {p.events.map((e) => (
            <Steps.Step
              key={`${e.kind}-${String(e.at)}`}
              title={e.kindName}
              description={[e.toOrgName, e.note].filter(Boolean).join(' · ')}
            />
          ))}
        </Steps>
      </Card>
    </>
  );
}

/** 我为群众办实事 published to my org and those above it. */
function Deeds() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['my-deeds'], queryFn: () => petitionsApi.myDeeds({ page: 1, pageSize: 50 }) });
  if (q.isPending) return <FullPageSpin />;
  if (q.error) return <ErrorBlock status="default" title={errorText(q.error, t)} />;
  if (!q.data.items.length) return <ErrorBlock status="empty" title={t('petitions.noDeeds')} />;
  return (
    <List header={t('petitions.m.deeds')}>
      {q.data.items.map((d) => (
        <List.Item
          key={d.id}
          data-testid={`m-deed-${d.id}`}
          description={`${d.orgName} · ${d.doneOn}${d.petitionerName ? ` · ${d.petitionerName}` : ''}`}
        >
          <b>{d.title}</b>
          <div>{d.done}</div>
        </List.Item>
      ))}
    </List>
  );
}

export function MPetitionsRoutes() {
  return (
    <Routes>
      <Route index element={<MyPetitions />} />
      <Route path="new" element={<NewPetition />} />
      <Route path="deeds" element={<Deeds />} />
      <Route path=":id" element={<MyPetition />} />
    </Routes>
  );
}
