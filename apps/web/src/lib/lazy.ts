import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import { pageMessages } from '../i18n';

/**
 * `React.lazy` for a named export: `lazyNamed(() => import('./dues/MDuesRoutes'), 'MDuesRoutes')`.
 * Each call site is its own chunk (a module's pages, a dialog), fetched the first time it renders,
 * together with the pages' text (i18n/zh-CN.pages.ts, once); the route tree puts a Suspense with
 * the UI kit's spinner around it.
 */
// biome-ignore lint/suspicious/noExplicitAny: a component of any props, as React.lazy itself takes
export function lazyNamed<M extends Record<K, ComponentType<any>>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<M[K]> {
  return lazy(async () => {
    const [module] = await Promise.all([load(), pageMessages()]);
    return { default: module[name] };
  });
}
