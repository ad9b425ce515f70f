import i18n from 'i18next';
import { zhCNPages } from './zh-CN.pages';

/* The pages' Chinese text, merged into zh-CN (deep: beside each module's name already there). */
i18n.addResourceBundle('zh-CN', 'translation', zhCNPages, true, true);
