import { EXCLUDED_ABSENCE_REASONS, type StepDef, tallyVote } from '@vanguard/shared';
import { Divider, Flex, Form, Input, InputNumber, Radio, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { VoteInput } from '../../api/recruitment';

import { rq, TextField } from './StepOwnFields';

interface Voter {
  id: number;
  name: string;
}

/**
 * At a branch meeting (steps 15 and 23): the outcome (23), the resolution and the vote — absentees
 * with why they are excluded or their written opinion, the counts, the result — with the tally of
 * quorum and majority as the secretary types.
 */
export function StepVote({ def, voters, total }: { def: StepDef; voters: Voter[]; total: number }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const absentIds: number[] = Form.useWatch('absentIds', form) ?? [];
  const vote: Partial<VoteInput> = Form.useWatch('vote', form) ?? {};
  const outcome = Form.useWatch(['form', 'outcome'], form);
  const voterOptions = voters.map((v) => ({ value: v.id, label: v.name }));
  const nameOf = (id: number) => voters.find((v) => v.id === id)?.name ?? String(id);
  const text = (name: string, label: string, rows = 0) => <TextField name={name} label={label} rows={rows} />;

  const { tally } = tallyVote({
    fullMemberIds: voters.map((v) => v.id),
    absentees: (vote.absentees ?? []).map((a) => ({
      memberId: a.memberId,
      excludedReason: (a.excludedReason as never) || null,
      approvedBy: a.approvedBy,
      writtenOpinion: (a.writtenOpinion as never) || null,
    })),
    forCount: Number(vote.forCount ?? 0),
    againstCount: Number(vote.againstCount ?? 0),
    abstainCount: Number(vote.abstainCount ?? 0),
    result: (vote.result as 'pass' | 'fail') ?? 'pass',
  });

  const syncAbsentees = (ids: number[]) => {
    const current = (form.getFieldValue(['vote', 'absentees']) ?? []) as NonNullable<VoteInput['absentees']>;
    form.setFieldValue(
      ['vote', 'absentees'],
      ids.map((id) => current.find((a) => a.memberId === id) ?? { memberId: id }),
    );
  };

  return (
    <>
      {def.no === 23 && (
        <Flex gap={12} wrap>
          <Form.Item name={['form', 'outcome']} label={t('recruitment.form.outcome')} rules={rq(t('recruitment.form.outcome'))}>
            <Radio.Group data-testid="step-form-outcome">
              <Radio value="convert">{t('recruitment.form.outcomeConvert')}</Radio>
              <Radio value="extend">{t('recruitment.form.outcomeExtend')}</Radio>
              <Radio value="cancel">{t('recruitment.form.outcomeCancel')}</Radio>
            </Radio.Group>
          </Form.Item>
          {outcome === 'extend' && (
            <Form.Item
              name={['form', 'extensionMonths']}
              label={t('recruitment.form.extensionMonths')}
              rules={rq(t('recruitment.form.extensionMonths'))}
            >
              <InputNumber min={1} max={24} data-testid="step-form-extensionMonths" />
            </Form.Item>
          )}
        </Flex>
      )}
      {text('resolution', t('recruitment.form.resolution'), 2)}
      <Divider titlePlacement="start" plain>
        {t('recruitment.vote.title')} · {t('recruitment.vote.voters', { count: total })}
      </Divider>
      <Form.Item name="absentIds" label={t('recruitment.vote.absentees')}>
        <Select
          mode="multiple"
          showSearch={{ optionFilterProp: 'label' }}
          options={voterOptions}
          placeholder={t('recruitment.vote.pickAbsentees')}
          onChange={(ids: number[]) => syncAbsentees(ids)}
          data-testid="vote-absentees"
        />
      </Form.Item>
      <Form.List name={['vote', 'absentees']}>
        {(fields) =>
          fields.map((f, i) => (
            <Flex key={f.key} gap={8} wrap align="flex-start" data-testid={`vote-absentee-${i}`}>
              <Typography.Text style={{ minWidth: 64, paddingTop: 6 }}>{nameOf(absentIds[i])}</Typography.Text>
              <Form.Item name={[f.name, 'excludedReason']} style={{ minWidth: 300 }}>
                <Select
                  allowClear
                  placeholder={t('recruitment.vote.excludedNone')}
                  options={Object.entries(EXCLUDED_ABSENCE_REASONS).map(([value, label]) => ({ value, label }))}
                  data-testid={`vote-absentee-${i}-reason`}
                />
              </Form.Item>
              <Form.Item name={[f.name, 'approvedBy']}>
                <Input placeholder={t('recruitment.vote.approvedBy')} maxLength={50} data-testid={`vote-absentee-${i}-approvedBy`} />
              </Form.Item>
              <Form.Item name={[f.name, 'writtenOpinion']}>
                <Select
                  allowClear
                  style={{ width: 140 }}
                  placeholder={t('recruitment.vote.writtenOpinion')}
                  options={(['for', 'against', 'abstain'] as const).map((b) => ({ value: b, label: t(`recruitment.vote.${b}`) }))}
                  data-testid={`vote-absentee-${i}-opinion`}
                />
              </Form.Item>
            </Flex>
          ))
        }
      </Form.List>
      <Flex gap={12} wrap>
        {(['forCount', 'againstCount', 'abstainCount'] as const).map((k) => (
          <Form.Item
            key={k}
            name={['vote', k]}
            label={t(`recruitment.vote.${k.replace('Count', '') as 'for'}`)}
            rules={rq(t(`recruitment.vote.${k.replace('Count', '') as 'for'}`))}
          >
            <InputNumber min={0} max={1000} data-testid={`vote-${k}`} />
          </Form.Item>
        ))}
        <Form.Item name={['vote', 'result']} label={t('recruitment.vote.result')} rules={rq(t('recruitment.vote.result'))}>
          <Radio.Group data-testid="vote-result">
            <Radio value="pass">{t('recruitment.vote.pass')}</Radio>
            <Radio value="fail">{t('recruitment.vote.fail')}</Radio>
          </Radio.Group>
        </Form.Item>
      </Flex>
      {tally && (
        <Flex gap={8} wrap style={{ marginBottom: 12 }} data-testid="vote-tally">
          <span>
            {t('recruitment.vote.tally', {
              entitled: tally.entitled,
              present: tally.present,
              forCount: tally.totalFor,
              opinions: tally.absentOpinionsFor,
            })}
          </span>
          <Tag color={tally.quorum ? 'green' : 'red'}>{tally.quorum ? t('recruitment.vote.quorumOk') : t('recruitment.vote.quorumNo')}</Tag>
          <Tag color={tally.majority ? 'green' : 'red'}>
            {tally.majority ? t('recruitment.vote.majorityOk') : t('recruitment.vote.majorityNo')}
          </Tag>
        </Flex>
      )}
    </>
  );
}
