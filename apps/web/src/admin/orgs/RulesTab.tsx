import { ReloadOutlined } from '@ant-design/icons';
import { Alert, Button, Flex, Result, Skeleton, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormationCode, FormationWarning } from '../../api/orgs';
import { errorText } from '../../lib/error-text';
import { useRuleCheck } from './org-query';

/* Codes that say the setup breaks a rule (warning) rather than that an option is open (info). */
const ADVICE: readonly FormationCode[] = ['MAY_FORM_GENERAL_BRANCH', 'MAY_FORM_COMMITTEE'];

/** 规范化检查: the formation rules over the org's subtree, each warning with the rule it comes from. */
export function RulesTab({ orgId, onSelect }: { orgId: number; onSelect: (id: number) => void }) {
  const { t } = useTranslation();
  const check = useRuleCheck(orgId);
  if (check.isError) return <Result status="warning" title={t('errors.loadFailed')} subTitle={errorText(check.error, t)} />;
  if (!check.data) return <Skeleton active />;
  const { warnings, ruleset, checkedOrgs } = check.data;
  const title = (w: FormationWarning) => t(`orgRules.codes.${w.code}`, { defaultValue: w.code });

  return (
    <Flex vertical gap={12}>
      <Flex gap={8} justify="space-between" align="start" wrap>
        <Typography.Text type="secondary" style={{ flex: '1 1 240px' }} data-testid="rule-source">
          {t('orgRules.scope', { count: checkedOrgs })}
          {t('orgRules.source', { source: ruleset.source, version: ruleset.version })}
        </Typography.Text>
        <Button icon={<ReloadOutlined />} loading={check.isFetching} onClick={() => void check.refetch()} data-testid="rule-recheck">
          {t('orgRules.recheck')}
        </Button>
      </Flex>
      {warnings.length === 0 ? (
        <Result status="success" title={t('orgRules.clean')} subTitle={t('orgRules.cleanHint')} data-testid="rule-empty" />
      ) : (
        <>
          <Typography.Text strong>{t('orgRules.found', { count: warnings.length })}</Typography.Text>
          {warnings.map((w) => (
            <Alert
              key={`${w.code}-${w.orgId}-${w.unitId ?? ''}`}
              type={ADVICE.includes(w.code) ? 'info' : 'warning'}
              showIcon
              title={title(w)}
              description={
                <Flex vertical gap={4}>
                  <span>{w.message}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('orgRules.basis', { source: w.source })}
                  </Typography.Text>
                  {w.orgId !== orgId && (
                    <Button type="link" size="small" style={{ padding: 0, alignSelf: 'flex-start' }} onClick={() => onSelect(w.orgId)}>
                      {t('orgRules.open', { name: w.orgName })}
                    </Button>
                  )}
                </Flex>
              }
              data-testid={`rule-warning-${w.code}`}
              data-org-id={w.orgId}
            />
          ))}
        </>
      )}
    </Flex>
  );
}
