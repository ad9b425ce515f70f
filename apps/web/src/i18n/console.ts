import i18n from 'i18next';
import { zhCNConsole } from './zh-CN.console';

/* The console's own Chinese text, merged into zh-CN when the console loads (AdminApp imports this
 * first). English is one file, loaded whole when chosen. */
i18n.addResourceBundle('zh-CN', 'translation', zhCNConsole, true, true);
