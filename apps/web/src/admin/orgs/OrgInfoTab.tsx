import { EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Descriptions, Flex, Form } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { type OrgDto, orgApi } from '../../api/orgs';
import type { OrgNodeDto } from '../../api/types';
import { errorText } from '../../lib/error-text';
import { applyIssues, hasFieldFor } from './form-issues';
import { fromOrg, OrgFormFields, type OrgFormValues, orgChanges } from './OrgFormFields';
import { refreshOrgs } from './org-query';
import { categoryText, kindText } from './org-text';

interface Props {
  org: OrgDto;
  node?: OrgNodeDto;
  parent?: OrgNodeDto;
  canWrite: boolean;
}

/** 基本信息: the org's facts; 修改 opens them as a form in place (the kind changes only by 升格). */
export function OrgInfoTab({ org, node, parent, canWrite }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form] = Form.useForm<OrgFormValues>();
  const save = useMutation({
    mutationFn: async (v: OrgFormValues) => {
      const body = orgChanges(org, v);
      return Object.keys(body).length ? orgApi.update(org.id, body) : null;
    },
    onSuccess: async (saved) => {
      message.success(saved ? t('orgForm.saved') : t('orgForm.nothingChanged'));
      setEditing(false);
      if (saved) await refreshOrgs(qc);
    },
    onError: (e) => {
      if (isApiError(e)) applyIssues(form, e);
    },
  });
  const err = save.error;
  const fieldLevel = hasFieldFor(form, err);
  const dash = (v: string | null | undefined) => v || '—';

  if (editing) {
    return (
      <Form<OrgFormValues>
        form={form}
        layout="vertical"
        initialValues={fromOrg(org)}
        onFinish={(v) => save.mutate(v)}
        onValuesChange={() => save.error && save.reset()}
        data-testid="org-edit-form"
      >
        {err && !fieldLevel && <Alert type="error" showIcon title={errorText(err, t)} style={{ marginBottom: 12 }} />}
        <OrgFormFields prefix="org-edit" />
        <Flex gap={8}>
          <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="org-edit-save">
            {t('common.save')}
          </Button>
          <Button
            onClick={() => {
              save.reset();
              setEditing(false);
            }}
          >
            {t('common.cancel')}
          </Button>
        </Flex>
      </Form>
    );
  }

  return (
    <>
      <Descriptions
        column={{ xs: 1, md: 2, xxl: 3 }}
        size="small"
        items={[
          { key: 'name', label: t('orgDetail.fields.name'), children: org.name },
          { key: 'kind', label: t('orgDetail.fields.kind'), children: kindText(t, org.kind, org.kindName) },
          { key: 'category', label: t('orgDetail.fields.category'), children: categoryText(t, org.category, org.categoryName) },
          { key: 'parent', label: t('orgDetail.fields.parent'), children: dash(parent?.name) },
          { key: 'unitName', label: t('orgDetail.fields.unitName'), children: dash(org.unitName) },
          { key: 'foundedOn', label: t('orgDetail.fields.foundedOn'), children: dash(org.foundedOn) },
          { key: 'docNo', label: t('orgDetail.fields.docNo'), children: dash(org.docNo) },
          {
            key: 'members',
            label: t('orgDetail.fields.members'),
            children: node ? t('orgs.members', { count: node.memberCount }) : '—',
          },
          {
            key: 'children',
            label: t('orgDetail.fields.children'),
            children: node ? t('orgDetail.childCount', { count: node.children.length }) : '—',
          },
        ]}
        data-testid="org-info"
      />
      {canWrite && (
        <Button icon={<EditOutlined />} style={{ marginTop: 12 }} onClick={() => setEditing(true)} data-testid="org-edit">
          {t('orgDetail.edit')}
        </Button>
      )}
    </>
  );
}
