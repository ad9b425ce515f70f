import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type DuesBracket, duesRulesetOn } from '@vanguard/shared';
import { Alert, App, Button, Card, Descriptions, Flex, Form, Radio, Select, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type DuesSettings, duesApi, yuan } from '../../api/dues';
import { errorText } from '../../lib/error-text';
import { applyFieldErrors } from '../../lib/form-errors';

const brackets = (list: readonly DuesBracket[]) =>
  list
    .map((b, i) => {
      const from = i === 0 ? null : list[i - 1].upToFen;
      const range =
        b.upToFen === null
          ? `${yuan(from ?? 0)} 元以上`
          : from === null
            ? `${yuan(b.upToFen)} 元以下（含）`
            : `${yuan(from)}–${yuan(b.upToFen)} 元（含）`;
      return `${range} ${b.rateBp / 100}%`;
    })
    .join('；');

/**
 * 规则设置: the dues ruleset in force, read-only with its source, and the two options the group sets
 * for everyone — rounding of new standards and the upward remittance cycle.
 */
export function SettingsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Pick<DuesSettings, 'rounding' | 'remitEveryMonths'>>();
  const q = useQuery({ queryKey: ['dues', 'settings'], queryFn: duesApi.settings });
  const save = useMutation({
    mutationFn: duesApi.saveSettings,
    onSuccess: (s) => {
      qc.setQueryData(['dues', 'settings'], s);
      message.success(t('dues.saved'));
    },
    onError: (e) => {
      if (!(isApiError(e) && applyFieldErrors(form, e))) message.error(errorText(e, t));
    },
  });
  if (q.isPending) return <Skeleton active />;
  if (q.isError) return <Alert type="error" message={errorText(q.error, t)} />;
  const s = q.data;
  const rs = duesRulesetOn(new Date().toLocaleDateString('sv-SE'));
  return (
    <Flex vertical gap={16}>
      <Card size="small" title={t('dues.settings.options')}>
        {s.canEdit ? null : <Alert type="info" showIcon style={{ marginBottom: 12 }} message={t('dues.settings.groupOnly')} />}
        <Form
          form={form}
          layout="vertical"
          disabled={!s.canEdit}
          initialValues={{ rounding: s.rounding, remitEveryMonths: s.remitEveryMonths }}
          onFinish={(v) => save.mutate(v)}
          style={{ maxWidth: 520 }}
        >
          <Form.Item name="rounding" label={t('dues.settings.rounding')} extra={t('dues.settings.roundingHint')}>
            <Radio.Group data-testid="dues-rounding">
              {Object.entries(s.roundings).map(([k, label]) => (
                <Radio key={k} value={k}>
                  {label}
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="remitEveryMonths" label={t('dues.settings.remit')}>
            <Select
              style={{ width: 200 }}
              options={[1, 3, 6, 12].map((n) => ({ value: n, label: t('dues.everyMonths', { n }) }))}
              data-testid="dues-remit-every"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="dues-settings-save">
            {t('dues.settings.save')}
          </Button>
        </Form>
      </Card>
      <Card size="small" title={t('dues.settings.ruleset', { version: rs.version, from: rs.effectiveFrom })}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="在职">{brackets(rs.employed)}（按全部基数计算）</Descriptions.Item>
          <Descriptions.Item label="离退休">{brackets(rs.retired)}</Descriptions.Item>
          <Descriptions.Item label="学生、下岗失业、低保、救济">每月 {yuan(rs.fixedFen.student ?? 0)} 元</Descriptions.Item>
          <Descriptions.Item label="农民">
            每月 {yuan(rs.farmerFen.min)}–{yuan(rs.farmerFen.max)} 元，默认 {yuan(rs.farmerFen.default)} 元
          </Descriptions.Item>
          <Descriptions.Item label="每月上限">
            {yuan(rs.capFen)} 元（自愿多交不限；一次 {yuan(rs.largeDuesAboveFen)} 元以上为大额党费，全额上缴）
          </Descriptions.Item>
          <Descriptions.Item label="补交、预交">
            补交一般不超过 {rs.backPayMaxMonths} 个月（超过须党委批准），预交不超过 {rs.prepayMaxMonths} 个月
          </Descriptions.Item>
          <Descriptions.Item label="欠缴处理">
            连续 {rs.arrears.remindMember} 个月提醒本人，{rs.arrears.escalate} 个月提醒书记，{rs.arrears.withdrawal} 个月启动自行脱党审查
          </Descriptions.Item>
          <Descriptions.Item label={t('dues.source')}>{rs.source}</Descriptions.Item>
        </Descriptions>
      </Card>
    </Flex>
  );
}
